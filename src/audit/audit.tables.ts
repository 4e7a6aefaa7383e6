/** Tables of the audit area: the hash-chained event log and its head. */
export interface AuditTables {
  audit_events: {
    /** Position in this deployment's ordered stream, 1, 2, 3, … (also the SSE event id). */
    seq: number;
    id: string;
    deployment_id: string;
    occurred_at: string;
    /** Account id of whoever caused it, or null for the system (scheduler, scenario). */
    actor_id: string | null;
    /** `<area>.<event>`, e.g. `identity.signed-in`. */
    action: string;
    subject_type: string;
    subject_id: string;
    /** Who may see the event: members of this body; null with scope_person_id null = everyone. */
    scope_body_id: string | null;
    /** Only this person may see the event (e.g. their own password change). */
    scope_person_id: string | null;
    /** Canonical JSON (RFC 8785) of the event's payload. */
    payload: string;
    prev_hash: string;
    /** SHA-256 hex of prev_hash and the canonical JSON of the event. */
    hash: string;
  };
  audit_head: {
    deployment_id: string;
    seq: number;
    hash: string;
  };
}
