import type { DelegateRecord, Federation } from '../../../src/councils/council-views.js';

export type { MotionCounts, MotionOutcome } from '../../../src/councils/core/tally-motion.js';
// The councils API's views are the server's own (`src/councils/council-views.ts`, and the tally's
// outcome from its core), under the names the pages use; what follows them here has no server twin
// shared yet.
export type {
  AffiliationView as Affiliation,
  BodyView,
  DelegateRecord,
  Federation,
  MotionView as Motion,
  SeatView as Seat,
  VoteReceipt,
} from '../../../src/councils/council-views.js';

/** A body as the federation lists it. */
export type FederationBody = Federation['bodies'][number];

/** One vote of a delegate in the council, with the constituency's mandate. */
export type DelegateVote = DelegateRecord['votes'][number];

/** A member of a base body (or an officer of a council). */
export interface Member {
  readonly personId: string;
  readonly displayName: string;
  /** `member`, `chair` or `secretary`. */
  readonly role: string;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

/** A recall petition. */
export interface Petition {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly seatId: string;
  readonly delegatePersonId: string;
  readonly openedAt: string;
  /** `open`, `recalled` or `lapsed`. */
  readonly status: string;
  readonly signatures: number;
  readonly needed: number;
  readonly closedAt: string | null;
  readonly signedByMe: boolean;
}

/** What vacating a seat did. */
export interface VacatedSeat {
  readonly seatId: string;
  readonly councilId: string;
  readonly constituencyId: string;
  readonly delegatePersonId: string | null;
  readonly reason: string;
  readonly withdrawnVotes: readonly string[];
  readonly newSeatId: string | null;
  readonly byElectionId: string | null;
}

/** A signature's outcome: counted, or the recall it caused. */
export type SignOutcome =
  /** Counted: `signatures` of `needed`. */
  | { readonly status: 'signature-recorded'; readonly signatures: number; readonly needed: number }
  /** This signature reached the threshold: the seat was vacated at once. */
  | {
      readonly status: 'recalled';
      readonly signatures: number;
      readonly needed: number;
      readonly vacated: VacatedSeat;
    };

/** An election of delegates with its candidates. */
export interface Election {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly seats: number;
  /** `election` or `by-election`. */
  readonly kind: string;
  /** `open` or `closed`. */
  readonly status: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly ballotsCast: number;
  readonly standingClosed: boolean;
  /** Status `nominated` or `accepted`; only accepted candidates are on the ballot. */
  readonly candidates: readonly { personId: string; displayName: string; status: string }[];
  readonly votedByMe: boolean;
}

/** One stage of an STV count; votes in units of 10⁻⁵ vote (E5). */
export interface StvStage {
  readonly stage: number;
  readonly action:
    | { readonly kind: 'first-preferences' }
    | { readonly kind: 'surplus'; readonly candidate: number; readonly transferValueE5: number }
    | { readonly kind: 'exclusion'; readonly candidate: number };
  readonly votesE5: readonly number[];
  readonly changeE5: readonly number[];
  readonly nonTransferableE5: number;
  readonly exhaustedE5: number;
  readonly exhaustedPapers: number;
  readonly lossTotalE5: number;
  readonly elected: readonly number[];
}

/** `GET /api/elections/:id/results`. */
export type ElectionResult =
  /** The ballot is open: only how many voted. */
  | { readonly status: 'hidden'; readonly ballotsCast: number }
  /** The full count with every stage. */
  | {
      readonly status: 'counted';
      readonly elected: readonly { personId: string; displayName: string }[];
      readonly names: Readonly<Record<string, string>>;
      readonly count: {
        readonly method: string;
        readonly rules: string;
        readonly candidates: readonly string[];
        readonly seats: number;
        readonly validPapers: number;
        readonly quota: number;
        readonly stages: readonly StvStage[];
        readonly lotSeed: number;
      };
    }
  /** The count could not run (e.g. nobody stood). */
  | { readonly status: 'invalid'; readonly reason: string };

/** A mandate the body gave its delegates. */
export interface Mandate {
  readonly motionId: string;
  readonly instruction: string;
  readonly decidedAt: string;
}
