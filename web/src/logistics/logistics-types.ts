/** A place as `GET /api/logistics/places` returns it; coordinates in degrees. */
export interface Place {
  readonly id: string;
  readonly name: string;
  readonly kind: 'depot' | 'workplace' | 'distribution-point';
  readonly latitude: number;
  readonly longitude: number;
  readonly bodyId: string | null;
}

/** A truck of the pool. */
export interface Vehicle {
  readonly id: string;
  readonly plate: string;
  readonly capacityKg: number;
  readonly capacityM3: number;
  readonly owner: string;
  readonly status: 'volunteered' | 'requisitioned' | 'returned' | 'out-of-service';
  readonly bodyId: string;
  readonly depotPlaceId: string;
  readonly driverAccountId: string | null;
}

/** A shipment request. */
export interface Shipment {
  readonly id: string;
  readonly bodyId: string;
  /** The body that asked for it (a JAP, a workplace), when another. */
  readonly requestedByBodyId: string | null;
  /** Why it exists: `direct`, `supply-request` (a JAP's resupply), `spare-parts-order`. */
  readonly source: string;
  readonly fromPlaceId: string;
  readonly toPlaceId: string;
  readonly priority: string;
  readonly weightKg: number;
  readonly dueDate: string;
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly status: string;
  readonly goods: readonly { good: string; quantity: number; unit: string }[];
}

/** One stop of a route. */
export interface Stop {
  readonly id: string;
  readonly position: number;
  readonly shipmentId: string;
  readonly placeId: string;
  readonly loadKg: number;
  readonly status: 'planned' | 'picked-up' | 'delivered' | 'failed';
}

/** One truck's route. */
export interface Route {
  readonly id: string;
  readonly number: number;
  readonly vehicleId: string;
  readonly driverAccountId: string | null;
  readonly loadKg: number;
  readonly distanceM: number;
  readonly stops: readonly Stop[];
}

/** A plan without its routes, as listed. */
export interface PlanHead {
  readonly id: string;
  readonly bodyId: string;
  readonly date: string;
  readonly status: 'solving' | 'solved' | 'partial' | 'failed' | 'dispatched';
  readonly shipmentCount: number;
  readonly distanceM: number | null;
  readonly vehiclesUsed: number | null;
  readonly iterations: number | null;
  readonly solveMs: number | null;
  readonly error: string | null;
  readonly createdAt: string;
}

/** A plan with its routes and what it could not place. */
export interface Plan extends PlanHead {
  readonly routes: readonly Route[];
  readonly unplaced: readonly { shipmentId: string; reason: string }[];
}

/** A route as its driver sees it. */
export interface DriverRoute extends Route {
  readonly planId: string;
  readonly date: string;
  readonly plate: string;
  readonly depotPlaceId: string;
}

/** Roles that let a person decide for a body's truck pool (officers of a body, delegates of a council). */
export const DECIDING_ROLES: readonly string[] = Object.freeze(['chair', 'secretary', 'delegate']);
