import type { CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import * as store from './logistics.store.js';
import type { LogisticsTables } from './logistics.tables.js';
import {
  checkDate,
  checkPositiveInteger,
  type LogisticsActor,
  type LogisticsContext,
  metaFor,
  type SystemActor,
} from './logistics-context.js';
import { logisticsDb } from './logistics-db.js';
import {
  type GoodsLine,
  PRIORITIES,
  type Priority,
  SHIPMENT_SOURCES,
  type ShipmentSource,
  type ShipmentStatus,
  type ShipmentView,
} from './logistics-views.js';

// (re-exported: other areas import this area's service only)
export type { Priority } from './logistics-views.js';

/** Input of `requestShipment`. */
export interface ShipmentInput {
  /** The body whose truck pool moves it. */
  bodyId: string;
  /** The body asking for it, when another (a JAP, a workplace). */
  requestedByBodyId?: string | null;
  fromPlaceId: string;
  toPlaceId: string;
  priority: Priority;
  weightKg: number;
  dueDate: string;
  window?: { start: string; end: string } | null;
  goods: GoodsLine[];
}

/** The stored rows as presented. */
export function shipmentView(
  s: LogisticsTables['shipments'],
  goods: readonly LogisticsTables['shipment_goods'][],
): ShipmentView {
  return {
    id: s.id,
    bodyId: s.body_id,
    requestedByBodyId: s.requested_by_body_id,
    source: s.source as ShipmentSource,
    sourceRef: s.source_ref,
    fromPlaceId: s.from_place_id,
    toPlaceId: s.to_place_id,
    priority: s.priority as Priority,
    weightKg: s.weight_kg,
    dueDate: s.due_date,
    window:
      s.window_start !== null && s.window_end !== null ? { start: s.window_start, end: s.window_end } : null,
    status: s.status as ShipmentStatus,
    planId: s.plan_id,
    failureReason: s.failure_reason,
    goods: goods.map((g) => ({ good: g.good, quantity: g.quantity, unit: g.unit })),
  };
}

/** Checks a shipment input and makes its rows (no I/O; places are checked by the caller). */
export function shipmentRows(
  input: ShipmentInput,
  source: { source: ShipmentSource; sourceRef: string | null },
  now: string,
): { row: LogisticsTables['shipments']; goods: LogisticsTables['shipment_goods'][] } {
  if (!PRIORITIES.includes(input.priority))
    throw invalid('body.priority', { en: 'is not a priority', es: 'no es una prioridad' });
  checkPositiveInteger('body.weightKg', input.weightKg);
  checkDate('body.dueDate', input.dueDate);
  if (input.fromPlaceId === input.toPlaceId)
    throw invalid('body.toPlaceId', {
      en: 'must differ from the origin',
      es: 'debe ser distinto del origen',
    });
  if (input.goods.length === 0)
    throw invalid('body.goods', { en: 'must list at least one good', es: 'debe indicar al menos un bien' });
  input.goods.forEach((g, i) => {
    if (!g.good.trim())
      throw invalid(`body.goods.${i}.good`, { en: 'must not be empty', es: 'no puede estar vacío' });
    if (!g.unit.trim())
      throw invalid(`body.goods.${i}.unit`, { en: 'must not be empty', es: 'no puede estar vacía' });
    checkPositiveInteger(`body.goods.${i}.quantity`, g.quantity);
  });
  let window: { start: string; end: string } | null = null;
  if (input.window) {
    const start = Date.parse(input.window.start);
    const end = Date.parse(input.window.end);
    if (Number.isNaN(start) || Number.isNaN(end) || !(start < end))
      throw invalid('body.window', {
        en: 'needs an ISO start before its end',
        es: 'necesita un inicio ISO anterior a su fin',
      });
    window = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  }
  const id = newId();
  return {
    row: {
      id,
      body_id: input.bodyId,
      requested_by_body_id: input.requestedByBodyId ?? null,
      source: source.source,
      source_ref: source.sourceRef,
      from_place_id: input.fromPlaceId,
      to_place_id: input.toPlaceId,
      priority: input.priority,
      weight_kg: input.weightKg,
      due_date: input.dueDate,
      window_start: window?.start ?? null,
      window_end: window?.end ?? null,
      status: 'requested',
      plan_id: null,
      failure_reason: null,
      created_at: now,
      updated_at: now,
    },
    goods: input.goods.map((g, line) => ({
      shipment_id: id,
      line,
      good: g.good.trim(),
      quantity: g.quantity,
      unit: g.unit.trim(),
    })),
  };
}

/**
 * Shipments: goods to move from a place to another on a day, by a body's truck pool.
 *
 * Who may: read — every signed-in person; create — the officers (or a council's delegates) of
 * the pool's body or of the requesting body; other areas call `requestShipment` as the system.
 */
export class ShipmentsService {
  constructor(private readonly ctx: LogisticsContext) {}

  /**
   * Records a shipment request. This is the seam the supply committees' requests and the
   * spare-parts orders of production come through (`source`, with the id of their record in
   * `sourceRef`); unknown places are a 404 on the field.
   *
   * @example await shipments.requestShipment({ kind: 'system', name: 'supply' }, { bodyId: cordonId, requestedByBodyId: japId, fromPlaceId: depotId, toPlaceId: pointId, priority: 'food', weightKg: 1200, dueDate: '1972-10-20', goods: [{ good: 'harina', quantity: 1200, unit: 'kg' }] }, { source: 'supply-request', sourceRef: requestId });
   */
  async requestShipment(
    actor: LogisticsActor,
    input: ShipmentInput,
    origin: { source: ShipmentSource; sourceRef?: string | null } = { source: 'direct' },
    meta?: CommandMeta,
  ): Promise<ShipmentView> {
    const allowed =
      (await this.ctx.mayDecide(actor, input.bodyId)) ||
      (!!input.requestedByBodyId && (await this.ctx.mayDecide(actor, input.requestedByBodyId)));
    if (!allowed) throw new AppError('forbidden');
    if (!SHIPMENT_SOURCES.includes(origin.source))
      throw invalid('body.source', { en: 'is not a shipment source', es: 'no es un origen de envío' });
    return this.ctx.audit.runCommand(metaFor(actor, meta), (c) => this.requestShipmentIn(c, input, origin));
  }

  /**
   * `requestShipment` inside another area's command (its transaction, its audit chain), for the
   * system: the caller has decided who may. Used by the resupply link (src/server/area-links.ts),
   * so a committee's request and its shipment commit together or not at all.
   */
  async requestShipmentIn(
    c: CommandScope,
    input: ShipmentInput,
    origin: { source: ShipmentSource; sourceRef?: string | null } = { source: 'direct' },
  ): Promise<ShipmentView> {
    const db = logisticsDb(c.trx);
    const { row, goods } = shipmentRows(
      input,
      { source: origin.source, sourceRef: origin.sourceRef ?? null },
      c.now,
    );
    for (const field of ['fromPlaceId', 'toPlaceId'] as const)
      if (!(await store.findPlace(db, input[field])))
        throw new AppError('not-found', { field: `body.${field}`, params: { field: `body.${field}` } });
    await store.insertShipments(db, [row], goods);
    c.record({
      action: 'logistics.shipment-requested',
      subjectType: 'shipment',
      subjectId: row.id,
      scopeBodyId: input.bodyId,
      payload: {
        from: row.from_place_id,
        to: row.to_place_id,
        weightKg: row.weight_kg,
        priority: row.priority,
        source: row.source,
        sourceRef: row.source_ref,
      },
    });
    return shipmentView(row, goods);
  }

  /**
   * Records many shipment requests in one command with one audit event per pool body (scenario
   * and CLI loads; the system only; places are trusted). Returns the ids in input order.
   */
  async importMany(
    actor: SystemActor,
    inputs: readonly (ShipmentInput & { source?: ShipmentSource; sourceRef?: string | null })[],
  ): Promise<string[]> {
    return this.ctx.audit.runCommand(metaFor(actor), async (c) => {
      const made = inputs.map((input) =>
        shipmentRows(input, { source: input.source ?? 'direct', sourceRef: input.sourceRef ?? null }, c.now),
      );
      await store.insertShipments(
        logisticsDb(c.trx),
        made.map((m) => m.row),
        made.flatMap((m) => m.goods),
      );
      const perBody = new Map<string, number>();
      for (const m of made) perBody.set(m.row.body_id, (perBody.get(m.row.body_id) ?? 0) + 1);
      for (const [bodyId, count] of perBody)
        c.record({
          action: 'logistics.shipments-imported',
          subjectType: 'body',
          subjectId: bodyId,
          scopeBodyId: bodyId,
          payload: { count },
        });
      return made.map((m) => m.row.id);
    });
  }

  /** Shipments, optionally of one pool body, status and day (at most 1,000). */
  async list(
    filter: { bodyId?: string; status?: ShipmentStatus; dueDate?: string } = {},
  ): Promise<ShipmentView[]> {
    const rows = await store.listShipments(this.ctx.db, filter);
    const goods = await store.goodsOf(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    const byShipment = new Map<string, LogisticsTables['shipment_goods'][]>();
    for (const g of goods) {
      const list = byShipment.get(g.shipment_id) ?? [];
      list.push(g);
      byShipment.set(g.shipment_id, list);
    }
    return rows.map((r) => shipmentView(r, byShipment.get(r.id) ?? []));
  }

  /** A shipment; 404 when unknown. */
  async get(shipmentId: string): Promise<ShipmentView> {
    const s = await store.findShipment(this.ctx.db, shipmentId);
    if (!s) throw new AppError('not-found', { field: 'params.id', params: { field: 'shipment' } });
    return shipmentView(s, await store.goodsOf(this.ctx.db, [s.id]));
  }
}
