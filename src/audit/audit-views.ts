// The audit API's views, as the service returns them and the web app reads them (type-only imports
// from web/src/audit: nothing here imports runtime code).

/** A page of audit events. */
export interface AuditPage {
  readonly events: AuditEventView[];
  /** Pass as `before` to get the next (older) page; null at the start of the stream. */
  readonly nextBefore: number | null;
}

/** An audit event as presented to clients. */
export interface AuditEventView {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly scopeBodyId: string | null;
  readonly scopePersonId: string | null;
  readonly payload: unknown;
  readonly hash: string;
}
