import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import type { ProductionArea } from '../production/production-area.js';
import type { SupplyService } from '../supply/supply.service.js';
import { type PlansOptions, PlansService } from './plans.service.js';

/** The planning area's services, as `services.planning`. */
export interface PlanningArea {
  /** Plans: drafts from entitlements, targets, the assembly's motion, amendments, adoption, quotas, fulfilment. */
  readonly plans: PlansService;
}

/**
 * Wires the planning services over the councils, production and supply services it reads.
 *
 * @example const planning = createPlanningArea(database, audit, councils, production, supply, clock);
 */
export function createPlanningArea(
  database: Database,
  audit: AuditService,
  councils: CouncilsService,
  production: ProductionArea,
  supply: SupplyService,
  clock: Clock,
  options: PlansOptions = {},
): PlanningArea {
  return Object.freeze({
    plans: new PlansService(database, audit, councils, production, supply, clock, options),
  });
}
