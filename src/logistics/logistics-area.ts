import type { AuditService } from '../audit/audit.service.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { DispatchService, type OnDelivered, type OnPickedUp } from './dispatch.service.js';
import { LogisticsContext } from './logistics-context.js';
import { PlacesService } from './places.service.js';
import { PoolService } from './pool.service.js';
import { type RoutePlanningOptions, RoutePlanningService } from './route-planning.service.js';
import { ShipmentsService } from './shipments.service.js';

/** The logistics area's services, as `services.logistics`. */
export interface LogisticsArea {
  /** Depots, workplaces and distribution points with their delivered-goods ledger. */
  readonly places: PlacesService;
  /** Trucks volunteered, requisitioned, returned; drivers. */
  readonly pool: PoolService;
  /** Shipment requests (`requestShipment` is the seam for supply and production). */
  readonly shipments: ShipmentsService;
  /** Day plans solved in a worker thread off the request path. */
  readonly planning: RoutePlanningService;
  /** Plans handed to drivers; pickups, deliveries and failures. */
  readonly dispatch: DispatchService;
}

/** Options of the area: the solver's budget, and what a delivery does besides the ledger. */
export interface LogisticsAreaOptions extends RoutePlanningOptions {
  readonly onDelivered?: OnDelivered;
  /** What loading a shipment does beyond logistics (e.g. drawing a farm's harvest stock). */
  readonly onPickedUp?: OnPickedUp;
}

/**
 * Wires the logistics services.
 *
 * @example const logistics = createLogisticsArea(database, audit, councils, { seconds: 2 });
 */
export function createLogisticsArea(
  database: Database,
  audit: AuditService,
  councils: CouncilsService,
  options: LogisticsAreaOptions = {},
): LogisticsArea {
  const ctx = new LogisticsContext(database, audit, councils);
  const planning = new RoutePlanningService(ctx, options);
  return Object.freeze({
    places: new PlacesService(ctx),
    pool: new PoolService(ctx),
    shipments: new ShipmentsService(ctx),
    planning,
    dispatch: new DispatchService(ctx, planning, options.onDelivered, options.onPickedUp),
  });
}
