import { AuditService } from '../audit/audit.service.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import { EventBus } from '../core/event-bus.js';
import { secretKeyPlace } from '../core/secret-key.js';
import { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { processLeasesFor } from '../db/process-leases.js';
import { IdentityService } from '../identity/identity.service.js';
import { createLandArea, type LandArea } from '../land/land-area.js';
import { createLogisticsArea, type LogisticsArea } from '../logistics/logistics-area.js';
import { OverviewService } from '../overview/overview.service.js';
import { createPlanningArea, type PlanningArea } from '../planning/planning-area.js';
import { createProductionArea, type ProductionArea } from '../production/production-area.js';
import { SupplyService } from '../supply/supply.service.js';
import {
  deliveriesRaiseSupplyStock,
  pickupsDrawHarvestStock,
  resupplyBecomesShipments,
} from './area-links.js';

/** Every area service of one deployment, wired once and shared by the HTTP server and the CLI. */
export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly audit: AuditService;
  readonly identity: IdentityService;
  readonly councils: CouncilsService;
  readonly production: ProductionArea;
  readonly planning: PlanningArea;
  readonly supply: SupplyService;
  readonly logistics: LogisticsArea;
  readonly land: LandArea;
  /** Figures across the loop and the chronicle of notable events (read-only). */
  readonly overview: OverviewService;
}

/**
 * Wires the services over an open, migrated database.
 *
 * @example const services = await createServices(database, config);
 */
export async function createServices(
  database: Database,
  config: Config,
  clock: Clock = systemClock,
): Promise<Services> {
  const bus = new EventBus();
  const audit = await AuditService.create(database, clock, bus);
  const identity = new IdentityService(database, audit, clock, { sessionTtlHours: config.sessionTtlHours });
  const councils = new CouncilsService(database, audit);
  const supply = await SupplyService.create(database, audit, councils, clock, secretKeyPlace(config));
  const production = createProductionArea(database, audit, councils, clock);
  // with several instances on PostgreSQL, a solve one of them is running is not "interrupted"
  const leases = processLeasesFor(config.database);
  const planning = createPlanningArea(database, audit, councils, production, supply, clock, { leases });
  const land = createLandArea(database, audit, councils);
  const logistics = createLogisticsArea(database, audit, councils, {
    onDelivered: deliveriesRaiseSupplyStock(supply),
    onPickedUp: pickupsDrawHarvestStock(land, councils),
    leases,
  });
  supply.resupply.routeWith(resupplyBecomesShipments(logistics, councils));
  return Object.freeze({
    config,
    database,
    clock,
    bus,
    audit,
    identity,
    councils,
    production,
    planning,
    supply,
    land,
    logistics,
    overview: new OverviewService(database, councils, clock),
  });
}
