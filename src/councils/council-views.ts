import type { StvResult } from './core/stv-count.js';
import type { MotionChoice, MotionOutcome } from './core/tally-motion.js';
import type { SeatRule } from './seat-rule.js';

// The councils API's views, as the services return them and the web app reads them (type-only
// imports from web/src/councils): nothing here imports runtime code.

/** The public federation: every body and every active affiliation (names are not internal matters). */
export interface Federation {
  readonly bodies: { id: string; kind: string; name: string }[];
  readonly affiliations: AffiliationView[];
}

/** An affiliation as clients see it. */
export interface AffiliationView {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly rule: SeatRule;
  readonly createdAt: string;
}

/** A body's rules. */
export interface BodyRules {
  readonly recallSharePct: number;
  readonly quorum: number | null;
  readonly threshold: string;
  readonly abstentions: string;
  readonly weighted: boolean;
  readonly secretVotes: boolean;
}

/** A seat tenure as clients see it. */
export interface SeatView {
  readonly seatId: string;
  readonly councilId: string;
  readonly constituencyId: string;
  readonly holderPersonId: string | null;
  readonly holderName: string | null;
  readonly since: string | null;
  readonly vacatedAt: string | null;
  readonly vacateReason: string | null;
}

/** A body's page. */
export interface BodyView {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly isCouncil: boolean;
  readonly memberCount: number;
  readonly rules: BodyRules;
  /** Live seats of a council (held or vacant). */
  readonly seats: SeatView[];
  /** Councils the body sends delegates to. */
  readonly affiliations: AffiliationView[];
}

/** One tenure of a delegate of a constituency with their vote record in the council. */
export interface DelegateRecord extends SeatView {
  readonly votes: {
    motionId: string;
    title: string;
    choice: string;
    castAt: string;
    withdrawnAt: string | null;
    withdrawnReason: string | null;
    mandate: string | null;
    /** True when the vote went against the constituency's mandate (for, against or abstain). */
    againstMandate: boolean;
  }[];
}

/** A vote as recorded, with the constituency's mandate where the voter is a delegate. */
export interface VoteReceipt {
  readonly status: 'recorded';
  readonly motionId: string;
  readonly choice: MotionChoice;
  readonly secret: boolean;
  /** The instruction the delegate's constituency gave on this motion, if any. */
  readonly mandate: string | null;
  /** True when the vote goes against that mandate (it is flagged on the delegate's record). */
  readonly againstMandate: boolean;
}

/** A motion as clients see it. */
export interface MotionView {
  readonly id: string;
  readonly bodyId: string;
  readonly meetingId: string | null;
  readonly parentId: string | null;
  readonly kind: string;
  readonly title: string;
  readonly text: string;
  readonly recallSeatId: string | null;
  readonly threshold: string;
  readonly quorum: number | null;
  readonly abstentions: string;
  readonly secret: boolean;
  readonly status: string;
  readonly outcome: MotionOutcome | null;
  readonly openedAt: string;
  readonly closedAt: string | null;
  /** Open votes (roll-call), withdrawn ones marked; empty for secret motions. */
  readonly votes: {
    personId: string;
    displayName: string;
    choice: string;
    castAt: string;
    withdrawnReason: string | null;
  }[];
  /** Secret motions: how many voted (choices only appear in the outcome). */
  readonly votesCast: number;
  readonly amendments: MotionView[];
  /** Mandates given by constituencies on this motion. */
  readonly mandates: { bodyId: string; instruction: string }[];
}

/** An election as the electing body sees it. */
export interface ElectionView {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly seats: number;
  /** election | by-election */
  readonly kind: string;
  /** open | closed */
  readonly status: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly ballotsCast: number;
  /** True once the first ballot is cast: no candidate may stand after that. */
  readonly standingClosed: boolean;
  readonly candidates: { personId: string; displayName: string; status: string }[];
  readonly votedByMe: boolean;
}

/**
 * The result of an election.
 * - `hidden`: the ballot is still open; nothing about the count is shown, only how many voted.
 * - `counted`: the full count under the Scottish STV rules with every stage; candidates are the
 *   person ids in `count.candidates`, named in `names`; `elected` in order of election.
 * - `invalid`: the count could not run (`reason`), e.g. no candidate stood; no seat was filled.
 */
export type ElectionResult =
  | { readonly status: 'hidden'; readonly ballotsCast: number }
  | {
      readonly status: 'counted';
      readonly elected: { personId: string; displayName: string }[];
      readonly names: Record<string, string>;
      readonly count: StvResult;
    }
  | { readonly status: 'invalid'; readonly reason: string };

/**
 * The receipts of the counted ballots, published at close (sorted, so their order says nothing),
 * so each voter can check that their ballot was counted. Rankings are not published with them:
 * a receipt must not prove to anyone else how its holder voted.
 */
export type ReceiptList =
  | { readonly status: 'hidden'; readonly ballotsCast: number }
  | { readonly status: 'published'; readonly receipts: string[] };

/**
 * What a signature did.
 * - `signature-recorded`: counted; `signatures` of `needed`.
 * - `recalled`: this signature reached the threshold; the seat was vacated in the same command
 *   (`vacated` says which votes were withdrawn and which by-election opened).
 */
export type SignOutcome =
  | {
      readonly status: 'signature-recorded';
      readonly petitionId: string;
      readonly signatures: number;
      readonly needed: number;
    }
  | {
      readonly status: 'recalled';
      readonly petitionId: string;
      readonly signatures: number;
      readonly needed: number;
      readonly vacated: VacatedSeat;
    };

/** A withdrawn signature: the petition's count after it. */
export interface WithdrawOutcome {
  readonly status: 'signature-withdrawn';
  readonly petitionId: string;
  readonly signatures: number;
  readonly needed: number;
}

/** A petition as its constituents see it. */
export interface PetitionView {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly seatId: string;
  readonly delegatePersonId: string;
  readonly openedAt: string;
  /** open | recalled | lapsed */
  readonly status: string;
  readonly signatures: number;
  /** Signatures needed now: more than the body's recall share of its current membership. */
  readonly needed: number;
  readonly closedAt: string | null;
  /** Whether the asking person has signed. */
  readonly signedByMe: boolean;
}

/** Why a seat tenure ended. */
export type VacateReason =
  /** By petition or by a recall motion of the constituency. */
  | 'recalled'
  /** The delegate resigned. */
  | 'resigned'
  /** The seat rule gives the constituency fewer seats (see `surplusSeats`). */
  | 'surplus';

/** What vacating a seat did. */
export interface VacatedSeat {
  readonly seatId: string;
  readonly councilId: string;
  readonly constituencyId: string;
  readonly delegatePersonId: string | null;
  readonly reason: VacateReason;
  /** Open motions of the council on which the delegate's vote was withdrawn. */
  readonly withdrawnVotes: string[];
  /** The new vacant seat that replaces the tenure (null for a surplus seat, which is abolished). */
  readonly newSeatId: string | null;
  /** The by-election opened for the new seat (null for a surplus seat). */
  readonly byElectionId: string | null;
}

/** A member of a body as listed, with the person's display name. */
export interface MemberView {
  readonly personId: string;
  readonly displayName: string;
  /** member | chair | secretary */
  readonly role: string;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

/** A mandate a body gave its delegates: its instruction on one motion of the council. */
export interface MandateView {
  readonly motionId: string;
  readonly instruction: string;
  readonly decidedAt: string;
}
