// The logistics API's views are the server's own (`src/logistics/logistics-views.ts`), under the
// names the pages use.
export type {
  DriverRouteView as DriverRoute,
  PlaceView as Place,
  PlanHeadView as PlanHead,
  PlanRouteView as Route,
  PlanStopView as Stop,
  PlanView as Plan,
  ShipmentView as Shipment,
  VehicleView as Vehicle,
} from '../../../src/logistics/logistics-views.js';

/** Roles that let a person decide for a body's truck pool (officers of a body, delegates of a council). */
export const DECIDING_ROLES: readonly string[] = Object.freeze(['chair', 'secretary', 'delegate']);
