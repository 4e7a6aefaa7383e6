import type { AuditTables } from '../audit/audit.tables.js';
import type { CouncilsTables } from '../councils/councils.tables.js';
import type { IdentityTables } from '../identity/identity.tables.js';
import type { DbTables } from './db.tables.js';

/** Every table of the database, as Kysely sees it; each area declares its own in `<area>.tables.ts`. */
export interface Tables extends DbTables, IdentityTables, AuditTables, CouncilsTables {}
