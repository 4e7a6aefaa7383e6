/** One audit event as `GET /api/audit` returns it: the server's own view (`src/audit/audit-views.ts`). */
export type { AuditEventView as AuditEvent } from '../../../src/audit/audit-views.js';
