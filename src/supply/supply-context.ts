import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import type { Principal } from '../identity/principal.js';
import { type SupplyDb, supplyDb } from './supply-db.js';

/** Kind of body that runs supply. */
export const SUPPLY_COMMITTEE = 'supply-committee';

/**
 * What every supply service shares: the database (widened to the supply tables), the audit
 * command runner, the councils service that answers "may P do X on body B", and the clock.
 */
export class SupplyContext {
  readonly db: SupplyDb;
  constructor(
    readonly database: Database,
    readonly audit: AuditService,
    readonly councils: CouncilsService,
    readonly clock: Clock,
  ) {
    this.db = supplyDb(database.db);
  }

  /**
   * Throws 403 unless `principal` manages `committeeId` and it is a supply committee; an unknown
   * body and a body of another kind answer the same 403.
   */
  async assertManagesCommittee(principal: Principal, committeeId: string): Promise<void> {
    await this.councils.assertMay(principal, 'body.manage', committeeId);
    const body = await this.councils.body(principal, committeeId);
    if (body.kind !== SUPPLY_COMMITTEE) throw new AppError('forbidden');
  }

  /** True when `bodyId` names a supply committee (the federation's bodies are public). */
  async isCommittee(bodyId: string): Promise<boolean> {
    const { bodies } = await this.councils.federation();
    return bodies.some((b) => b.id === bodyId && b.kind === SUPPLY_COMMITTEE);
  }
}
