// The councils API's views are the server's own (`src/councils/council-views.ts`, and the count's
// and the tally's shapes from its core), under the names the pages use.
import type { Federation } from '../../../src/councils/council-views.js';

export type { StvStage } from '../../../src/councils/core/stv-count.js';
export type { MotionCounts, MotionOutcome } from '../../../src/councils/core/tally-motion.js';
export type {
  BodyView,
  DelegateRecord,
  ElectionResult,
  ElectionView as Election,
  Federation,
  MandateView as Mandate,
  MemberView as Member,
  MotionView as Motion,
  PetitionView as Petition,
  SignOutcome,
  VoteReceipt,
} from '../../../src/councils/council-views.js';

/** A body as the federation lists it. */
export type FederationBody = Federation['bodies'][number];
