/**
 * Tables of the councils area that the foundation needs for "who may do what": bodies, their
 * individual members and the delegate seats in councils. The councils issue extends them.
 */
export interface CouncilsTables {
  bodies: {
    id: string;
    /** workplace-assembly | cordon | supply-committee | peasant-committee | regional-council | national-assembly */
    kind: string;
    name: string;
    created_at: string;
  };
  memberships: {
    id: string;
    body_id: string;
    person_id: string;
    /** member | chair | secretary */
    role: string;
    joined_at: string;
    left_at: string | null;
  };
  seats: {
    id: string;
    /** The council the seat is in. */
    council_id: string;
    /** The body whose delegate holds the seat. */
    constituency_id: string;
    holder_person_id: string | null;
    since: string | null;
    /** Set when the seat (this tenure of it) ended; a live seat has null here. */
    vacated_at: string | null;
    /** recalled | resigned | surplus | left-body, once vacated. */
    vacate_reason?: string | null;
  };
  /** Rules and the kept member count of a body (one row per body). */
  body_settings: {
    body_id: string;
    /** Active memberships, kept by every membership change (petition thresholds read it in O(1)). */
    member_count: number;
    /** A recall petition succeeds with signatures of more than this share of the constituency, in %. */
    recall_share_pct: number;
    /** Default quorum of motions in seats; null = a majority of seats. */
    quorum: number | null;
    threshold: string;
    abstentions: string;
    /** 1 when a council's votes weigh the membership each delegate represents. */
    weighted: number;
    /** 1 when the body's motions are voted by secret ballot (base bodies only). */
    secret_votes: number;
  };
  /** Body B sends delegates to council C under a seat rule. */
  affiliations: {
    id: string;
    body_id: string;
    council_id: string;
    /** fixed | per-members */
    seat_rule: string;
    seats_fixed: number | null;
    members_per_seat: number | null;
    min_seats: number;
    created_at: string;
    ended_at: string | null;
  };
  elections: {
    id: string;
    /** The electing body (the constituency). */
    body_id: string;
    council_id: string;
    seats: number;
    /** election | by-election */
    kind: string;
    /** open | closed */
    status: string;
    ballots_cast: number;
    lot_seed: number;
    opened_at: string;
    closed_at: string | null;
    /** JSON of the count (every stage), written at close. */
    result: string | null;
  };
  election_candidates: {
    election_id: string;
    person_id: string;
    /** nominated | accepted */
    status: string;
    nominated_by: string;
  };
  /** Who voted in an election; nothing links a row here to a ballot. */
  election_participation: {
    election_id: string;
    person_id: string;
  };
  /** A secret ballot: random UUIDv4 id, the ranking (JSON array of person ids) and the receipt. */
  ballots: {
    id: string;
    election_id: string;
    ranking: string;
    receipt: string;
  };
  recall_petitions: {
    id: string;
    /** The constituency whose members sign. */
    body_id: string;
    council_id: string;
    seat_id: string;
    delegate_person_id: string;
    opened_by: string;
    opened_at: string;
    /** open | recalled | lapsed (the seat was vacated otherwise) */
    status: string;
    signature_count: number;
    closed_at: string | null;
  };
  recall_signatures: {
    petition_id: string;
    person_id: string;
    signed_at: string;
  };
  meetings: {
    id: string;
    body_id: string;
    title: string;
    opened_by: string;
    opened_at: string;
    closed_at: string | null;
  };
  meeting_attendance: {
    meeting_id: string;
    person_id: string;
    arrived_at: string;
  };
  motions: {
    id: string;
    body_id: string;
    meeting_id: string | null;
    /** The motion an amendment amends. */
    parent_id: string | null;
    /** ordinary | amendment | recall */
    kind: string;
    title: string;
    text: string;
    recall_seat_id: string | null;
    threshold: string;
    quorum: number | null;
    abstentions: string;
    secret: number;
    /** open | closed */
    status: string;
    /** JSON of the `MotionOutcome`, written at close. */
    outcome: string | null;
    proposed_by: string;
    opened_at: string;
    closed_at: string | null;
  };
  /** Open (roll-call) votes. */
  motion_votes: {
    motion_id: string;
    person_id: string;
    /** for | against | abstain */
    choice: string;
    cast_at: string;
    withdrawn_at: string | null;
    /** recalled | resigned | surplus */
    withdrawn_reason: string | null;
  };
  motion_participation: {
    motion_id: string;
    person_id: string;
  };
  motion_secret_votes: {
    id: string;
    motion_id: string;
    choice: string;
  };
  mandates: {
    id: string;
    body_id: string;
    motion_id: string;
    /** for | against | abstain | free */
    instruction: string;
    decided_at: string;
  };
}
