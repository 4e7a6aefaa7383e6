import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MotionChoice, type MotionRules, type MotionVote, tallyMotion } from './tally-motion.js';

const many = (choice: MotionChoice, k: number, weight?: number): MotionVote[] =>
  Array.from({ length: k }, () => (weight === undefined ? { choice } : { choice, weight }));

describe('tallyMotion', () => {
  it('needs a majority of seats present by default', () => {
    const votes = [...many('for', 4)];
    expect(tallyMotion(votes, { seats: 9, threshold: 'majority-of-votes-cast' })).toEqual({
      status: 'no-quorum',
      present: 4,
      needed: 5,
    });
    // one more present who does not vote makes the quorum
    expect(tallyMotion(votes, { seats: 9, threshold: 'majority-of-votes-cast' }, 5)).toMatchObject({
      status: 'adopted',
      present: 5,
      quorum: 5,
      cast: 4,
      needed: 3,
    });
  });

  it('decides a majority of votes cast with abstentions excluded or counted', () => {
    const votes = [...many('for', 5), ...many('against', 4), ...many('abstain', 2)];
    const rules: MotionRules = { seats: 15, threshold: 'majority-of-votes-cast' };
    expect(tallyMotion(votes, rules)).toMatchObject({
      status: 'adopted',
      votes: { for: 5, against: 4, abstain: 2 },
      cast: 9,
      needed: 5,
    });
    expect(tallyMotion(votes, { ...rules, abstentions: 'counted' })).toMatchObject({
      status: 'rejected',
      cast: 11,
      needed: 6,
    });
  });

  it('rejects a tie and requires two thirds exactly', () => {
    expect(
      tallyMotion([...many('for', 3), ...many('against', 3)], {
        seats: 6,
        threshold: 'majority-of-votes-cast',
      }),
    ).toMatchObject({ status: 'rejected', needed: 4 });
    const twoThirds = { seats: 12, threshold: 'two-thirds-of-votes-cast' } as const;
    expect(tallyMotion([...many('for', 6), ...many('against', 3)], twoThirds)).toMatchObject({
      status: 'adopted',
      needed: 6,
    });
    expect(tallyMotion([...many('for', 5), ...many('against', 3)], twoThirds)).toMatchObject({
      status: 'rejected',
      needed: 6,
    });
  });

  it('measures a majority of all seats against every seat, vacant or absent', () => {
    const votes = [...many('for', 6), ...many('against', 1)];
    const rules = { seats: 13, threshold: 'majority-of-all-seats' } as const;
    expect(tallyMotion(votes, rules)).toMatchObject({ status: 'rejected', base: 13, needed: 7 });
    expect(tallyMotion([...votes, { choice: 'for' }], rules)).toMatchObject({ status: 'adopted' });
  });

  it('weighs each delegate by the membership represented', () => {
    // a 1,200-worker factory outvotes three workshops of 150
    const votes: MotionVote[] = [
      { choice: 'for', weight: 1200 },
      { choice: 'against', weight: 150 },
      { choice: 'against', weight: 150 },
      { choice: 'against', weight: 150 },
    ];
    const rules: MotionRules = {
      seats: 5,
      threshold: 'majority-of-votes-cast',
      weighted: { totalWeight: 2000 },
    };
    expect(tallyMotion(votes, rules)).toMatchObject({
      status: 'adopted',
      votes: { for: 1200, against: 450, abstain: 0 },
      heads: { for: 1, against: 3, abstain: 0 },
      weighted: true,
    });
    expect(tallyMotion(votes, { ...rules, threshold: 'majority-of-all-seats' })).toMatchObject({
      status: 'adopted',
      base: 2000,
      needed: 1001,
    });
  });

  it('throws on input no caller should build', () => {
    expect(() => tallyMotion(many('for', 3), { seats: 2, threshold: 'majority-of-votes-cast' })).toThrow(
      RangeError,
    );
    expect(() =>
      tallyMotion([{ choice: 'for', weight: 0 }], {
        seats: 1,
        threshold: 'majority-of-votes-cast',
        weighted: { totalWeight: 1 },
      }),
    ).toThrow(RangeError);
  });
});

const arbitraryMotion = fc
  .record({
    votes: fc.array(
      fc.record({
        choice: fc.constantFrom<MotionChoice>('for', 'against', 'abstain'),
        weight: fc.integer({ min: 1, max: 500 }),
      }),
      { maxLength: 60 },
    ),
    spare: fc.integer({ min: 0, max: 20 }),
    threshold: fc.constantFrom(
      'majority-of-votes-cast' as const,
      'two-thirds-of-votes-cast' as const,
      'majority-of-all-seats' as const,
    ),
    abstentions: fc.constantFrom('excluded' as const, 'counted' as const),
    weighted: fc.boolean(),
  })
  .map(({ votes, spare, threshold, abstentions, weighted }) => {
    const seats = votes.length + spare + 1;
    const total = votes.reduce((a, v) => a + v.weight, 0) + spare * 100 + 1;
    const rules: MotionRules = weighted
      ? { seats, threshold, abstentions, quorum: 0, weighted: { totalWeight: total } }
      : { seats, threshold, abstentions, quorum: 0 };
    return { votes, rules };
  });

describe('tallyMotion — invariants', () => {
  it('conserves votes: for + against + abstain are all the weight (or heads) cast', () => {
    fc.assert(
      fc.property(arbitraryMotion, ({ votes, rules }) => {
        const o = tallyMotion(votes, rules);
        if (o.status === 'no-quorum') throw new Error('quorum 0 is always met');
        const weight = rules.weighted ? votes.reduce((a, v) => a + v.weight, 0) : votes.length;
        expect(o.votes.for + o.votes.against + o.votes.abstain).toBe(weight);
        expect(o.heads.for + o.heads.against + o.heads.abstain).toBe(votes.length);
        expect(o.status === 'adopted').toBe(o.votes.for >= o.needed && o.votes.for > 0);
      }),
    );
  });

  it('is monotonic: turning any vote into a vote for never turns adopted into rejected', () => {
    fc.assert(
      fc.property(arbitraryMotion, fc.nat(), ({ votes, rules }, pick) => {
        fc.pre(votes.length > 0);
        const before = tallyMotion(votes, rules);
        const i = pick % votes.length;
        const after = tallyMotion(
          votes.map((v, j) => (j === i ? { ...v, choice: 'for' as const } : v)),
          rules,
        );
        if (before.status === 'adopted') expect(after.status).toBe('adopted');
      }),
    );
  });

  it('adopts what everyone present votes for and rejects what everyone votes against', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 10 }), (k, absent) => {
        const rules = { seats: k + absent, quorum: k, threshold: 'two-thirds-of-votes-cast' } as const;
        expect(tallyMotion(many('for', k), rules).status).toBe('adopted');
        expect(tallyMotion(many('against', k), rules).status).toBe('rejected');
        expect(tallyMotion(many('for', k - 1), rules).status).toBe('no-quorum');
      }),
    );
  });

  it('with every weight 1 decides exactly as unweighted voting', () => {
    fc.assert(
      fc.property(arbitraryMotion, ({ votes, rules }) => {
        const ones = votes.map((v) => ({ ...v, weight: 1 }));
        const { weighted: _, ...plain } = rules;
        const a = tallyMotion(ones, { ...plain, weighted: { totalWeight: rules.seats } });
        const b = tallyMotion(ones, plain);
        expect(a.status).toBe(b.status);
      }),
    );
  });
});
