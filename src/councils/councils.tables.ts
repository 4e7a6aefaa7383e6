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
    vacated_at: string | null;
  };
}
