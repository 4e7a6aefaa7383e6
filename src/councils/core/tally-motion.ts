/** How one member or delegate voted on a motion. */
export type MotionChoice = 'for' | 'against' | 'abstain';

/** One vote cast on a motion. */
export interface MotionVote {
  readonly choice: MotionChoice;
  /**
   * Under weighted voting, the membership the delegate represents (a positive integer); ignored
   * otherwise. Default 1.
   */
  readonly weight?: number;
}

/**
 * What carries a motion.
 * - `majority-of-votes-cast`: more votes for than half the votes cast.
 * - `two-thirds-of-votes-cast`: at least two thirds of the votes cast are for.
 * - `majority-of-all-seats`: more votes for than half of all seats (or, weighted, of all the
 *   membership the seats represent), however many voted.
 */
export type MotionThreshold = 'majority-of-votes-cast' | 'two-thirds-of-votes-cast' | 'majority-of-all-seats';

/** A body's rules for deciding one motion. */
export interface MotionRules {
  /** Seats of the body, held or vacant; a positive integer. */
  readonly seats: number;
  /** Seats that must be present; default a majority of seats, floor(seats / 2) + 1. */
  readonly quorum?: number;
  readonly threshold: MotionThreshold;
  /**
   * - `excluded` (default): abstentions are not votes cast; they count only towards the quorum.
   * - `counted`: abstentions are votes cast, so they raise what a majority of votes cast needs.
   */
  readonly abstentions?: 'excluded' | 'counted';
  /**
   * Weighted voting: each vote weighs its `weight`; `totalWeight` is the membership represented
   * by all seats, the base of `majority-of-all-seats`. The quorum is still counted in seats.
   */
  readonly weighted?: { readonly totalWeight: number };
}

/** Votes for, against and abstaining: weights under weighted voting, heads otherwise. */
export interface MotionCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/**
 * The decision on a motion.
 * - `adopted` / `rejected`: quorum present; `votes` (weights, or heads when unweighted) and
 *   `heads` (people) per choice, `cast` the base of a votes-cast threshold, `needed` the least
 *   vote for that adopts, `base` what `needed` was computed from (votes cast or all seats).
 * - `no-quorum`: fewer seats `present` than the `needed` quorum; nothing was decided.
 */
export type MotionOutcome =
  | {
      readonly status: 'adopted' | 'rejected';
      readonly votes: MotionCounts;
      readonly heads: MotionCounts;
      readonly cast: number;
      readonly base: number;
      readonly needed: number;
      readonly present: number;
      readonly quorum: number;
      readonly weighted: boolean;
    }
  | { readonly status: 'no-quorum'; readonly present: number; readonly needed: number };

/**
 * Decides a motion from the votes cast under a body's rules: first the quorum (in seats present,
 * default a majority of seats), then the threshold. Integer arithmetic throughout; a tie for a
 * majority is a rejection; nothing is adopted with no vote for. `present` (seats present) defaults
 * to the number of votes; seats present but not voting count towards the quorum only. Inconsistent
 * input (present below the votes, a weight that is not a positive integer, more weight than
 * `totalWeight`) is a programmer error and throws a RangeError.
 *
 * @example
 * tallyMotion([{ choice: 'for' }, { choice: 'for' }, { choice: 'against' }, { choice: 'abstain' }],
 *   { seats: 7, threshold: 'two-thirds-of-votes-cast' })
 * // { status: 'adopted', cast: 3, needed: 2, present: 4, quorum: 4, … }
 */
export function tallyMotion(
  votes: readonly MotionVote[],
  rules: MotionRules,
  present?: number,
): MotionOutcome {
  const { seats, threshold } = rules;
  if (!Number.isSafeInteger(seats) || seats < 1)
    throw new RangeError(`seats must be a positive integer: ${seats}`);
  const quorum = rules.quorum ?? Math.floor(seats / 2) + 1;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > seats) {
    throw new RangeError(`quorum must be an integer from 0 to ${seats}: ${quorum}`);
  }
  const here = present ?? votes.length;
  if (!Number.isSafeInteger(here) || here < votes.length || here > seats) {
    throw new RangeError(`present must be an integer from ${votes.length} (the votes) to ${seats}: ${here}`);
  }
  const weighted = rules.weighted !== undefined;
  let wFor = 0;
  let wAgainst = 0;
  let wAbstain = 0;
  let hFor = 0;
  let hAgainst = 0;
  let hAbstain = 0;
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i]!;
    const w = weighted ? (v.weight ?? 1) : 1;
    if (!Number.isSafeInteger(w) || w < 1)
      throw new RangeError(`vote ${i + 1}: weight must be a positive integer`);
    if (v.choice === 'for') {
      wFor += w;
      hFor++;
    } else if (v.choice === 'against') {
      wAgainst += w;
      hAgainst++;
    } else {
      wAbstain += w;
      hAbstain++;
    }
  }
  if (here < quorum) return { status: 'no-quorum', present: here, needed: quorum };

  const all = rules.weighted?.totalWeight ?? seats;
  if (!Number.isSafeInteger(all) || all < wFor + wAgainst + wAbstain) {
    throw new RangeError(`totalWeight ${all} is less than the weight of the votes cast`);
  }
  const cast = wFor + wAgainst + (rules.abstentions === 'counted' ? wAbstain : 0);
  let base: number;
  let needed: number;
  if (threshold === 'majority-of-votes-cast') {
    base = cast;
    needed = Math.floor(cast / 2) + 1;
  } else if (threshold === 'two-thirds-of-votes-cast') {
    base = cast;
    const twice = 2 * cast;
    // ceil(2·cast / 3) in integers
    needed = Math.max(1, (twice - (twice % 3)) / 3 + (twice % 3 === 0 ? 0 : 1));
  } else {
    base = all;
    needed = Math.floor(all / 2) + 1;
  }
  return {
    status: wFor >= needed ? 'adopted' : 'rejected',
    votes: { for: wFor, against: wAgainst, abstain: wAbstain },
    heads: { for: hFor, against: hAgainst, abstain: hAbstain },
    cast,
    base,
    needed,
    present: here,
    quorum,
    weighted,
  };
}
