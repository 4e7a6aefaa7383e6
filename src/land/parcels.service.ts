import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { VersionedRead } from '../core/versioned-read.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf } from '../identity/principal.js';
import { agrarianLedger, type LedgerParcel, type LedgerStatus, ledgerDates } from './agrarian-ledger.js';
import type { Boundary } from './boundary-geometry.js';
import * as store from './land.store.js';
import type { LandTables } from './land.tables.js';
import { type LandDb, landDb } from './land-db.js';
import type { LandActor } from './land-seams.js';
import type { LedgerView, ParcelDetail, ParcelList, ParcelView } from './land-views.js';
import { historyRows, type ParcelHistory } from './parcel-histories.js';
import { type CheckedParcel, checkParcelInput, isDate, type ParcelInput } from './parcel-input.js';
import type { ParcelStatus } from './parcel-transitions.js';

/** Filter of the register. */
export interface ParcelQuery {
  status?: string | undefined;
  region?: string | undefined;
  landClass?: string | undefined;
  assignedBodyId?: string | undefined;
}

/** The most dates one ledger request may ask for (100 years by month). */
export const MAX_LEDGER_DATES = 1200;

/** The stored row of a parcel as presented. */
export function parcelView(p: LandTables['parcels']): ParcelView {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    landClass: p.land_class,
    areaHectares: Number(p.area_ares) / 100,
    status: p.status as ParcelStatus,
    statusSince: p.status_since,
    assignedBodyId: p.assigned_body_id,
    previousOwner: p.previous_owner,
    boundary: p.boundary === null ? null : (JSON.parse(p.boundary) as Boundary),
  };
}

/** Rows of a checked parcel, ready to insert. */
export function parcelRows(
  parcel: CheckedParcel,
  at: string,
  registeredBy: string | null,
): { parcel: LandTables['parcels']; status: LandTables['parcel_statuses'] } {
  const id = newId();
  return {
    parcel: {
      id,
      name: parcel.name,
      region: parcel.region,
      land_class: parcel.landClass,
      area_ares: parcel.areaAres,
      boundary: parcel.boundary === null ? null : JSON.stringify(parcel.boundary),
      previous_owner: parcel.previousOwner,
      status: parcel.status,
      status_since: parcel.since,
      assigned_body_id: null,
      registered_by_body_id: registeredBy,
      created_at: at,
    },
    status: {
      id: newId(),
      parcel_id: id,
      status: parcel.status,
      since: parcel.since,
      deciding_body_id: registeredBy,
      motion_id: null,
      recorded_at: at,
    },
  };
}

/** The command meta of a land actor (system actors are recorded by name). */
export function landMeta(actor: LandActor): CommandMeta {
  return { actor: actor.kind === 'system' ? actor : actorOf(actor) };
}

/**
 * The land register: parcels, their history, the agrarian-reform ledger and exports.
 *
 * Who may do what:
 * - read the register, the ledger and the exports: any signed-in person (the reform is public);
 * - register a parcel: a deployment administrator, the system (CLI import), or the chair or
 *   secretary of the body that registers it (`bodyId`, e.g. the peasant committee occupying it).
 * Status moves are in `TransitionsService`, harvests in `HarvestsService`.
 */
export class ParcelsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  private get db(): LandDb {
    return landDb(this.database.db);
  }

  /**
   * Registers one parcel. Bad input is a 400 naming the field (`body.areaHectares`…), a bad
   * boundary a 422 `invalid-geometry` pointing into it (`body.boundary.coordinates[0][3]`).
   *
   * @example await land.parcels.create(p, { bodyId, name: 'Fundo San Miguel', region: 'Maule', landClass: 'irrigated', areaHectares: 412.5, since: '1971-04-02', status: 'occupied' });
   */
  async create(
    actor: LandActor,
    input: ParcelInput & { bodyId?: string | null },
    meta: CommandMeta = landMeta(actor),
  ): Promise<ParcelView> {
    const bodyId = input.bodyId ?? null;
    const admitted =
      actor.kind === 'system' ||
      (actor.kind === 'person' && actor.isAdmin) ||
      (bodyId !== null && (await this.councils.may(actor, 'body.manage', bodyId)));
    if (!admitted) throw new AppError('forbidden');
    const check = checkParcelInput(input);
    if (check.status === 'invalid') {
      const field = `body.${check.field}`;
      if (check.geometry)
        throw new AppError('invalid-geometry', { field, params: { field, reason: check.reason } });
      throw invalid(field, check.reason);
    }
    return this.audit.runCommand(meta, async (c) => {
      const rows = parcelRows(check.parcel, c.now, bodyId);
      await store.insertParcels(landDb(c.trx), [rows.parcel], [rows.status]);
      c.record({
        action: 'land.parcel-registered',
        subjectType: 'parcel',
        subjectId: rows.parcel.id,
        payload: { name: rows.parcel.name, region: rows.parcel.region, status: rows.parcel.status },
      });
      return parcelView(rows.parcel);
    });
  }

  /**
   * Registers many checked parcels in one transaction (one audit event for the batch); the CLI
   * import calls it once per file. Returns the new ids in input order.
   */
  async importParcels(
    actor: LandActor,
    parcels: readonly CheckedParcel[],
    meta: CommandMeta = landMeta(actor),
  ): Promise<string[]> {
    if (actor.kind !== 'system' && !(actor.kind === 'person' && actor.isAdmin))
      throw new AppError('forbidden');
    return this.audit.runCommand(meta, async (c) => {
      const rows = parcels.map((p) => parcelRows(p, c.now, null));
      await store.insertParcels(
        landDb(c.trx),
        rows.map((r) => r.parcel),
        rows.map((r) => r.status),
      );
      const hectares = rows.reduce((s, r) => s + Number(r.parcel.area_ares), 0) / 100;
      c.record({
        action: 'land.parcels-imported',
        subjectType: 'parcel',
        subjectId: rows[0]?.parcel.id ?? 'none',
        payload: { parcels: rows.length, hectares },
      });
      return rows.map((r) => r.parcel.id);
    });
  }

  /**
   * Loads whole parcel histories (status moves, assignments, harvests into stock) in one
   * transaction with bulk inserts and one audit event: for the demo scenario and for bringing in
   * old records. The system only; each history is held to the transition table (`historyRows`).
   */
  async loadHistories(
    actor: LandActor,
    histories: readonly ParcelHistory[],
    meta: CommandMeta = landMeta(actor),
  ): Promise<{ parcels: number; statuses: number; harvests: number }> {
    if (actor.kind !== 'system') throw new AppError('forbidden');
    return this.audit.runCommand(meta, async (c) => {
      const rows = historyRows(histories, c.now);
      const db = landDb(c.trx);
      await store.insertParcels(db, rows.parcels, rows.statuses);
      await store.insertAssignments(db, rows.assignments);
      await store.insertHarvests(db, rows.harvests, rows.moves);
      const counts = {
        parcels: rows.parcels.length,
        statuses: rows.statuses.length,
        harvests: rows.harvests.length,
      };
      c.record({
        action: 'land.histories-loaded',
        subjectType: 'parcel',
        subjectId: rows.parcels[0]?.id ?? 'none',
        payload: counts,
      });
      return counts;
    });
  }

  /** Parcels matching the filter, at most `limit` (≤ 5000) from `offset`, the total and the register's regions. */
  async list(
    filter: ParcelQuery = {},
    page: { limit?: number | undefined; offset?: number | undefined } = {},
  ): Promise<ParcelList> {
    const limit = Math.min(Math.max(page.limit ?? 1000, 1), 5000);
    const [found, regions] = await Promise.all([
      store.listParcels(this.db, filter, { limit, offset: Math.max(page.offset ?? 0, 0) }),
      store.regions(this.db),
    ]);
    return { parcels: found.rows.map(parcelView), total: found.total, regions };
  }

  /** A parcel with its history, assignments and harvests; 404 when unknown (the register is open). */
  async parcel(parcelId: string): Promise<ParcelDetail> {
    const p = await store.findParcel(this.db, parcelId);
    if (!p) throw new AppError('not-found', { field: 'params.id', params: { field: 'parcel' } });
    const [history, assignments, harvests] = await Promise.all([
      store.statusHistory(this.db, p.id),
      store.assignmentsOf(this.db, p.id),
      store.harvestsOf(this.db, p.id),
    ]);
    return {
      ...parcelView(p),
      registeredByBodyId: p.registered_by_body_id,
      history: history.map((h) => ({
        status: h.status as ParcelStatus,
        since: h.since,
        decidingBodyId: h.deciding_body_id,
        motionId: h.motion_id,
        recordedAt: h.recorded_at,
      })),
      assignments: assignments.map((a) => ({
        bodyId: a.body_id,
        since: a.since,
        until: a.until,
        motionId: a.motion_id,
      })),
      harvests: harvests.map((h) => ({
        id: h.id,
        bodyId: h.body_id,
        productCode: h.product_code,
        quantityKg: Number(h.quantity_kg),
        harvestedOn: h.harvested_on,
      })),
    };
  }

  /** Every parcel matching the filter, for export (CSV or GeoJSON, see parcel-export.ts). */
  async exportParcels(filter: ParcelQuery = {}): Promise<ParcelView[]> {
    const out: ParcelView[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await store.listParcels(this.db, filter, { limit: 5000, offset });
      out.push(...page.rows.map(parcelView));
      if (page.rows.length < 5000) return out;
    }
  }

  /**
   * The agrarian-reform ledger (hectares by status, region and land class) read from the status
   * history on the last day of each year (or month) from `from` to `to`; both default to the
   * first and last dates of the history. 400 on a bad date or `from` after `to`.
   */
  async ledger(
    options: { step?: 'year' | 'month'; from?: string | undefined; to?: string | undefined } = {},
  ): Promise<LedgerView> {
    for (const key of ['from', 'to'] as const) {
      const v = options[key];
      if (v !== undefined && !isDate(v))
        throw invalid(`query.${key}`, {
          en: 'must be a date YYYY-MM-DD',
          es: 'debe ser una fecha AAAA-MM-DD',
        });
    }
    const { parcels, statuses } = (await this.ledgerRead.get()).value;
    if (statuses.length === 0) return { dates: [], rows: [] };
    const from = options.from ?? statuses[0]!.since;
    const to = options.to ?? statuses[statuses.length - 1]!.since;
    if (from > to)
      throw invalid('query.from', { en: 'must not be after "to"', es: 'no puede ser posterior a "to"' });
    const dates = ledgerDates(from, to, options.step ?? 'year');
    if (dates.length > MAX_LEDGER_DATES)
      throw invalid('query.from', {
        en: `asks for ${dates.length} dates; at most ${MAX_LEDGER_DATES} (use step=year or a shorter span)`,
        es: `pide ${dates.length} fechas; a lo sumo ${MAX_LEDGER_DATES} (use step=year o un lapso más corto)`,
      });
    const rows = agrarianLedger(parcels, statuses, dates);
    return { dates, rows };
  }

  // The ledger's inputs as last read (see `store.ledgerVersion`): at country scale 20,000 parcels
  // and their history, read again only when a parcel or a status was added.
  private readonly ledgerRead = new VersionedRead(
    () => store.ledgerVersion(this.db),
    async (): Promise<{ parcels: readonly LedgerParcel[]; statuses: readonly LedgerStatus[] }> => {
      const { parcels, statuses } = await store.ledgerInputs(this.db);
      return {
        parcels: parcels.map((p) => ({
          id: p.id,
          region: p.region,
          landClass: p.land_class,
          areaAres: Number(p.area_ares),
        })),
        statuses: statuses.map((s) => ({
          parcelId: s.parcel_id,
          status: s.status as ParcelStatus,
          since: s.since,
        })),
      };
    },
  );
}
