/**
 * One ranked ballot (or `weight` identical ballots): `ranking[0]` is the first preference, and so
 * on. An entry is a candidate index (0-based, into {@link BallotProfile.candidates}) or, where the
 * voter ranked several candidates equally, an array of them (only PrefLib `.toi` and BLT `=` can say
 * that). How the counter treats an equal ranking is stated on `countStv`.
 *
 * @example { weight: 3, ranking: [2, 0, [1, 3]] } // three papers: C first, A second, B and D tied third
 */
export interface RankedBallot {
  /** Number of identical papers this line stands for; a positive integer. */
  readonly weight: number;
  /** Preferences in order; earlier is preferred. May rank fewer than all candidates. */
  readonly ranking: ReadonlyArray<number | ReadonlyArray<number>>;
}

/**
 * The ballots of one election, as read from a BLT or PrefLib file or assembled by a service:
 * candidate names by index, withdrawn candidates (skipped when counting), and the ballots.
 */
export interface BallotProfile {
  /** Candidate names; a candidate's index here is its number on the ballots (0-based). */
  readonly candidates: readonly string[];
  /** Indices of withdrawn candidates: they take no part, preferences for them are passed over. */
  readonly withdrawn: readonly number[];
  readonly ballots: readonly RankedBallot[];
  /** Number of seats stated by the file (BLT has one, PrefLib does not). */
  readonly seats?: number;
  /** Title of the election stated by the file, if any. */
  readonly title?: string;
}

/**
 * What a ballot-file parser returns: the profile, or where and why the file is malformed.
 * - `parsed`: the file was read completely.
 * - `malformed`: `line` is 1-based; `reason` is one sentence a person understands.
 */
export type BallotParseResult =
  | { readonly status: 'parsed'; readonly profile: BallotProfile }
  | { readonly status: 'malformed'; readonly line: number; readonly reason: string };
