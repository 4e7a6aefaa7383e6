// The logistics API's views and vocabularies (places, the truck pool, shipments, route plans, a
// driver's route), as the services return them and the web app reads them (it imports this file,
// so nothing here imports runtime code).

/** What a place is for the fleet. */
export const PLACE_KINDS = Object.freeze(['depot', 'workplace', 'distribution-point'] as const);

/** One place kind. */
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A place as presented; coordinates in degrees (stored as integer micro-degrees). */
export interface PlaceView {
  readonly id: string;
  readonly name: string;
  readonly kind: PlaceKind;
  readonly latitude: number;
  readonly longitude: number;
  readonly bodyId: string | null;
  readonly supplyPointId: string | null;
}

/** A truck's standing in the pool. */
export const VEHICLE_STATUSES = Object.freeze([
  'volunteered',
  'requisitioned',
  'returned',
  'out-of-service',
] as const);

/** One vehicle status. */
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

/** Statuses in which a truck can be planned. */
export const IN_SERVICE: readonly VehicleStatus[] = Object.freeze(['volunteered', 'requisitioned']);

/** A vehicle as presented. */
export interface VehicleView {
  readonly id: string;
  readonly plate: string;
  readonly capacityKg: number;
  readonly capacityM3: number;
  readonly owner: string;
  readonly status: VehicleStatus;
  /** The body that decided the current status (whose pool holds it while in service). */
  readonly bodyId: string;
  readonly depotPlaceId: string;
  readonly driverAccountId: string | null;
}

/** One entry of a vehicle's status history. */
export interface VehicleStatusEntry {
  readonly status: VehicleStatus;
  readonly bodyId: string;
  readonly note: string | null;
  readonly recordedAt: string;
}

/** What a shipment carries, in the order trucks should favour it. */
export const PRIORITIES = Object.freeze(['food', 'fuel', 'medicine', 'raw-material', 'spare-parts'] as const);

/** One priority. */
export type Priority = (typeof PRIORITIES)[number];

/** requested → planned → picked-up → delivered | failed (a failed one goes back to requested). */
export const SHIPMENT_STATUSES = Object.freeze([
  'requested',
  'planned',
  'picked-up',
  'delivered',
  'failed',
] as const);

/** One shipment status. */
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Where a shipment came from. */
export const SHIPMENT_SOURCES = Object.freeze(['direct', 'supply-request', 'spare-parts-order'] as const);

/** One source. */
export type ShipmentSource = (typeof SHIPMENT_SOURCES)[number];

/** One line of goods, in a stated unit. */
export interface GoodsLine {
  readonly good: string;
  readonly quantity: number;
  readonly unit: string;
}

/** A shipment as presented. */
export interface ShipmentView {
  readonly id: string;
  readonly bodyId: string;
  readonly requestedByBodyId: string | null;
  readonly source: ShipmentSource;
  readonly sourceRef: string | null;
  readonly fromPlaceId: string;
  readonly toPlaceId: string;
  readonly priority: Priority;
  readonly weightKg: number;
  readonly dueDate: string;
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly status: ShipmentStatus;
  readonly planId: string | null;
  readonly failureReason: string | null;
  readonly goods: GoodsLine[];
}

/** solving → solved | partial | failed; a solved or partial plan may be dispatched. */
export type PlanStatus = 'solving' | 'solved' | 'partial' | 'failed' | 'dispatched';

/** Why a shipment is not in a plan: the router's reasons, or no truck at its origin. */
export type UnplacedShipmentReason =
  | 'demand-exceeds-capacity'
  | 'time-window-unreachable'
  | 'no-room-in-fleet'
  | 'no-vehicle-at-origin';

/** One stop of a planned route: one shipment delivered at its destination. */
export interface PlanStopView {
  readonly id: string;
  readonly position: number;
  readonly shipmentId: string;
  readonly placeId: string;
  /** kg on board when the truck arrives. */
  readonly loadKg: number;
  readonly status: 'planned' | 'picked-up' | 'delivered' | 'failed';
}

/** One truck's route: from its depot through the stops and back. */
export interface PlanRouteView {
  readonly id: string;
  readonly number: number;
  readonly vehicleId: string;
  readonly driverAccountId: string | null;
  readonly loadKg: number;
  readonly distanceM: number;
  readonly stops: PlanStopView[];
}

/** A plan without its routes, as listed. */
export type PlanHeadView = Omit<PlanView, 'routes' | 'unplaced'>;

/** A day's route plan with the solver's figures. */
export interface PlanView {
  readonly id: string;
  readonly bodyId: string;
  readonly date: string;
  readonly status: PlanStatus;
  readonly shipmentCount: number;
  readonly distanceM: number | null;
  readonly vehiclesUsed: number | null;
  readonly iterations: number | null;
  readonly solveMs: number | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly dispatchedAt: string | null;
  readonly routes: PlanRouteView[];
  readonly unplaced: { shipmentId: string; reason: UnplacedShipmentReason }[];
}

/** A driver's route with the plan date and truck plate. */
export interface DriverRouteView extends PlanRouteView {
  readonly planId: string;
  readonly date: string;
  readonly plate: string;
  readonly depotPlaceId: string;
}
