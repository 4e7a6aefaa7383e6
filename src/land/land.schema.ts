import { Type } from 'typebox';
import { LAND_CLASSES } from './parcel-input.js';
import { PARCEL_STATUSES } from './parcel-transitions.js';

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ description: 'a date YYYY-MM-DD (UTC)' });
const Status = Type.Union(PARCEL_STATUSES.map((s) => Type.Literal(s)));
const Class = Type.Union(LAND_CLASSES.map((c) => Type.Literal(c)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** `:id` in a path. */
export const ParcelParams = Type.Object({ id: Id }, { additionalProperties: false });

/** A GeoJSON Polygon or MultiPolygon (validated by the service, which names the bad position). */
const Geometry = Type.Object({ type: Type.String(), coordinates: Type.Any() });

/** POST /api/parcels */
export const CreateParcelBody = Type.Object(
  {
    bodyId: Type.Optional(Nullable(Id)),
    name: Type.String({ maxLength: 200 }),
    region: Type.String({ maxLength: 80 }),
    landClass: Type.String({ description: LAND_CLASSES.join(' | ') }),
    areaHectares: Type.Number({ description: 'hectares, > 0, kept to 0.01 ha' }),
    previousOwner: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    boundary: Type.Optional(
      Nullable(Type.Any({ description: 'GeoJSON Polygon or MultiPolygon, lon/lat WGS 84' })),
    ),
    status: Type.Optional(
      Type.String({ description: 'private (default), occupied, expropriated or returned' }),
    ),
    since: Day,
  },
  { additionalProperties: false },
);

/** A parcel. */
export const ParcelSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  region: Type.String(),
  landClass: Type.String(),
  areaHectares: Type.Number(),
  status: Type.String(),
  statusSince: Type.String(),
  assignedBodyId: Nullable(Type.String()),
  previousOwner: Nullable(Type.String()),
  boundary: Nullable(Geometry),
});

/** GET /api/parcels */
export const ParcelQuerySchema = Type.Object(
  {
    status: Type.Optional(Status),
    region: Type.Optional(Type.String({ maxLength: 80 })),
    landClass: Type.Optional(Class),
    assignedBodyId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** GET /api/parcels response. */
export const ParcelList = Type.Object({
  parcels: Type.Array(ParcelSchema),
  total: Type.Integer(),
  regions: Type.Array(Type.String()),
});

/** GET /api/parcels/:id */
export const ParcelDetailSchema = Type.Object({
  ...ParcelSchema.properties,
  registeredByBodyId: Nullable(Type.String()),
  history: Type.Array(
    Type.Object({
      status: Type.String(),
      since: Type.String(),
      decidingBodyId: Nullable(Type.String()),
      motionId: Nullable(Type.String()),
      recordedAt: Type.String(),
    }),
  ),
  assignments: Type.Array(
    Type.Object({
      bodyId: Type.String(),
      since: Type.String(),
      until: Nullable(Type.String()),
      motionId: Nullable(Type.String()),
    }),
  ),
  harvests: Type.Array(
    Type.Object({
      id: Type.String(),
      bodyId: Type.String(),
      productCode: Type.String(),
      quantityKg: Type.Integer(),
      harvestedOn: Type.String(),
    }),
  ),
});

/** POST /api/parcels/:id/transitions */
export const TransitionBody = Type.Object(
  {
    to: Status,
    since: Day,
    decidingBodyId: Id,
    motionId: Type.Optional(Nullable(Id)),
    assignedBodyId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

/** POST /api/parcels/:id/harvests */
export const HarvestBody = Type.Object(
  {
    productCode: Type.String({ maxLength: 40, description: 'lower-case letters, digits, dashes' }),
    quantityKg: Type.Number({ description: 'whole kilograms, > 0' }),
    harvestedOn: Day,
  },
  { additionalProperties: false },
);

/** A harvest. */
export const HarvestSchema = Type.Object({
  id: Type.String(),
  parcelId: Type.String(),
  bodyId: Type.String(),
  productCode: Type.String(),
  quantityKg: Type.Integer(),
  harvestedOn: Type.String(),
});

/** GET /api/land/ledger */
export const LedgerQuery = Type.Object(
  {
    step: Type.Optional(Type.Union([Type.Literal('year'), Type.Literal('month')])),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);

/** GET /api/land/ledger response. */
export const LedgerSchema = Type.Object({
  dates: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      date: Type.String(),
      status: Type.String(),
      region: Type.String(),
      landClass: Type.String(),
      hectares: Type.Number(),
      parcels: Type.Integer(),
    }),
  ),
});

/** GET /api/land/stock */
export const StockQuery = Type.Object(
  { bodyId: Type.Optional(Id), product: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);

/** GET /api/land/stock response. */
export const StockList = Type.Object({
  stock: Type.Array(
    Type.Object({ bodyId: Type.String(), product: Type.String(), quantityKg: Type.Integer() }),
  ),
});

/** GET /api/land/export */
export const ExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('geojson')]),
    status: Type.Optional(Status),
    region: Type.Optional(Type.String({ maxLength: 80 })),
    landClass: Type.Optional(Class),
  },
  { additionalProperties: false },
);
