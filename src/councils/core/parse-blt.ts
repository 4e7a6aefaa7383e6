import type { BallotParseResult, RankedBallot } from './ballot-profile.js';

interface Token {
  readonly text: string;
  readonly quoted: boolean;
}

type LineTokens = { readonly tokens: Token[] } | { readonly error: string };

/** Splits a line into bare words and double-quoted strings; `#` outside quotes starts a comment. */
function tokenize(line: string): LineTokens {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '#') {
      break;
    } else if (ch === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) return { error: 'a quoted name is not closed' };
      tokens.push({ text: line.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t' && line[j] !== '"' && line[j] !== '#')
        j++;
      tokens.push({ text: line.slice(i, j), quoted: false });
      i = j;
    }
  }
  return { tokens };
}

const WHOLE = /^\d+$/;

/**
 * Reads a BLT ballot file, the input format of STV counting programs (OpenSTV, eSTV, Droop):
 *
 * ```
 * 4 2            candidates, seats
 * -3             optional: withdrawn candidates, negated (several allowed on the line)
 * 3 1 2 0        weight, preferences by candidate number (1-based), 0 ends the ballot
 * 1 4 2=3 0      `=` joins candidates ranked equally (an extension some programs write)
 * 0              ends the ballots
 * "Alice"        one quoted name per candidate, in number order (several may share a line)
 * "Title"        optional title
 * ```
 *
 * `#` starts a comment outside quotes; blank lines are ignored. Weights are positive integers. A
 * candidate may appear once per ballot. Anything else is `malformed` with its 1-based line.
 *
 * @example parseBlt('2 1\n3 1 2 0\n2 2 0\n0\n"Ana"\n"Beto"\n"Delegate"\n') // 5 papers, 1 seat
 */
export function parseBlt(text: string): BallotParseResult {
  const lines = text.split(/\r?\n/);
  let at = 0;
  const malformed = (line: number, reason: string): BallotParseResult => ({
    status: 'malformed',
    line,
    reason,
  });

  /** Next line with tokens, or null at the end of the file. */
  const nextLine = (): { line: number; tokens: Token[] } | { line: number; error: string } | null => {
    while (at < lines.length) {
      const line = at + 1;
      const t = tokenize(lines[at]!);
      at++;
      if ('error' in t) return { line, error: t.error };
      if (t.tokens.length > 0) return { line, tokens: t.tokens };
    }
    return null;
  };

  const header = nextLine();
  if (header === null) return malformed(1, 'the file is empty; expected "candidates seats"');
  if ('error' in header) return malformed(header.line, header.error);
  const [nTok, sTok, extra] = header.tokens;
  if (
    !nTok ||
    !sTok ||
    extra ||
    nTok.quoted ||
    sTok.quoted ||
    !WHOLE.test(nTok.text) ||
    !WHOLE.test(sTok.text)
  ) {
    return malformed(header.line, 'the first line must be two whole numbers: "candidates seats"');
  }
  const n = Number(nTok.text);
  const seats = Number(sTok.text);
  if (n < 1) return malformed(header.line, 'there must be at least one candidate');
  if (seats < 1) return malformed(header.line, 'there must be at least one seat');

  const withdrawn: number[] = [];
  const ballots: RankedBallot[] = [];
  let ended = false;
  let lastLine = header.line;
  let pending = nextLine();
  if (pending && 'tokens' in pending && pending.tokens[0]?.text.startsWith('-')) {
    for (const tok of pending.tokens) {
      const k = /^-\d+$/.test(tok.text) && !tok.quoted ? -Number(tok.text) : Number.NaN;
      if (!(k >= 1 && k <= n)) {
        return malformed(pending.line, `"${tok.text}" is not a withdrawn candidate (-1 to -${n})`);
      }
      if (!withdrawn.includes(k - 1)) withdrawn.push(k - 1);
    }
    pending = nextLine();
  }

  while (pending !== null) {
    if ('error' in pending) return malformed(pending.line, pending.error);
    const { line, tokens } = pending;
    lastLine = line;
    const first = tokens[0]!;
    if (first.quoted) return malformed(line, 'a name appears before the 0 line that ends the ballots');
    if (first.text === '0') {
      if (tokens.length > 1) return malformed(line, 'a ballot cannot have weight 0');
      ended = true;
      break;
    }
    if (!WHOLE.test(first.text)) {
      return malformed(line, `ballot weight "${first.text}" is not a positive whole number`);
    }
    const weight = Number(first.text);
    if (!Number.isSafeInteger(weight)) return malformed(line, `ballot weight ${first.text} is too large`);
    const last = tokens[tokens.length - 1]!;
    if (tokens.length < 2 || last.text !== '0' || last.quoted) {
      return malformed(line, 'a ballot line must end with 0');
    }
    const seen = new Set<number>();
    const ranking: Array<number | number[]> = [];
    for (let i = 1; i < tokens.length - 1; i++) {
      const tok = tokens[i]!;
      if (tok.quoted) return malformed(line, 'a name appears before the 0 line that ends the ballots');
      const parts = tok.text.split('=');
      const group: number[] = [];
      for (const part of parts) {
        const c = WHOLE.test(part) ? Number(part) : Number.NaN;
        if (c === 0) return malformed(line, 'a 0 inside a ballot; 0 may only end it');
        if (!(c >= 1 && c <= n)) return malformed(line, `"${part}" is not a candidate number (1 to ${n})`);
        if (seen.has(c)) return malformed(line, `candidate ${c} is ranked twice`);
        seen.add(c);
        group.push(c - 1);
      }
      ranking.push(group.length === 1 ? group[0]! : group);
    }
    ballots.push({ weight, ranking });
    pending = nextLine();
  }
  if (!ended) return malformed(lastLine + 1, 'the file ends before the 0 line that ends the ballots');

  const names: string[] = [];
  let title: string | undefined;
  for (let item = nextLine(); item !== null; item = nextLine()) {
    if ('error' in item) return malformed(item.line, item.error);
    for (const tok of item.tokens) {
      if (!tok.quoted) return malformed(item.line, `expected a name in double quotes, found ${tok.text}`);
      if (names.length < n) names.push(tok.text);
      else if (title === undefined) title = tok.text;
      else return malformed(item.line, 'unexpected text after the title');
    }
    lastLine = item.line;
  }
  if (names.length < n) {
    return malformed(lastLine + 1, `expected ${n} candidate names in double quotes, found ${names.length}`);
  }
  return {
    status: 'parsed',
    profile: { candidates: names, withdrawn, ballots, seats, ...(title === undefined ? {} : { title }) },
  };
}
