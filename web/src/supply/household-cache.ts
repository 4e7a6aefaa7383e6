import { householdTerms, parseSearch } from '../../../src/supply/search-terms.js';
import type { HouseholdDue } from '../../../src/supply/supply-views.js';
import { HOUSEHOLD_STORE, runIn } from './offline-claims.js';

export type { HouseholdDue };

/** A household as the search answers it (`GET …/households/search`). */
export interface FoundHousehold {
  readonly id: string;
  readonly committeeId: string;
  readonly name: string | null;
  readonly address: string;
  /** Printed under the card's QR code. */
  readonly cardCode: string;
  readonly members: readonly { id: string; ageBand: string; needs: readonly string[] }[];
}

/** A kept household: as found, with its terms and the last due answers by period (and when read). */
interface Kept extends FoundHousehold {
  readonly terms: readonly string[];
  readonly due: Readonly<Record<string, { due: HouseholdDue; readAt: string }>>;
}

const CAP = 20_000;

/**
 * The distribution point's copy of the households it has found and what they were due, in
 * IndexedDB: without the network the search box searches it with the same rules as the server
 * (src/supply/search-terms.ts: word prefixes of name and address, card code), and a household's last
 * known due is shown with the time it was read. It holds only households this device has found
 * online, never the committee's whole register (an offline search reads at most CAP of them).
 *
 * @example await householdCache.keep(found); const hits = await householdCache.search(committeeId, 'roj');
 */
export const householdCache = Object.freeze({
  /** Keeps (or refreshes) found households, keeping what was known of their dues. */
  async keep(found: readonly FoundHousehold[]): Promise<void> {
    if (found.length === 0) return;
    const old = await Promise.all(found.map((h) => this.get(h.id)));
    await runIn(HOUSEHOLD_STORE, 'readwrite', (s) => {
      found.forEach((h, i) => {
        const kept: Kept = { ...h, terms: householdTerms(h), due: old[i]?.due ?? {} };
        s.put(kept);
      });
      return null;
    });
  },
  /** A kept household by id. */
  get(id: string): Promise<Kept | undefined> {
    return runIn<Kept | undefined>(HOUSEHOLD_STORE, 'readonly', (s) => s.get(id));
  },
  /** Remembers a due answer for its household (when the household is kept). */
  async keepDue(due: HouseholdDue): Promise<void> {
    const h = await this.get(due.householdId);
    if (!h) return;
    const next: Kept = { ...h, due: { ...h.due, [due.period]: { due, readAt: new Date().toISOString() } } };
    await runIn(HOUSEHOLD_STORE, 'readwrite', (s) => s.put(next));
  },
  /** The last due answer kept for a household and period, with when it was read. */
  async dueOf(id: string, period: string): Promise<{ due: HouseholdDue; readAt: string } | null> {
    return (await this.get(id))?.due[period] ?? null;
  },
  /** Searches the kept households of a committee as the server would; at most `limit`, in id order. */
  async search(committeeId: string, text: string, limit = 20): Promise<FoundHousehold[]> {
    const query = parseSearch(text);
    if (query.kind === 'too-short') return [];
    const all = await runIn<Kept[]>(HOUSEHOLD_STORE, 'readonly', (s) =>
      s.index('committeeId').getAll(committeeId, CAP),
    );
    const hits = all.filter((h) =>
      query.kind === 'card-code'
        ? h.cardCode === query.code
        : query.words.every((w) => h.terms.some((t) => t.startsWith(w))),
    );
    return hits.sort((a, b) => a.id.localeCompare(b.id)).slice(0, limit);
  },
});
