import type { DelegateRecord, Federation } from '../../../src/councils/council-views.js';

export type { StvStage } from '../../../src/councils/core/stv-count.js';
export type { MotionCounts, MotionOutcome } from '../../../src/councils/core/tally-motion.js';
// The councils API's views are the server's own (`src/councils/council-views.ts`, and the tally's
// outcome from its core), under the names the pages use; what follows them here has no server twin
// shared yet.
export type {
  AffiliationView as Affiliation,
  BodyView,
  DelegateRecord,
  ElectionResult,
  ElectionView as Election,
  Federation,
  MotionView as Motion,
  PetitionView as Petition,
  SeatView as Seat,
  SignOutcome,
  VacatedSeat,
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

/** A mandate the body gave its delegates. */
export interface Mandate {
  readonly motionId: string;
  readonly instruction: string;
  readonly decidedAt: string;
}
