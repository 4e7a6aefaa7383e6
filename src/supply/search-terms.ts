import { foldText } from '../core/fold-text.js';

/** Shortest fragment searched for: one or two letters would match most of a committee. */
export const MIN_TERM_LENGTH = 2;
/** Longest term kept; longer words are cut (a prefix of them still finds them). */
export const MAX_TERM_LENGTH = 40;
/** Prefix that marks a card code among the terms, so it never matches a word of an address. */
export const CARD_CODE_MARK = '#';
/** Hex digits of the card code: the last ones of the household's UUID (its random part). */
export const CARD_CODE_LENGTH = 8;

/** The words of a text as search terms: normalised, split on anything not a letter or digit. */
export function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, MAX_TERM_LENGTH));
}

/**
 * A household's card code: the last 8 hex digits of its UUIDv7 id, printed under the card's QR
 * code so an officer can type it when the camera cannot read the card. UUIDv7 ids begin with the
 * time, so households registered together share their first digits; the last 62 bits are random.
 *
 * @example cardCode('01933b2e-6a7b-7c00-8d1e-2f3a4b5c6d7e') === '4b5c6d7e'
 */
export function cardCode(householdId: string): string {
  return householdId.replaceAll('-', '').slice(-CARD_CODE_LENGTH).toLowerCase();
}

/**
 * Every term a household is found by: each word of its name and address, and its card code
 * (marked with `#`). A search fragment matches a term it begins ("rojas" finds "Rojas Pérez",
 * "1245" finds "Ñuble 1245").
 */
export function householdTerms(household: { id: string; address: string; name: string | null }): string[] {
  // Words shorter than a searchable fragment can never be found, so they are not kept.
  const words = [...wordsOf(household.address), ...(household.name ? wordsOf(household.name) : [])];
  const terms = new Set<string>([
    ...words.filter((w) => w.length >= MIN_TERM_LENGTH),
    `${CARD_CODE_MARK}${cardCode(household.id)}`,
  ]);
  return [...terms];
}

/** What the search box was given, read as one of three kinds of query. */
export type SearchQuery =
  /** Word fragments; a household matches when each fragment begins one of its terms. */
  | { readonly kind: 'words'; readonly words: readonly string[] }
  /** A card code (8 hex digits, with or without `#`). */
  | { readonly kind: 'card-code'; readonly code: string }
  /** Too short to search (every fragment shorter than MIN_TERM_LENGTH). */
  | { readonly kind: 'too-short' };

/**
 * Reads a search text: `#4b5c6d7e` or 8 bare hex digits containing a digit is a card code,
 * anything else is words (fragments shorter than MIN_TERM_LENGTH are ignored). A registry number
 * is not read here: the service tries it as one first (see HouseholdsService.search).
 */
export function parseSearch(text: string): SearchQuery {
  const t = foldText(text).trim();
  const code = /^#?([0-9a-f]{8})$/.exec(t);
  if (code?.[1] && (t.startsWith(CARD_CODE_MARK) || /\d/.test(code[1]))) {
    return { kind: 'card-code', code: code[1] };
  }
  const words = [...new Set(wordsOf(t))].filter((w) => w.length >= MIN_TERM_LENGTH);
  if (words.length === 0) return { kind: 'too-short' };
  // Longest first: the store looks the first one up in the index and filters by the rest.
  words.sort((a, b) => b.length - a.length);
  return { kind: 'words', words: words.slice(0, 4) };
}
