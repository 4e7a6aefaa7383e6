import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { AllocationService } from './allocation.service.js';
import { CardsService } from './cards.service.js';
import { ClaimsService } from './claims.service.js';
import { EntitlementsService } from './entitlements.service.js';
import { HouseholdsService } from './households.service.js';
import { PricesService } from './prices.service.js';
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

  constructor(database: Database, audit: AuditService, councils: CouncilsService, clock: Clock) {
    const ctx = new SupplyContext(database, audit, councils, clock);
    this.households = new HouseholdsService(ctx);
    this.entitlements = new EntitlementsService(ctx);
    this.allocation = new AllocationService(ctx, this.entitlements);
    this.cards = new CardsService(ctx, this.entitlements);
    this.claims = new ClaimsService(ctx, this.entitlements, this.cards);
    this.prices = new PricesService(ctx);
  }
}
