import { Type } from 'typebox';
import { PLACE_KINDS, PRIORITIES, SHIPMENT_STATUSES, VEHICLE_STATUSES } from './logistics-views.js';

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD (UTC)' });
const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** POST /api/logistics/places */
export const CreatePlaceBody = Type.Object(
  {
    name: Text(),
    kind: Literals(PLACE_KINDS),
    latitude: Type.Number({ minimum: -90, maximum: 90, description: 'degrees, WGS 84' }),
    longitude: Type.Number({ minimum: -180, maximum: 180, description: 'degrees, WGS 84' }),
    bodyId: Type.Optional(Nullable(Id)),
    supplyPointId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

/** A place. */
export const PlaceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  bodyId: Nullable(Type.String()),
  supplyPointId: Nullable(Type.String()),
});

/** GET /api/logistics/places?kind= */
export const PlaceQuery = Type.Object(
  { kind: Type.Optional(Literals(PLACE_KINDS)) },
  { additionalProperties: false },
);

/** GET /api/logistics/places */
export const PlaceList = Type.Object({ places: Type.Array(PlaceSchema) });

/** GET /api/logistics/places/:id — with the goods delivered there (logistics ledger). */
export const PlaceDetail = Type.Object({
  ...PlaceSchema.properties,
  delivered: Type.Array(Type.Object({ good: Type.String(), unit: Type.String(), quantity: Type.Integer() })),
});

/** POST /api/logistics/vehicles */
export const CreateVehicleBody = Type.Object(
  {
    plate: Text(20),
    capacityKg: Type.Integer({ minimum: 1, maximum: 100_000 }),
    capacityM3: Type.Integer({ minimum: 1, maximum: 500 }),
    owner: Text(),
    status: Literals(['volunteered', 'requisitioned']),
    bodyId: Id,
    depotPlaceId: Id,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

/** POST /api/logistics/vehicles/:id/status */
export const VehicleStatusBody = Type.Object(
  {
    status: Literals(VEHICLE_STATUSES),
    bodyId: Id,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

/** PUT /api/logistics/vehicles/:id/driver */
export const DriverBody = Type.Object({ accountId: Nullable(Id) }, { additionalProperties: false });

/** A vehicle. */
export const VehicleSchema = Type.Object({
  id: Type.String(),
  plate: Type.String(),
  capacityKg: Type.Integer(),
  capacityM3: Type.Integer(),
  owner: Type.String(),
  status: Type.String(),
  bodyId: Type.String(),
  depotPlaceId: Type.String(),
  driverAccountId: Nullable(Type.String()),
});

/** GET /api/logistics/vehicles?bodyId=&status= */
export const VehicleQuery = Type.Object(
  { bodyId: Type.Optional(Id), status: Type.Optional(Literals(VEHICLE_STATUSES)) },
  { additionalProperties: false },
);

/** GET /api/logistics/vehicles */
export const VehicleList = Type.Object({ vehicles: Type.Array(VehicleSchema) });

/** GET /api/logistics/vehicles/:id */
export const VehicleDetail = Type.Object({
  ...VehicleSchema.properties,
  history: Type.Array(
    Type.Object({
      status: Type.String(),
      bodyId: Type.String(),
      note: Nullable(Type.String()),
      recordedAt: Type.String(),
    }),
  ),
});

const GoodsLine = Type.Object(
  { good: Text(100), quantity: Type.Integer({ minimum: 1 }), unit: Text(20) },
  { additionalProperties: false },
);

/** POST /api/logistics/shipments */
export const CreateShipmentBody = Type.Object(
  {
    bodyId: Id,
    requestedByBodyId: Type.Optional(Nullable(Id)),
    fromPlaceId: Id,
    toPlaceId: Id,
    priority: Literals(PRIORITIES),
    weightKg: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    dueDate: Day,
    window: Type.Optional(
      Nullable(
        Type.Object(
          { start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) },
          { additionalProperties: false },
        ),
      ),
    ),
    goods: Type.Array(GoodsLine, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

/** A shipment. */
export const ShipmentSchema = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  requestedByBodyId: Nullable(Type.String()),
  source: Type.String(),
  sourceRef: Nullable(Type.String()),
  fromPlaceId: Type.String(),
  toPlaceId: Type.String(),
  priority: Type.String(),
  weightKg: Type.Integer(),
  dueDate: Type.String(),
  window: Nullable(Type.Object({ start: Type.String(), end: Type.String() })),
  status: Type.String(),
  planId: Nullable(Type.String()),
  failureReason: Nullable(Type.String()),
  goods: Type.Array(Type.Object({ good: Type.String(), quantity: Type.Integer(), unit: Type.String() })),
});

/** GET /api/logistics/shipments?bodyId=&status=&dueDate= */
export const ShipmentQuery = Type.Object(
  {
    bodyId: Type.Optional(Id),
    status: Type.Optional(Literals(SHIPMENT_STATUSES)),
    dueDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);

/** GET /api/logistics/shipments */
export const ShipmentList = Type.Object({ shipments: Type.Array(ShipmentSchema) });

/** POST /api/logistics/plans */
export const StartPlanBody = Type.Object(
  { bodyId: Id, date: Day, seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) },
  { additionalProperties: false },
);

const StopSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  shipmentId: Type.String(),
  placeId: Type.String(),
  loadKg: Type.Integer(),
  status: Type.String(),
});

const RouteSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  vehicleId: Type.String(),
  driverAccountId: Nullable(Type.String()),
  loadKg: Type.Integer(),
  distanceM: Type.Integer(),
  stops: Type.Array(StopSchema),
});

const PlanHead = {
  id: Type.String(),
  bodyId: Type.String(),
  date: Type.String(),
  status: Type.String(),
  shipmentCount: Type.Integer(),
  distanceM: Nullable(Type.Integer()),
  vehiclesUsed: Nullable(Type.Integer()),
  iterations: Nullable(Type.Integer()),
  solveMs: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  completedAt: Nullable(Type.String()),
  dispatchedAt: Nullable(Type.String()),
};

/** A route plan with its routes and unplaced shipments. */
export const PlanSchema = Type.Object({
  ...PlanHead,
  routes: Type.Array(RouteSchema),
  unplaced: Type.Array(Type.Object({ shipmentId: Type.String(), reason: Type.String() })),
});

/** GET /api/logistics/plans?bodyId= */
export const PlanQuery = Type.Object({ bodyId: Type.Optional(Id) }, { additionalProperties: false });

/** GET /api/logistics/plans */
export const PlanList = Type.Object({ plans: Type.Array(Type.Object(PlanHead)) });

/** A driver's route. */
export const DriverRouteSchema = Type.Object({
  ...RouteSchema.properties,
  planId: Type.String(),
  date: Type.String(),
  plate: Type.String(),
  depotPlaceId: Type.String(),
});

/** GET /api/logistics/my-routes */
export const DriverRouteList = Type.Object({ routes: Type.Array(DriverRouteSchema) });

/** POST /api/logistics/stops/:id/events */
export const StopEventBody = Type.Object(
  {
    event: Literals(['picked-up', 'delivered', 'failed']),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
