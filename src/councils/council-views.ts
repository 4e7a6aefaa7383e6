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
