import type { CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid, type Localized } from '../core/errors.js';
import { newId } from '../core/ids.js';
import * as store from './logistics.store.js';
import type { LogisticsTables } from './logistics.tables.js';
import {
  checkPositiveInteger,
  type LogisticsActor,
  type LogisticsContext,
  metaFor,
  type SystemActor,
} from './logistics-context.js';
import { logisticsDb } from './logistics-db.js';
import {
  VEHICLE_STATUSES,
  type VehicleStatus,
  type VehicleStatusEntry,
  type VehicleView,
} from './logistics-views.js';

// (re-exported: other areas import this area's service only)
export type { VehicleStatus } from './logistics-views.js';

/** Input of `PoolService.register`: a truck entering the pool. */
export interface VehicleInput {
  plate: string;
  capacityKg: number;
  capacityM3: number;
  owner: string;
  /** How it enters: offered by its owner or taken by the deciding body. */
  status: 'volunteered' | 'requisitioned';
  /** The deciding body (its officers, or a council's delegates, make the call). */
  bodyId: string;
  depotPlaceId: string;
  note?: string | null;
}

/** The stored row as presented. */
export function vehicleView(v: LogisticsTables['vehicles']): VehicleView {
  return {
    id: v.id,
    plate: v.plate,
    capacityKg: v.capacity_kg,
    capacityM3: v.capacity_m3,
    owner: v.owner,
    status: v.status as VehicleStatus,
    bodyId: v.body_id,
    depotPlaceId: v.depot_place_id,
    driverAccountId: v.driver_account_id,
  };
}

function conflict(field: string, reason: Localized): AppError {
  return new AppError('conflict', { field, params: { field, reason } });
}

/** Allowed moves between statuses (a returned truck may be volunteered or requisitioned again). */
const MOVES: Readonly<Record<VehicleStatus, readonly VehicleStatus[]>> = Object.freeze({
  volunteered: ['returned', 'out-of-service', 'requisitioned'],
  requisitioned: ['returned', 'out-of-service'],
  returned: ['volunteered', 'requisitioned'],
  'out-of-service': ['volunteered', 'requisitioned', 'returned'],
});

/**
 * The vehicle pool: trucks volunteered by their owners or requisitioned by the councils, their
 * return, breakdowns and drivers; every decision is recorded with the body that took it.
 *
 * Who may: read — every signed-in person; a decision — the officers of the deciding body, or the
 * delegates of a council (`LogisticsContext.mayDecide`); while a truck is in a body's pool only that
 * body decides on it, once returned any body may take it again.
 */
export class PoolService {
  constructor(private readonly ctx: LogisticsContext) {}

  /**
   * A truck enters the pool (volunteered or requisitioned).
   *
   * @example await pool.register(p, { plate: 'HB-1972', capacityKg: 8000, capacityM3: 30, owner: 'Transportes Andes', status: 'requisitioned', bodyId: cordonId, depotPlaceId });
   */
  async register(actor: LogisticsActor, input: VehicleInput, meta?: CommandMeta): Promise<VehicleView> {
    if (!(await this.ctx.mayDecide(actor, input.bodyId))) throw new AppError('forbidden');
    const plate = input.plate.trim().toUpperCase();
    if (!plate) throw invalid('body.plate', { en: 'must not be empty', es: 'no puede estar vacía' });
    if (!input.owner.trim())
      throw invalid('body.owner', { en: 'must not be empty', es: 'no puede estar vacío' });
    checkPositiveInteger('body.capacityKg', input.capacityKg);
    checkPositiveInteger('body.capacityM3', input.capacityM3);
    if (input.status !== 'volunteered' && input.status !== 'requisitioned')
      throw invalid('body.status', {
        en: 'must be volunteered or requisitioned',
        es: 'debe ser cedido o requisado',
      });
    return this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      const db = logisticsDb(c.trx);
      const depot = await store.findPlace(db, input.depotPlaceId);
      if (depot?.kind !== 'depot')
        throw new AppError('not-found', {
          field: 'body.depotPlaceId',
          params: { field: 'body.depotPlaceId' },
        });
      if (await store.vehicleByPlate(db, plate))
        throw conflict('body.plate', {
          en: 'a truck with this plate is in the pool',
          es: 'ya hay un camión con esta patente',
        });
      const row: LogisticsTables['vehicles'] = {
        id: newId(),
        plate,
        capacity_kg: input.capacityKg,
        capacity_m3: input.capacityM3,
        owner: input.owner.trim(),
        status: input.status,
        body_id: input.bodyId,
        depot_place_id: depot.id,
        driver_account_id: null,
        created_at: c.now,
      };
      await store.insertVehicles(
        db,
        [row],
        [
          {
            id: newId(),
            vehicle_id: row.id,
            status: row.status,
            body_id: row.body_id,
            note: input.note ?? null,
            recorded_at: c.now,
          },
        ],
      );
      c.record({
        action: `logistics.vehicle-${input.status}`,
        subjectType: 'vehicle',
        subjectId: row.id,
        scopeBodyId: input.bodyId,
        payload: { plate, capacityKg: row.capacity_kg, owner: row.owner, bodyId: input.bodyId },
      });
      return vehicleView(row);
    });
  }

  /**
   * Records a body's decision on a truck: requisition, return to its owner, out of service, or
   * volunteered again. A move the status history does not allow is a 409.
   *
   * @example await pool.decide(p, vehicleId, { status: 'returned', bodyId: cordonId, note: 'acuerdo del 20 de octubre' });
   */
  async decide(
    actor: LogisticsActor,
    vehicleId: string,
    input: { status: VehicleStatus; bodyId: string; note?: string | null },
    meta?: CommandMeta,
  ): Promise<VehicleView> {
    if (!(await this.ctx.mayDecide(actor, input.bodyId))) throw new AppError('forbidden');
    if (!VEHICLE_STATUSES.includes(input.status))
      throw invalid('body.status', { en: 'is not a vehicle status', es: 'no es un estado de vehículo' });
    return this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      const db = logisticsDb(c.trx);
      const v = await store.findVehicle(db, vehicleId);
      if (!v) throw new AppError('not-found', { field: 'params.id', params: { field: 'vehicle' } });
      if (v.status !== 'returned' && v.body_id !== input.bodyId)
        throw conflict('body.bodyId', {
          en: "the truck is in another body's pool; that body decides on it",
          es: 'el camión está en la flota de otro organismo; decide ese organismo',
        });
      if (!MOVES[v.status as VehicleStatus].includes(input.status))
        throw conflict('body.status', {
          en: `a ${v.status} truck cannot become ${input.status}`,
          es: `un camión en estado ${v.status} no puede pasar a ${input.status}`,
        });
      await store.addVehicleStatus(db, {
        id: newId(),
        vehicle_id: v.id,
        status: input.status,
        body_id: input.bodyId,
        note: input.note ?? null,
        recorded_at: c.now,
      });
      c.record({
        action: `logistics.vehicle-${input.status}`,
        subjectType: 'vehicle',
        subjectId: v.id,
        scopeBodyId: input.bodyId,
        payload: { plate: v.plate, from: v.status, to: input.status, note: input.note ?? null },
      });
      return vehicleView({ ...v, status: input.status, body_id: input.bodyId });
    });
  }

  /** Sets (or clears, with null) the driver account of a truck; the holding body's officers may. */
  async assignDriver(
    actor: LogisticsActor,
    vehicleId: string,
    accountId: string | null,
    meta?: CommandMeta,
  ): Promise<VehicleView> {
    const v = await store.findVehicle(this.ctx.db, vehicleId);
    if (!v || !(await this.ctx.mayDecide(actor, v.body_id))) throw new AppError('forbidden');
    return this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      await store.setDriver(logisticsDb(c.trx), v.id, accountId);
      c.record({
        action: 'logistics.driver-assigned',
        subjectType: 'vehicle',
        subjectId: v.id,
        scopeBodyId: v.body_id,
        payload: { plate: v.plate, driverAccountId: accountId },
      });
      return vehicleView({ ...v, driver_account_id: accountId });
    });
  }

  /**
   * Loads trucks with their whole status histories in one command with one audit event (scenario
   * and CLI loads; the system only). The last history entry is the current status. Returns the ids.
   */
  async importMany(
    actor: SystemActor,
    inputs: readonly (Omit<VehicleInput, 'status' | 'bodyId' | 'note'> & {
      history: { status: VehicleStatus; bodyId: string; note?: string | null; at: string }[];
      driverAccountId?: string | null;
    })[],
  ): Promise<string[]> {
    return this.ctx.audit.runCommand(metaFor(actor), async (c) => {
      const rows: LogisticsTables['vehicles'][] = [];
      const statuses: LogisticsTables['vehicle_statuses'][] = [];
      for (const input of inputs) {
        const last = input.history.at(-1);
        if (!last) throw new Error(`importMany: truck ${input.plate} has no history`);
        const id = newId();
        rows.push({
          id,
          plate: input.plate.trim().toUpperCase(),
          capacity_kg: input.capacityKg,
          capacity_m3: input.capacityM3,
          owner: input.owner,
          status: last.status,
          body_id: last.bodyId,
          depot_place_id: input.depotPlaceId,
          driver_account_id: input.driverAccountId ?? null,
          created_at: input.history[0]!.at,
        });
        for (const h of input.history)
          statuses.push({
            id: newId(),
            vehicle_id: id,
            status: h.status,
            body_id: h.bodyId,
            note: h.note ?? null,
            recorded_at: h.at,
          });
      }
      await store.insertVehicles(logisticsDb(c.trx), rows, statuses);
      c.record({
        action: 'logistics.vehicles-imported',
        subjectType: 'vehicle',
        subjectId: rows[0]?.id ?? '',
        payload: { count: rows.length },
      });
      return rows.map((r) => r.id);
    });
  }

  /** Trucks by plate, optionally of one pool body and status. */
  async list(filter: { bodyId?: string; status?: VehicleStatus } = {}): Promise<VehicleView[]> {
    return (
      await store.listVehicles(this.ctx.db, {
        ...(filter.bodyId !== undefined ? { bodyId: filter.bodyId } : {}),
        ...(filter.status !== undefined ? { statuses: [filter.status] } : {}),
      })
    ).map(vehicleView);
  }

  /** A truck with its status history; 404 when unknown. */
  async get(vehicleId: string): Promise<VehicleView & { history: VehicleStatusEntry[] }> {
    const v = await store.findVehicle(this.ctx.db, vehicleId);
    if (!v) throw new AppError('not-found', { field: 'params.id', params: { field: 'vehicle' } });
    const history = await store.vehicleHistory(this.ctx.db, v.id);
    return {
      ...vehicleView(v),
      history: history.map((h) => ({
        status: h.status as VehicleStatus,
        bodyId: h.body_id,
        note: h.note,
        recordedAt: h.recorded_at,
      })),
    };
  }
}
