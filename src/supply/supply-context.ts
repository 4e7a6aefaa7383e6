import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import type { Principal } from '../identity/principal.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import { type SupplyDb, supplyDb } from './supply-db.js';

const CACHE_LIMIT = 10_000;

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

  // Goods, points and a rule version's rules never change once written, so they are kept by id
  // (claims read them on every handover). Only rows read back are kept; a miss is never cached.
  private readonly goods = new Map<string, SupplyTables['supply_goods']>();
  private readonly points = new Map<string, SupplyTables['supply_points']>();
  private readonly rules = new Map<string, SupplyTables['supply_rules'][]>();

  private static remember<V>(map: Map<string, V>, key: string, value: V): V {
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(key, value);
    return value;
  }

  /** A good by id (from the cache when read before). */
  async good(db: SupplyDb, id: string): Promise<SupplyTables['supply_goods'] | undefined> {
    const hit = this.goods.get(id);
    if (hit) return hit;
    const row = await store.findGood(db, id);
    return row && SupplyContext.remember(this.goods, id, row);
  }

  /** A distribution point by id (from the cache when read before). */
  async point(db: SupplyDb, id: string): Promise<SupplyTables['supply_points'] | undefined> {
    const hit = this.points.get(id);
    if (hit) return hit;
    const row = await store.findPoint(db, id);
    return row && SupplyContext.remember(this.points, id, row);
  }

  /** The rules of a rule version (from the cache when read before). */
  async rulesOf(db: SupplyDb, versionId: string): Promise<SupplyTables['supply_rules'][]> {
    const hit = this.rules.get(versionId);
    if (hit) return hit;
    return SupplyContext.remember(this.rules, versionId, await store.rulesOf(db, versionId));
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
