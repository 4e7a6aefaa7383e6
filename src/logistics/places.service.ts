import type { Kysely } from 'kysely';
import type { CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { greatCircleMetres } from '../core/great-circle-metres.js';
import { newId } from '../core/ids.js';
import type { Tables } from '../db/tables.js';
import * as store from './logistics.store.js';
import type { LogisticsTables } from './logistics.tables.js';
import {
  type LogisticsActor,
  type LogisticsContext,
  metaFor,
  type SystemActor,
} from './logistics-context.js';
import { logisticsDb } from './logistics-db.js';
import { PLACE_KINDS, type PlaceKind, type PlaceView } from './logistics-views.js';

/** Input of `PlacesService.create`. */
export interface PlaceInput {
  name: string;
  kind: PlaceKind;
  latitude: number;
  longitude: number;
  bodyId?: string | null;
  supplyPointId?: string | null;
}

/** The stored row as presented. */
export function placeView(p: LogisticsTables['logistics_places']): PlaceView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as PlaceKind,
    latitude: p.lat_micro / 1e6,
    longitude: p.lon_micro / 1e6,
    bodyId: p.body_id,
    supplyPointId: p.supply_point_id,
  };
}

/** Where a delivery to a supply point starts and ends, or why none can be planned. */
export type SupplyRoute =
  | { readonly found: true; readonly depot: PlaceView; readonly destination: PlaceView }
  | { readonly found: false; readonly reason: 'no-place-for-point' | 'no-depot' };

/** Checks a place input and makes its row (no I/O). */
export function placeRow(input: PlaceInput, now: string): LogisticsTables['logistics_places'] {
  if (!input.name.trim()) throw invalid('body.name', { en: 'must not be empty', es: 'no puede estar vacío' });
  if (!PLACE_KINDS.includes(input.kind))
    throw invalid('body.kind', { en: 'is not a place kind', es: 'no es un tipo de lugar' });
  if (!(Math.abs(input.latitude) <= 90))
    throw invalid('body.latitude', { en: 'must lie in [-90, 90]', es: 'debe estar en [-90, 90]' });
  if (!(Math.abs(input.longitude) <= 180))
    throw invalid('body.longitude', { en: 'must lie in [-180, 180]', es: 'debe estar en [-180, 180]' });
  return {
    id: newId(),
    name: input.name.trim(),
    kind: input.kind,
    lat_micro: Math.round(input.latitude * 1e6),
    lon_micro: Math.round(input.longitude * 1e6),
    body_id: input.bodyId ?? null,
    supply_point_id: input.supplyPointId ?? null,
    created_at: now,
  };
}

/**
 * Places the fleet drives between: depots, workplaces and distribution points, with the
 * delivered-goods ledger of each.
 *
 * Who may: read — every signed-in person; register a place — an administrator, or the officers
 * of the body that runs it (`bodyId`).
 */
export class PlacesService {
  constructor(private readonly ctx: LogisticsContext) {}

  /**
   * Registers a place.
   *
   * @example await places.create(p, { name: 'Bodega Vicuña Mackenna', kind: 'depot', latitude: -33.48, longitude: -70.62, bodyId: cordonId });
   */
  async create(actor: LogisticsActor, input: PlaceInput, meta?: CommandMeta): Promise<PlaceView> {
    const admin = actor.kind === 'system' || (actor.kind === 'person' && actor.isAdmin);
    if (!admin && !(input.bodyId && (await this.ctx.mayDecide(actor, input.bodyId))))
      throw new AppError('forbidden');
    return this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      const row = placeRow(input, c.now);
      await store.insertPlaces(logisticsDb(c.trx), [row]);
      c.record({
        action: 'logistics.place-registered',
        subjectType: 'place',
        subjectId: row.id,
        scopeBodyId: null,
        payload: { name: row.name, kind: row.kind },
      });
      return placeView(row);
    });
  }

  /**
   * Registers many places in one command with one audit event (scenario and CLI loads; the system
   * only). Returns the new ids in input order.
   */
  async importMany(actor: SystemActor, inputs: readonly PlaceInput[]): Promise<string[]> {
    return this.ctx.audit.runCommand(metaFor(actor), async (c) => {
      const rows = inputs.map((input) => placeRow(input, c.now));
      await store.insertPlaces(logisticsDb(c.trx), rows);
      c.record({
        action: 'logistics.places-imported',
        subjectType: 'place',
        subjectId: rows[0]?.id ?? '',
        payload: { count: rows.length },
      });
      return rows.map((r) => r.id);
    });
  }

  /** Every place, optionally of one kind. */
  async list(kind?: PlaceKind): Promise<PlaceView[]> {
    return (await store.listPlaces(this.ctx.db, kind)).map(placeView);
  }

  /** A place with the goods delivered there (the logistics ledger); 404 when unknown. */
  async get(
    placeId: string,
  ): Promise<PlaceView & { delivered: { good: string; unit: string; quantity: number }[] }> {
    const p = await store.findPlace(this.ctx.db, placeId);
    if (!p) throw new AppError('not-found', { field: 'params.id', params: { field: 'place' } });
    return { ...placeView(p), delivered: await store.deliveredAt(this.ctx.db, p.id) };
  }

  /**
   * The route a delivery to a supply distribution point takes: the place linked to the point,
   * and the nearest depot of `preferredBodyId` (the committee's cordón, whose trucks carry it) —
   * or the nearest depot of any body when that body has none. Read inside the caller's
   * transaction. Not finding one is an outcome, not an error: the request is kept as unrouted.
   */
  async routeToSupplyPoint(
    db: Kysely<Tables>,
    supplyPointId: string,
    preferredBodyId: string | null,
  ): Promise<SupplyRoute> {
    const ldb = logisticsDb(db);
    const destination = await store.placeOfSupplyPoint(ldb, supplyPointId);
    if (!destination) return { found: false, reason: 'no-place-for-point' };
    const depots = await store.listPlaces(ldb, 'depot');
    const own = depots.filter((d) => d.body_id !== null && d.body_id === preferredBodyId);
    const candidates = own.length > 0 ? own : depots;
    let best: (typeof depots)[number] | undefined;
    let bestMetres = Number.POSITIVE_INFINITY;
    for (const d of candidates) {
      const metres = greatCircleMetres(
        d.lat_micro,
        d.lon_micro,
        destination.lat_micro,
        destination.lon_micro,
      );
      if (metres < bestMetres) [best, bestMetres] = [d, metres];
    }
    if (!best) return { found: false, reason: 'no-depot' };
    return { found: true, depot: placeView(best), destination: placeView(destination) };
  }
}
