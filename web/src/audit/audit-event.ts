/** One audit event as `GET /api/audit` returns it. */
export interface AuditEvent {
  /** Position in the deployment's chain, from 1. */
  readonly seq: number;
  readonly id: string;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  /** Account or person that acted; null for the system. */
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly scopeBodyId: string | null;
  readonly payload: unknown;
  /** Hex hash covering the previous hash and this event. */
  readonly hash: string;
}
