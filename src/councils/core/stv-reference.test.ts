import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countStv, E5 } from './stv-count.js';

interface Paper {
  readonly prefs: readonly number[];
  readonly weight: number;
  at: number;
  value: number;
}

/**
 * A deliberately plain second reading of SSI 2007/42 Sch. 1 rr. 45–52, written without the packed
 * arrays of `countStv`: papers are objects, totals are recomputed from the piles at every stage.
 * Returns null where a lot would be needed (the look-back cannot decide).
 */
function referenceCount(
  n: number,
  ballots: ReadonlyArray<{ weight: number; ranking: number[] }>,
  seats: number,
): { sheet: number[][]; elected: number[]; excluded: number[] } | null {
  const papers: Paper[] = ballots
    .filter((b) => b.ranking.length > 0)
    .map((b) => ({ prefs: b.ranking, weight: b.weight, at: 0, value: E5 }));
  const valid = papers.reduce((a, p) => a + p.weight, 0);
  const quota = (Math.floor(valid / (seats + 1)) + 1) * E5;
  const state: Array<'continuing' | 'elected' | 'excluded'> = Array(n).fill('continuing');
  const pile: Paper[][] = Array.from({ length: n }, () => []);
  const done: boolean[] = Array(n).fill(false); // surplus transferred
  for (const p of papers) pile[p.prefs[0]!]!.push(p);
  const total = (c: number): number =>
    done[c] ? quota : state[c] === 'excluded' ? 0 : pile[c]!.reduce((a, p) => a + p.weight * p.value, 0);
  const sheet: number[][] = [];
  const elected: number[] = [];
  const excluded: number[] = [];
  const move = (from: number): void => {
    for (const p of pile[from]!) {
      let k = p.at + 1;
      while (k < p.prefs.length && state[p.prefs[k]!] !== 'continuing') k++;
      if (k < p.prefs.length) {
        p.at = k;
        pile[p.prefs[k]!]!.push(p);
      }
    }
    pile[from] = [];
  };
  /** Rules 49(2), 51(2)(a): look back for the stage where the tied differ; null when never. */
  const lookBack = (tied: number[], highest: boolean): number | null => {
    let set = tied;
    for (let j = sheet.length - 2; j >= 0 && set.length > 1; j--) {
      const row = sheet[j]!;
      const best = highest ? Math.max(...set.map((c) => row[c]!)) : Math.min(...set.map((c) => row[c]!));
      set = set.filter((c) => row[c] === best);
    }
    return set.length === 1 ? set[0]! : null;
  };
  for (;;) {
    const row = Array.from({ length: n }, (_, c) => total(c));
    sheet.push(row);
    const reaching = row.map((_v, c) => c).filter((c) => state[c] === 'continuing' && row[c]! >= quota);
    reaching.sort((a, b) => row[b]! - row[a]!);
    for (let i = 0; i + 1 < reaching.length; i++)
      if (row[reaching[i]!] === row[reaching[i + 1]!]) return null;
    for (const c of reaching) {
      state[c] = 'elected';
      elected.push(c);
    }
    const continuing = row.map((_, c) => c).filter((c) => state[c] === 'continuing');
    if (elected.length === seats) break;
    if (continuing.length <= seats - elected.length) {
      continuing.sort((a, b) => row[b]! - row[a]!);
      for (let i = 0; i + 1 < continuing.length; i++)
        if (row[continuing[i]!] === row[continuing[i + 1]!]) return null;
      elected.push(...continuing);
      break;
    }
    const surplus = row
      .map((_v, c) => c)
      .filter((c) => state[c] === 'elected' && !done[c] && row[c]! > quota)
      .sort((a, b) => row[b]! - row[a]!);
    if (surplus.length > 0) {
      let c = surplus[0]!;
      const tied = surplus.filter((d) => row[d] === row[c]);
      if (tied.length > 1) {
        const pick = lookBack(tied, true);
        if (pick === null) return null;
        c = pick;
      }
      const s = row[c]! - quota;
      const t = row[c]!;
      for (const p of pile[c]!) p.value = Number((BigInt(s) * BigInt(p.value)) / BigInt(t));
      move(c);
      done[c] = true;
    } else {
      const low = Math.min(...continuing.map((c) => row[c]!));
      const tied = continuing.filter((c) => row[c] === low);
      const c = tied.length === 1 ? tied[0]! : lookBack(tied, false);
      if (c === null) return null;
      state[c] = 'excluded';
      excluded.push(c);
      move(c);
    }
  }
  return { sheet, elected, excluded };
}

describe('countStv agrees with a plain second reading of the rules', () => {
  it('stage by stage, on random elections that need no lot', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            seats: fc.integer({ min: 1, max: Math.max(1, n - 1) }),
            ballots: fc.array(
              fc.record({
                weight: fc.integer({ min: 1, max: 60 }),
                ranking: fc.shuffledSubarray([...Array(n).keys()]),
              }),
              { minLength: 1, maxLength: 30 },
            ),
          }),
        ),
        ({ n, seats, ballots }) => {
          const expected = referenceCount(n, ballots, seats);
          fc.pre(expected !== null);
          const names = [...Array(n).keys()].map((c) => `C${c}`);
          const r = countStv({ candidates: names, withdrawn: [], ballots }, { seats });
          if (r.status !== 'counted') throw new Error(r.reason);
          expect(r.lotsDrawn).toBe(0);
          expect(r.stages.map((s) => s.votesE5)).toEqual(expected!.sheet);
          expect(r.elected.map((e) => e.candidate)).toEqual(expected!.elected);
          expect(r.excluded).toEqual(expected!.excluded);
          compared++;
        },
      ),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
