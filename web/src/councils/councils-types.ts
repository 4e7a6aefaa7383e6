/** The public federation (`GET /api/bodies`): every body and active affiliation. */
export interface Federation {
  readonly bodies: readonly FederationBody[];
  readonly affiliations: readonly Affiliation[];
}

/** A body as the federation lists it. */
export interface FederationBody {
  readonly id: string;
  /** `workplace-assembly`, `cordon`, … (translated under `kinds.`). */
  readonly kind: string;
  readonly name: string;
}

/** "Body `bodyId` sends delegates to council `councilId`", with its seat rule. */
export interface Affiliation {
  readonly id: string;
  readonly bodyId: string;
  readonly councilId: string;
  readonly rule:
    | { kind: 'fixed'; seats: number }
    | { kind: 'per-members'; membersPerSeat: number; minSeats: number };
  readonly createdAt: string;
}

/** A seat tenure (`vacatedAt` null: live, held or vacant). */
export interface Seat {
  readonly seatId: string;
  readonly councilId: string;
  readonly constituencyId: string;
  readonly holderPersonId: string | null;
  readonly holderName: string | null;
  readonly since: string | null;
  readonly vacatedAt: string | null;
  /** `recalled`, `resigned` or `surplus`. */
  readonly vacateReason: string | null;
}

/** `GET /api/bodies/:bodyId`. */
export interface BodyView {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly isCouncil: boolean;
  readonly memberCount: number;
  readonly rules: {
    readonly recallSharePct: number;
    readonly quorum: number | null;
    readonly threshold: string;
    readonly abstentions: string;
    readonly weighted: boolean;
    readonly secretVotes: boolean;
  };
  /** Live seats of a council. */
  readonly seats: readonly Seat[];
  /** Councils the body sends delegates to. */
  readonly affiliations: readonly Affiliation[];
}

/** A member of a base body (or an officer of a council). */
export interface Member {
  readonly personId: string;
  readonly displayName: string;
  /** `member`, `chair` or `secretary`. */
  readonly role: string;
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

/** One vote of a delegate in the council, with the constituency's mandate. */
export interface DelegateVote {
  readonly motionId: string;
  readonly title: string;
  readonly choice: string;
  readonly castAt: string;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string | null;
  readonly mandate: string | null;
  /** The vote went against the constituency's mandate. */
  readonly againstMandate: boolean;
}

/** A tenure of one of the body's delegates, with the vote record. */
export interface DelegateRecord extends Seat {
  readonly votes: readonly DelegateVote[];
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

/** Votes for, against and abstaining. */
export interface MotionCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** The decision on a motion, with the numbers. */
export type MotionOutcome =
  /** Quorum present; adopted or rejected by the threshold. */
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
  /** Fewer seats present than the quorum: nothing decided. */
  | { readonly status: 'no-quorum'; readonly present: number; readonly needed: number };

/** A motion (or an amendment, with `parentId`). */
export interface Motion {
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
  /** `open` or `closed`. */
  readonly status: string;
  readonly outcome: MotionOutcome | null;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly votes: readonly {
    personId: string;
    displayName: string;
    choice: string;
    castAt: string;
    withdrawnReason: string | null;
  }[];
  readonly votesCast: number;
  readonly amendments: readonly Motion[];
  readonly mandates: readonly { bodyId: string; instruction: string }[];
}

/** A vote as recorded, with the voter's mandate. */
export interface VoteReceipt {
  readonly status: 'recorded';
  readonly choice: string;
  readonly mandate: string | null;
  readonly againstMandate: boolean;
}

/** A mandate the body gave its delegates. */
export interface Mandate {
  readonly motionId: string;
  readonly instruction: string;
  readonly decidedAt: string;
}
