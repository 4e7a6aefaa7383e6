import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { SecretKeyPlace } from '../core/secret-key.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { AllocationService } from './allocation.service.js';
import { CardsService } from './cards.service.js';
import { ClaimsService } from './claims.service.js';
import { EntitlementsService } from './entitlements.service.js';
import { HouseholdsService } from './households.service.js';
import { prepareSealingKey } from './key-sealing.js';
import { PricesService } from './prices.service.js';
import { ResupplyService } from './resupply.service.js';
import { SupplyContext } from './supply-context.js';

/**
 * The supply committees' services, one concept each. Other areas call
 * `entitlements.committeeTotals(committeeId, period)` for consumption targets and deliveries.
 *
 * @example const totals = await services.supply.entitlements.committeeTotals(japId, '1972-11');
 */
export class SupplyService {
  readonly households: HouseholdsService;
  readonly entitlements: EntitlementsService;
  readonly allocation: AllocationService;
  readonly cards: CardsService;
  readonly claims: ClaimsService;
  readonly prices: PricesService;
  /** Shortfalls of a period and the requests that bring them (routed by logistics). */
  readonly resupply: ResupplyService;

  private constructor(ctx: SupplyContext, sealingKey: Uint8Array) {
    this.households = new HouseholdsService(ctx);
    this.entitlements = new EntitlementsService(ctx);
    this.allocation = new AllocationService(ctx, this.entitlements);
    this.cards = new CardsService(ctx, this.entitlements, sealingKey);
    this.claims = new ClaimsService(ctx, this.entitlements, this.cards);
    this.prices = new PricesService(ctx);
    this.resupply = new ResupplyService(ctx, this.entitlements);
  }

  /**
   * Wires supply over a migrated database. Reads the deployment's key-encryption key from `secretKey`
   * (made there on first start) and seals any private key still stored in clear; throws a
   * SecretKeyError when encrypted keys exist and that key is missing or wrong.
   */
  static async create(
    database: Database,
    audit: AuditService,
    councils: CouncilsService,
    clock: Clock,
    secretKey: SecretKeyPlace,
  ): Promise<SupplyService> {
    const ctx = new SupplyContext(database, audit, councils, clock);
    return new SupplyService(ctx, await prepareSealingKey(ctx, secretKey));
  }
}
