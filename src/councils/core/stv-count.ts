import type { BallotProfile } from './ballot-profile.js';
import { SeededLot } from './seeded-lot.js';

/**
 * Votes in a count are integers in units of 10^-5 vote ("E5"), because rule 48(3) computes
 * transfer values to five decimal places with the remainder ignored: 1 vote = 100,000 E5.
 */
export const E5 = 100_000;

/** Options of {@link countStv}. */
export interface StvOptions {
  /** Seats (vacancies) to fill; an integer ≥ 1. One seat gives instant-runoff. */
  readonly seats: number;
  /**
   * Seed of the lot that is the last resort of rules 49(3) and 51(2)(b) (see {@link SeededLot}).
   * Default 0. Publish it with the result so that anyone can repeat the count.
   */
  readonly lotSeed?: number;
}

/** What happened at one stage of the count ("stage of the count", rule 2). */
export type StvAction =
  /** Rule 45: the first preferences were counted. */
  | { readonly kind: 'first-preferences' }
  /**
   * Rule 48: every paper held by `candidate` was passed on at transfer value
   * floor₅(surplus × value of the paper ÷ total), where total = `totalE5`;
   * `transferValueE5` is that value for a paper worth one vote.
   */
  | {
      readonly kind: 'surplus';
      readonly candidate: number;
      readonly surplusE5: number;
      readonly totalE5: number;
      readonly transferValueE5: number;
    }
  /** Rule 50: `candidate` had the lowest vote and was excluded; papers moved at their values. */
  | { readonly kind: 'exclusion'; readonly candidate: number };

/** A tie that had to be broken, how, and with what result. */
export interface StvTieBreak {
  /**
   * - `election-order`: candidates reaching the quota at the same stage with equal votes; their
   *   order is the order of election and the order of transfer of their equal surpluses (rule 49).
   * - `surplus-order`: equal surpluses of candidates elected at different stages (rule 49(2)).
   * - `exclusion`: equal lowest votes (rule 51).
   */
  readonly purpose: 'election-order' | 'surplus-order' | 'exclusion';
  /** The tied candidates. */
  readonly tied: readonly number[];
  /** The candidate put first (elected or transferred first) or excluded. */
  readonly chosen: number;
  /**
   * - `earlier-stage`: decided by the votes at the end of `stage`, the most recent preceding stage
   *   at which the candidates still tied had unequal votes.
   * - `lot`: equal at every stage; drawn with the seeded lot.
   * - `order-of-election`: equal surpluses of candidates whose order of election was already
   *   decided by lot at the stage they were elected; that draw decides again (rule 49(3)).
   */
  readonly method: 'earlier-stage' | 'lot' | 'order-of-election';
  /** For `earlier-stage`: the stage (1-based) whose votes decided. */
  readonly stage?: number;
}

/** One stage of the count, with everything a result sheet shows. */
export interface StvStage {
  /** 1-based stage number. */
  readonly stage: number;
  readonly action: StvAction;
  /** Votes of every candidate at the end of the stage (E5); 0 for withdrawn and excluded. */
  readonly votesE5: readonly number[];
  /**
   * Change of every candidate's votes during the stage (E5): first preferences at stage 1, then
   * the votes received, and minus the votes given up by the transferring candidate.
   */
  readonly changeE5: readonly number[];
  /** Value of papers that became non-transferable (exhausted) at this stage (E5). */
  readonly nonTransferableE5: number;
  /** Number of papers that became non-transferable at this stage. */
  readonly nonTransferablePapers: number;
  /** Value lost at this stage by ignoring the remainders of transfer values (E5), rule 48(3). */
  readonly lossE5: number;
  /** Non-transferable value so far, this stage included (E5). */
  readonly exhaustedE5: number;
  /** Papers non-transferable so far, this stage included. */
  readonly exhaustedPapers: number;
  /** Rounding loss so far, this stage included (E5). */
  readonly lossTotalE5: number;
  /** Candidates deemed elected at the end of this stage, in order of election. */
  readonly elected: readonly number[];
  /** Ties broken at the end of this stage (to order elections or to choose what comes next). */
  readonly tieBreaks: readonly StvTieBreak[];
}

/** A candidate's election: when and under which rule. */
export interface StvElection {
  readonly candidate: number;
  /** Stage at whose end the candidate was deemed elected. */
  readonly stage: number;
  /**
   * - `quota`: reached the quota (rule 47).
   * - `last-vacancies`: continuing candidates no more than the vacancies left (rule 52).
   */
  readonly reason: 'quota' | 'last-vacancies';
}

/** A completed count under the Scottish STV rules. */
export interface StvResult {
  readonly status: 'counted';
  /** The rule set applied: the Scottish Local Government Elections Order 2007, Sch. 1 rr. 45–52. */
  readonly rules: 'scottish-stv-2007';
  /** `instant-runoff` when one seat is filled (the same rules then amount to IRV). */
  readonly method: 'instant-runoff' | 'single-transferable-vote';
  readonly candidates: readonly string[];
  readonly seats: number;
  /** Valid papers (rule 45(3)): papers with a first preference for a non-withdrawn candidate. */
  readonly validPapers: number;
  /** Papers without a usable first preference: blank, or equal first preferences. */
  readonly voidPapers: number;
  /** Papers whose ranking was cut where it ranked candidates equally (void ones included). */
  readonly papersCutAtTie: number;
  /** Rule 46: floor(valid papers / (seats + 1)) + 1 votes. */
  readonly quota: number;
  /** In order of election. */
  readonly elected: readonly StvElection[];
  /** In order of exclusion. */
  readonly excluded: readonly number[];
  /** Seats left empty because fewer candidates stood than seats. */
  readonly unfilledSeats: number;
  readonly stages: readonly StvStage[];
  /** The lot seed used, and how many lots were drawn with it. */
  readonly lotSeed: number;
  readonly lotsDrawn: number;
}

/**
 * Outcome of {@link countStv}.
 * - `counted`: the full count.
 * - `invalid`: the input cannot be counted (bad seat number, weight or candidate index); `reason`
 *   says which.
 */
export type StvOutcome = StvResult | { readonly status: 'invalid'; readonly reason: string };

const CONTINUING = 0;
const ELECTED = 1;
const EXCLUDED = 2;
const WITHDRAWN = 3;

/** floor(a·b / c) for non-negative integers, exact also when a·b passes 2^53. */
function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (p <= Number.MAX_SAFE_INTEGER) {
    // p and p % c are exact for integers below 2^53, so the quotient is exact too
    return (p - (p % c)) / c;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * Counts ranked ballots by the single transferable vote under the Scottish STV rules — The
 * Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1, rules 45–52 — and
 * returns every stage. With one seat the same rules amount to instant-runoff.
 *
 * - Quota (rule 46): floor(valid papers ÷ (seats + 1)) + 1, fixed for the whole count.
 * - A candidate whose votes reach the quota at the end of a stage is elected (rule 47).
 * - While vacancies remain, the largest surplus is transferred first, one surplus per stage
 *   (rules 48, 49): every paper the candidate holds goes to its next continuing preference at
 *   transfer value floor₅(surplus × value of the paper when received ÷ candidate's total); the
 *   candidate keeps the quota; papers with no next preference are non-transferable, and the
 *   remainders ignored by the truncation are reported as loss. There is no deferral of surpluses.
 * - With no surplus to transfer, the candidate with fewest votes is excluded and all their papers
 *   move at the value they hold (rule 50), one candidate per stage (no bulk exclusion).
 * - Ties (rules 49(2), 51(2)(a)): the candidate with the most (surplus order) or fewest
 *   (exclusion) votes at the most recent preceding stage at which the tied candidates had unequal
 *   votes. Where that leaves several still tied (three or more tied), the look-back goes on among
 *   those. Equal at every stage: a lot (rules 49(3), 51(2)(b)), drawn from the seeded
 *   {@link SeededLot} — the one departure from the Order, which leaves the manner of the lot to
 *   the returning officer.
 * - When the continuing candidates are no more than the vacancies left, they are all elected
 *   and no further transfer is made (rule 52).
 *
 * Ballots: withdrawn candidates are passed over; a candidate repeated later on a ballot is passed
 * over as no longer continuing. Equal rankings are not part of the Scottish rules: as with a paper
 * on which the same figure is given to two candidates, the ranking is cut just before the equal
 * ranking (the paper becomes non-transferable there), and a paper tied at the first preference is
 * void. Votes are exact integers of 10^-5 vote (see {@link E5}); nothing is a float.
 *
 * @example
 * countStv({ candidates: ['A', 'B', 'C'], withdrawn: [], ballots: [
 *   { weight: 4, ranking: [0] }, { weight: 3, ranking: [1] }, { weight: 2, ranking: [2, 1] },
 * ] }, { seats: 1 }) // quota 5; C excluded at stage 2, where B reaches 5 votes and is elected
 */
export function countStv(profile: BallotProfile, options: StvOptions): StvOutcome {
  const seats = options.seats;
  const lotSeed = options.lotSeed ?? 0;
  const names = profile.candidates;
  const n = names.length;
  if (!Number.isInteger(seats) || seats < 1) {
    return { status: 'invalid', reason: `seats must be a whole number of at least 1, got ${seats}` };
  }
  if (n === 0) return { status: 'invalid', reason: 'there are no candidates' };
  if (!Number.isInteger(lotSeed)) return { status: 'invalid', reason: `lot seed must be an integer` };

  const status = new Uint8Array(n);
  for (const w of profile.withdrawn) {
    if (!Number.isInteger(w) || w < 0 || w >= n) {
      return { status: 'invalid', reason: `withdrawn candidate ${w} is not a candidate index` };
    }
    status[w] = WITHDRAWN;
  }

  // Pack the valid ballots: strict preferences in one Int32Array, withdrawn candidates removed and
  // each ranking cut before its first equal ranking.
  const ballotCount = profile.ballots.length;
  let prefCap = 0;
  for (const b of profile.ballots) prefCap += b.ranking.length;
  const prefs = new Int32Array(prefCap);
  const start = new Int32Array(ballotCount + 1);
  const weight = new Float64Array(ballotCount);
  let m = 0;
  let filled = 0;
  let validPapers = 0;
  let voidPapers = 0;
  let papersCutAtTie = 0;
  for (let i = 0; i < ballotCount; i++) {
    const ballot = profile.ballots[i]!;
    const w = ballot.weight;
    if (!Number.isSafeInteger(w) || w < 1) {
      return { status: 'invalid', reason: `ballot ${i + 1}: weight must be a positive integer, got ${w}` };
    }
    const begin = filled;
    let cut = false;
    for (const entry of ballot.ranking) {
      const group = typeof entry === 'number' ? null : entry;
      let single = -1;
      let count = 0;
      for (const c of group ?? [entry as number]) {
        if (!Number.isInteger(c) || c < 0 || c >= n) {
          return { status: 'invalid', reason: `ballot ${i + 1}: ${c} is not a candidate index` };
        }
        if (status[c] === WITHDRAWN) continue;
        single = c;
        count++;
      }
      if (count === 0) continue;
      if (count > 1) {
        cut = true;
        break;
      }
      prefs[filled++] = single;
    }
    if (cut) papersCutAtTie += w;
    if (filled === begin) {
      voidPapers += w;
      continue;
    }
    start[m] = begin;
    weight[m] = w;
    validPapers += w;
    m++;
    start[m] = filled;
  }
  if (!Number.isSafeInteger(validPapers * E5)) {
    return { status: 'invalid', reason: `too many papers to count exactly (${validPapers})` };
  }

  const quota = Math.floor(validPapers / (seats + 1)) + 1;
  const quotaE5 = quota * E5;
  const lot = new SeededLot(lotSeed);
  const value = new Float64Array(m); // E5 value of each paper of the ballot
  const pos = new Int32Array(m); // index into prefs of the preference now holding the ballot
  const votes = new Float64Array(n); // E5
  const change = new Float64Array(n);
  const piles: Int32Array[] = [];
  const pileLen = new Int32Array(n);
  for (let c = 0; c < n; c++) piles.push(new Int32Array(16));

  const push = (c: number, b: number): void => {
    let pile = piles[c]!;
    const len = pileLen[c]!;
    if (len === pile.length) {
      const grown = new Int32Array(len * 2);
      grown.set(pile);
      piles[c] = grown;
      pile = grown;
    }
    pile[len] = b;
    pileLen[c] = len + 1;
  };

  const stages: StvStage[] = [];
  const history: Float64Array[] = [];
  const elected: StvElection[] = [];
  const electionRank = new Int32Array(n).fill(-1);
  const excluded: number[] = [];
  let exhaustedE5 = 0;
  let exhaustedPapers = 0;
  let lossTotalE5 = 0;

  // The stage being recorded.
  let action: StvAction = { kind: 'first-preferences' };
  let stageNonTransferable = 0;
  let stageNonTransferablePapers = 0;
  let stageLoss = 0;

  for (let b = 0; b < m; b++) {
    const c = prefs[start[b]!]!;
    pos[b] = start[b]!;
    value[b] = E5;
    push(c, b);
    votes[c] = votes[c]! + weight[b]! * E5;
  }
  change.set(votes);

  /** Passes the ballots held by `from` to their next continuing preference; `surplus` mode first
   *  revalues each paper to its transfer value. */
  const transferPile = (from: number, surplusE5: number, totalE5: number): void => {
    const pile = piles[from]!;
    const len = pileLen[from]!;
    const surplus = surplusE5 > 0;
    for (let k = 0; k < len; k++) {
      const b = pile[k]!;
      let v = value[b]!;
      if (surplus) {
        v = mulDivFloor(surplusE5, v, totalE5);
        value[b] = v;
      }
      const w = weight[b]!;
      const end = start[b + 1]!;
      let next = -1;
      for (let i = pos[b]! + 1; i < end; i++) {
        const c = prefs[i]!;
        if (status[c] === CONTINUING) {
          pos[b] = i;
          next = c;
          break;
        }
      }
      if (next >= 0) {
        push(next, b);
        change[next] = change[next]! + w * v;
      } else {
        stageNonTransferable += w * v;
        stageNonTransferablePapers += w;
      }
    }
    pileLen[from] = 0;
  };

  /**
   * Breaks a tie among `tied` by the votes at earlier stages (most recent first), narrowing to the
   * candidates with the `prefer`red extreme; equal at every stage: `fallback`.
   */
  const breakTie = (
    tied: readonly number[],
    prefer: 'highest' | 'lowest',
    purpose: StvTieBreak['purpose'],
  ): StvTieBreak => {
    let set = [...tied];
    for (let j = history.length - 2; j >= 0; j--) {
      const h = history[j]!;
      let extreme = h[set[0]!]!;
      for (const c of set)
        extreme = prefer === 'highest' ? Math.max(extreme, h[c]!) : Math.min(extreme, h[c]!);
      const narrowed = set.filter((c) => h[c] === extreme);
      if (narrowed.length < set.length) {
        set = narrowed;
        if (set.length === 1)
          return { purpose, tied, chosen: set[0]!, method: 'earlier-stage', stage: j + 1 };
      }
    }
    if (purpose === 'surplus-order') {
      let first = set[0]!;
      for (const c of set) if (electionRank[c]! < electionRank[first]!) first = c;
      return { purpose, tied, chosen: first, method: 'order-of-election' };
    }
    return { purpose, tied, chosen: lot.pick(set), method: 'lot' };
  };

  /** Orders `cands` by current votes, most first, breaking ties by {@link breakTie}. */
  const orderByVotes = (cands: number[], ties: StvTieBreak[]): number[] => {
    const sorted = [...cands].sort((a, b) => votes[b]! - votes[a]! || a - b);
    const ordered: number[] = [];
    let i = 0;
    while (i < sorted.length) {
      let j = i + 1;
      while (j < sorted.length && votes[sorted[j]!] === votes[sorted[i]!]) j++;
      let group = sorted.slice(i, j);
      while (group.length > 1) {
        const tie = breakTie(group, 'highest', 'election-order');
        ties.push(tie);
        ordered.push(tie.chosen);
        group = group.filter((c) => c !== tie.chosen);
      }
      ordered.push(group[0]!);
      i = j;
    }
    return ordered;
  };

  let electedCount = 0;
  let unfilledSeats = 0;
  for (;;) {
    // End of a stage: record it, then decide what the next stage is.
    history.push(Float64Array.from(votes));
    const ties: StvTieBreak[] = [];
    const electedNow: number[] = [];
    const reaching: number[] = [];
    for (let c = 0; c < n; c++) if (status[c] === CONTINUING && votes[c]! >= quotaE5) reaching.push(c);
    const elect = (c: number, reason: StvElection['reason']): void => {
      status[c] = ELECTED;
      electionRank[c] = electedCount++;
      elected.push({ candidate: c, stage: stages.length + 1, reason });
      electedNow.push(c);
    };
    for (const c of orderByVotes(reaching, ties)) if (electedCount < seats) elect(c, 'quota');
    let continuing = 0;
    for (let c = 0; c < n; c++) if (status[c] === CONTINUING) continuing++;
    const vacancies = seats - electedCount;
    let done = vacancies === 0;
    if (!done && continuing <= vacancies) {
      const rest: number[] = [];
      for (let c = 0; c < n; c++) if (status[c] === CONTINUING) rest.push(c);
      for (const c of orderByVotes(rest, ties)) elect(c, 'last-vacancies');
      unfilledSeats = vacancies - continuing;
      done = true;
    }

    let next: StvAction | null = null;
    if (!done) {
      let best = -1;
      for (let c = 0; c < n; c++) {
        if (status[c] === ELECTED && votes[c]! > quotaE5 && (best < 0 || votes[c]! > votes[best]!)) best = c;
      }
      if (best >= 0) {
        const tied: number[] = [];
        for (let c = 0; c < n; c++) if (status[c] === ELECTED && votes[c] === votes[best]) tied.push(c);
        if (tied.length > 1) {
          const tie = breakTie(tied, 'highest', 'surplus-order');
          ties.push(tie);
          best = tie.chosen;
        }
        const totalE5 = votes[best]!;
        const surplusE5 = totalE5 - quotaE5;
        next = {
          kind: 'surplus',
          candidate: best,
          surplusE5,
          totalE5,
          transferValueE5: mulDivFloor(surplusE5, E5, totalE5),
        };
      } else {
        let lowest = -1;
        for (let c = 0; c < n; c++) {
          if (status[c] === CONTINUING && (lowest < 0 || votes[c]! < votes[lowest]!)) lowest = c;
        }
        const tied: number[] = [];
        for (let c = 0; c < n; c++) if (status[c] === CONTINUING && votes[c] === votes[lowest]) tied.push(c);
        if (tied.length > 1) {
          const tie = breakTie(tied, 'lowest', 'exclusion');
          ties.push(tie);
          lowest = tie.chosen;
        }
        next = { kind: 'exclusion', candidate: lowest };
      }
    }

    exhaustedE5 += stageNonTransferable;
    exhaustedPapers += stageNonTransferablePapers;
    lossTotalE5 += stageLoss;
    stages.push({
      stage: stages.length + 1,
      action,
      votesE5: Array.from(votes),
      changeE5: Array.from(change),
      nonTransferableE5: stageNonTransferable,
      nonTransferablePapers: stageNonTransferablePapers,
      lossE5: stageLoss,
      exhaustedE5,
      exhaustedPapers,
      lossTotalE5,
      elected: electedNow,
      tieBreaks: ties,
    });
    if (next === null) break;

    // The next stage.
    action = next;
    change.fill(0);
    stageNonTransferable = 0;
    stageNonTransferablePapers = 0;
    stageLoss = 0;
    if (next.kind === 'surplus') {
      const from = next.candidate;
      transferPile(from, next.surplusE5, next.totalE5);
      let moved = 0;
      for (let c = 0; c < n; c++) if (c !== from) moved += change[c]!;
      stageLoss = next.surplusE5 - moved - stageNonTransferable;
      change[from] = -next.surplusE5;
    } else {
      const from = next.candidate;
      status[from] = EXCLUDED;
      excluded.push(from);
      transferPile(from, 0, 0);
      change[from] = -votes[from]!;
    }
    for (let c = 0; c < n; c++) votes[c] = votes[c]! + change[c]!;
  }

  return {
    status: 'counted',
    rules: 'scottish-stv-2007',
    method: seats === 1 ? 'instant-runoff' : 'single-transferable-vote',
    candidates: [...names],
    seats,
    validPapers,
    voidPapers,
    papersCutAtTie,
    quota,
    elected,
    excluded,
    unfilledSeats,
    stages,
    lotSeed,
    lotsDrawn: lot.draws,
  };
}
