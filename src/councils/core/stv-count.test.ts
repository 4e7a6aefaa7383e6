import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BallotProfile, RankedBallot } from './ballot-profile.js';
import { formatVotes } from './format-votes.js';
import { countStv, E5, type StvResult } from './stv-count.js';

function counted(profile: BallotProfile, seats: number, lotSeed?: number): StvResult {
  const r = countStv(profile, lotSeed === undefined ? { seats } : { seats, lotSeed });
  if (r.status !== 'counted') throw new Error(r.reason);
  return r;
}

const profile = (candidates: string[], ballots: RankedBallot[], withdrawn: number[] = []): BallotProfile => ({
  candidates,
  withdrawn,
  ballots,
});

/** Votes of every candidate at the end of each stage, as exact decimal strings. */
const sheet = (r: StvResult): string[][] => r.stages.map((s) => s.votesE5.map(formatVotes));

describe('countStv — Scottish STV rules (SSI 2007/42 Sch. 1 rr. 45–52)', () => {
  it('one seat is instant-runoff: the lowest is excluded until someone reaches a majority quota', () => {
    const r = counted(
      profile(
        ['A', 'B', 'C'],
        [
          { weight: 4, ranking: [0] },
          { weight: 3, ranking: [1] },
          { weight: 2, ranking: [2, 1] },
        ],
      ),
      1,
    );
    expect(r.method).toBe('instant-runoff');
    expect(r.quota).toBe(5); // floor(9 / 2) + 1
    expect(sheet(r)).toEqual([
      ['4', '3', '2'],
      ['4', '5', '0'],
    ]);
    expect(r.stages[1]!.action).toEqual({ kind: 'exclusion', candidate: 2 });
    expect(r.elected).toEqual([{ candidate: 1, stage: 2, reason: 'quota' }]);
  });

  it('counts the Wikipedia food election by hand: Chocolate, Orange, Strawberry', () => {
    // 20 papers, 3 seats, quota floor(20/4)+1 = 6. Chocolate's surplus 6 of 12 goes at 0.5.
    const r = counted(
      profile(
        ['Orange', 'Pear', 'Chocolate', 'Strawberry', 'Bonbon'],
        [
          { weight: 4, ranking: [0] },
          { weight: 2, ranking: [1, 0] },
          { weight: 8, ranking: [2, 3] },
          { weight: 4, ranking: [2, 4] },
          { weight: 1, ranking: [3] },
          { weight: 1, ranking: [4] },
        ],
      ),
      3,
    );
    expect(r.quota).toBe(6);
    expect(sheet(r)).toEqual([
      ['4', '2', '12', '1', '1'],
      ['4', '2', '6', '5', '3'],
      ['6', '0', '6', '5', '3'],
      ['6', '0', '6', '5', '0'],
    ]);
    expect(r.stages[1]!.action).toMatchObject({ kind: 'surplus', candidate: 2, transferValueE5: 50_000 });
    expect(r.elected.map((e) => [r.candidates[e.candidate], e.stage, e.reason])).toEqual([
      ['Chocolate', 1, 'quota'],
      ['Orange', 3, 'quota'],
      ['Strawberry', 4, 'last-vacancies'],
    ]);
    expect(r.excluded).toEqual([1, 4]);
    // Bonbon's 1 first preference and Chocolate's 4 half-value papers have nowhere to go.
    expect(formatVotes(r.stages[3]!.nonTransferableE5)).toBe('3');
    expect(r.stages[3]!.nonTransferablePapers).toBe(5);
  });

  it('counts the OpaVote plain-English Scottish STV example: Alice, Bob, Chris', () => {
    // 60 papers, 3 seats, quota floor(60/4)+1 = 16. Alice's surplus 12 of 28 (the larger) goes
    // first at floor5(12/28) = 0.42857, past the elected Bob to Chris; then Bob's 10 of 26 at
    // floor5(10/26) = 0.38461, which brings Chris to 24.99982.
    const r = counted(
      profile(
        ['Alice', 'Bob', 'Chris', 'Don', 'Eric'],
        [
          { weight: 28, ranking: [0, 1, 2] },
          { weight: 26, ranking: [1, 0, 2] },
          { weight: 3, ranking: [2] },
          { weight: 2, ranking: [3] },
          { weight: 1, ranking: [4] },
        ],
      ),
      3,
    );
    expect(r.quota).toBe(16);
    expect(sheet(r)).toEqual([
      ['28', '26', '3', '2', '1'],
      ['16', '26', '14.99996', '2', '1'],
      ['16', '16', '24.99982', '2', '1'],
    ]);
    expect(r.stages.map((s) => s.action)).toMatchObject([
      { kind: 'first-preferences' },
      { kind: 'surplus', candidate: 0, transferValueE5: 42_857 },
      { kind: 'surplus', candidate: 1, transferValueE5: 38_461 },
    ]);
    expect(r.elected.map((e) => [r.candidates[e.candidate], e.stage])).toEqual([
      ['Alice', 1],
      ['Bob', 1],
      ['Chris', 3],
    ]);
    expect(formatVotes(r.stages[2]!.lossTotalE5)).toBe('0.00018');
  });

  it('truncates transfer values to five decimals and reports the remainder as loss (rule 48(3))', () => {
    // 21 papers, 2 seats, quota 8; A has 11, surplus 3, transfer value floor5(3/11) = 0.27272.
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D'],
        [
          { weight: 8, ranking: [0, 1] },
          { weight: 2, ranking: [0, 2] },
          { weight: 1, ranking: [0] },
          { weight: 3, ranking: [1] },
          { weight: 4, ranking: [2] },
          { weight: 3, ranking: [3, 2] },
        ],
      ),
      2,
    );
    expect(r.quota).toBe(8);
    expect(sheet(r)).toEqual([
      ['11', '3', '4', '3'],
      ['8', '5.18176', '4.54544', '3'],
      ['8', '5.18176', '7.54544', '0'],
      ['8', '0', '7.54544', '0'],
    ]);
    const surplus = r.stages[1]!;
    expect(surplus.action).toMatchObject({ kind: 'surplus', transferValueE5: 27_272 });
    expect(formatVotes(surplus.nonTransferableE5)).toBe('0.27272');
    expect(formatVotes(surplus.lossE5)).toBe('0.00008');
    expect(r.elected.map((e) => e.candidate)).toEqual([0, 2]);
  });

  it('revalues a transferred paper by its value when received (rule 48(4)(b))', () => {
    // Quota 8. A's surplus 4/12 → B at 0.33333 each; B then has 9.99996 and a surplus of 1.99996:
    // B's own papers go at floor5(1.99996 / 9.99996) = 0.19999, A's at
    // floor5(1.99996 × 0.33333 / 9.99996) = 0.06666.
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D', 'E'],
        [
          { weight: 12, ranking: [0, 1, 2] },
          { weight: 6, ranking: [1, 3] },
          { weight: 3, ranking: [2] },
          { weight: 4, ranking: [3] },
          { weight: 3, ranking: [4] },
        ],
      ),
      3,
    );
    expect(sheet(r).slice(0, 3)).toEqual([
      ['12', '6', '3', '4', '3'],
      ['8', '9.99996', '3', '4', '3'],
      ['8', '8', '3.79992', '5.19994', '3'],
    ]);
    expect(r.stages[2]!.action).toEqual({
      kind: 'surplus',
      candidate: 1,
      surplusE5: 199_996,
      totalE5: 999_996,
      transferValueE5: 19_999,
    });
    expect(formatVotes(r.stages[2]!.lossE5)).toBe('0.0001');
    expect(r.elected.map((e) => r.candidates[e.candidate])).toEqual(['A', 'B', 'D']);
  });

  it('transfers the largest surplus first (rule 49(1))', () => {
    // 19 papers, 3 seats: quota floor(19/4)+1 = 5. A (9) and B (6) are both elected at stage 1.
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D'],
        [
          { weight: 9, ranking: [0, 2] },
          { weight: 6, ranking: [1, 3] },
          { weight: 2, ranking: [2] },
          { weight: 2, ranking: [3] },
        ],
      ),
      3,
    );
    expect(r.stages[0]!.elected).toEqual([0, 1]);
    expect(r.stages[1]!.action).toMatchObject({ kind: 'surplus', candidate: 0 });
    expect(r.stages[1]!.elected).toEqual([2]); // C: 2 + 9 × floor5(4/9) = 2 + 3.99996
    expect(r.elected.map((e) => e.candidate)).toEqual([0, 1, 2]);
  });

  it('breaks an exclusion tie by the most recent earlier stage with unequal votes (rule 51(2)(a))', () => {
    // Stage 1: A 6, B 4, C 3, D 1. D out → C 4 = B 4. At stage 1 C had fewer: C is excluded.
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D'],
        [
          { weight: 6, ranking: [0] },
          { weight: 4, ranking: [1] },
          { weight: 3, ranking: [2, 0] },
          { weight: 1, ranking: [3, 2] },
        ],
      ),
      1,
    );
    expect(r.stages[1]!.tieBreaks).toEqual([
      { purpose: 'exclusion', tied: [1, 2], chosen: 2, method: 'earlier-stage', stage: 1 },
    ]);
    expect(r.excluded).toEqual([3, 2]);
    expect(r.elected).toEqual([{ candidate: 0, stage: 3, reason: 'quota' }]);
    expect(r.lotsDrawn).toBe(0);
  });

  it('falls back to the seeded lot when tied at every stage, reproducibly', () => {
    const tied = profile(
      ['A', 'B'],
      [
        { weight: 3, ranking: [0] },
        { weight: 3, ranking: [1] },
      ],
    );
    const winners = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const r = counted(tied, 1, seed);
      expect(r.stages[0]!.tieBreaks[0]).toMatchObject({ purpose: 'exclusion', method: 'lot', tied: [0, 1] });
      expect(r.lotsDrawn).toBe(1);
      expect(counted(tied, 1, seed).elected).toEqual(r.elected);
      winners.add(r.elected[0]!.candidate);
    }
    expect(winners).toEqual(new Set([0, 1]));
  });

  it('orders candidates elected together with equal votes by lot, and their surpluses alike', () => {
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D', 'E'],
        [
          { weight: 8, ranking: [0, 2] },
          { weight: 8, ranking: [1, 3] },
          { weight: 4, ranking: [2] },
          { weight: 2, ranking: [3] },
          { weight: 2, ranking: [4] },
        ],
      ),
      3,
    );
    // Quota floor(24/4)+1 = 7; A and B both 8 at stage 1 and at every stage: election order by lot,
    // and their equal surpluses go in that same order.
    const first = r.stages[0]!;
    expect(first.elected).toHaveLength(2);
    expect(first.tieBreaks[0]).toMatchObject({ purpose: 'election-order', method: 'lot' });
    const chosen = first.tieBreaks[0]!.chosen;
    expect(first.elected[0]).toBe(chosen);
    expect(r.stages[1]!.action).toMatchObject({ kind: 'surplus', candidate: chosen });
    expect(first.tieBreaks[1]).toMatchObject({
      purpose: 'surplus-order',
      method: 'order-of-election',
      chosen,
    });
    expect(r.lotsDrawn).toBe(1);
  });

  it('passes over withdrawn candidates and cuts rankings at ties', () => {
    const r = counted(
      profile(
        ['A', 'B', 'C', 'D'],
        [
          { weight: 2, ranking: [1, 0] }, // B withdrawn: counts for A
          { weight: 3, ranking: [[0, 2]] }, // tied first preference: void
          { weight: 4, ranking: [2, [0, 3]] }, // C, then a tie: non-transferable after C
          { weight: 5, ranking: [3, [1, 0]] }, // D, then A (B's tie mark is passed over)
          { weight: 1, ranking: [] }, // blank: void
        ],
        [1],
      ),
      1,
    );
    expect(r.validPapers).toBe(11);
    expect(r.voidPapers).toBe(4);
    expect(r.papersCutAtTie).toBe(7);
    expect(sheet(r)[0]).toEqual(['2', '0', '4', '5']);
    // A's papers have nothing after the withdrawn B; C's are cut at the tie: both exhaust
    expect(sheet(r).slice(1)).toEqual([
      ['0', '0', '4', '5'],
      ['0', '0', '0', '5'],
    ]);
    expect(r.stages[2]!.exhaustedPapers).toBe(6);
    expect(r.elected).toEqual([{ candidate: 3, stage: 3, reason: 'last-vacancies' }]);
  });

  it('elects everyone when no more candidates stand than seats, and says how many seats stay empty', () => {
    const r = counted(profile(['A', 'B'], [{ weight: 1, ranking: [0] }]), 3);
    expect(r.elected.map((e) => [e.candidate, e.reason])).toEqual([
      [0, 'quota'],
      [1, 'last-vacancies'],
    ]);
    expect(r.unfilledSeats).toBe(1);
  });

  it('refuses what cannot be counted, as a value', () => {
    const p = profile(['A'], [{ weight: 1, ranking: [0] }]);
    expect(countStv(p, { seats: 0 }).status).toBe('invalid');
    expect(countStv(profile(['A'], [{ weight: 1.5, ranking: [0] }]), { seats: 1 })).toMatchObject({
      status: 'invalid',
      reason: expect.stringContaining('ballot 1'),
    });
    expect(countStv(profile(['A'], [{ weight: 1, ranking: [4] }]), { seats: 1 }).status).toBe('invalid');
  });

  it('computes exactly with BigInt where products pass 2^53 (over 900,000 papers)', () => {
    const r = counted(
      profile(
        ['A', 'B', 'C'],
        [
          { weight: 700_001, ranking: [0, 1] },
          { weight: 300_000, ranking: [1] },
          { weight: 200_000, ranking: [2] },
        ],
      ),
      2,
    );
    // quota floor(1,200,001 / 3) + 1 = 400,001; surplus 300,000 of 700,001:
    // transfer value floor5(300000 / 700001) = 0.42857
    expect(r.quota).toBe(400_001);
    expect(r.stages[1]!.action).toMatchObject({ transferValueE5: 42_857 });
    expect(r.stages[1]!.changeE5[1]).toBe(700_001 * 42_857);
  });
});

const arbitraryElection = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    seats: fc.integer({ min: 1, max: n }),
    withdrawn: fc.subarray([...Array(n).keys()], { maxLength: 1 }),
    ballots: fc.array(
      fc.record({
        weight: fc.integer({ min: 1, max: 9 }),
        ranking: fc.shuffledSubarray([...Array(n).keys()]),
      }),
      { maxLength: 40 },
    ),
    seed: fc.integer({ min: 0, max: 1000 }),
  }),
);

describe('countStv — invariants', () => {
  it('conserves every vote at every stage: candidates + non-transferable + loss = valid papers', () => {
    fc.assert(
      fc.property(arbitraryElection, ({ n, seats, withdrawn, ballots, seed }) => {
        const names = [...Array(n).keys()].map((i) => `C${i}`);
        const r = counted(profile(names, ballots, withdrawn), seats, seed);
        for (const s of r.stages) {
          const held = s.votesE5.reduce((a, b) => a + b, 0);
          expect(held + s.exhaustedE5 + s.lossTotalE5).toBe(r.validPapers * E5);
          // each paper loses less than 10^-5 of a vote per surplus transfer
          expect(s.lossE5).toBeGreaterThanOrEqual(0);
          expect(s.lossE5).toBeLessThanOrEqual(r.validPapers);
          if (s.action.kind !== 'first-preferences') {
            expect(s.changeE5.reduce((a, b) => a + b, 0) + s.nonTransferableE5 + s.lossE5).toBe(0);
          }
        }
      }),
    );
  });

  it('fills every seat it can, with distinct candidates never excluded, and repeats itself exactly', () => {
    fc.assert(
      fc.property(arbitraryElection, ({ n, seats, withdrawn, ballots, seed }) => {
        const names = [...Array(n).keys()].map((i) => `C${i}`);
        const p = profile(names, ballots, withdrawn);
        const r = counted(p, seats, seed);
        const standing = n - withdrawn.length;
        const winners = r.elected.map((e) => e.candidate);
        expect(winners).toHaveLength(Math.min(seats, standing));
        expect(new Set(winners).size).toBe(winners.length);
        for (const w of winners) expect(r.excluded).not.toContain(w);
        for (const w of withdrawn) expect(winners).not.toContain(w);
        for (const e of r.elected) {
          if (e.reason === 'quota')
            expect(r.stages[e.stage - 1]!.votesE5[e.candidate]).toBeGreaterThanOrEqual(r.quota * E5);
        }
        expect(counted(p, seats, seed)).toEqual(r);
      }),
    );
  });

  it('elects first, at stage 1, a candidate ranked first on more than half the papers', () => {
    fc.assert(
      fc.property(arbitraryElection, fc.integer({ min: 1, max: 50 }), ({ n, seats, ballots }, extra) => {
        const names = [...Array(n).keys()].map((i) => `C${i}`);
        const valid = ballots.filter((b) => b.ranking.length > 0).reduce((a, b) => a + b.weight, 0);
        // add enough papers for C0 that C0 alone has more than half of all papers
        const boost = valid + extra;
        const r = counted(profile(names, [...ballots, { weight: boost, ranking: [0] }]), seats);
        expect(r.elected[0]!.candidate).toBe(0);
        expect(r.elected[0]!.stage).toBe(1);
      }),
    );
  });
});
