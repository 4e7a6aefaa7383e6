import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { foldText } from '../core/fold-text.js';
import { isId, newId } from '../core/ids.js';
import { VersionedRead } from '../core/versioned-read.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf, type Principal } from '../identity/principal.js';
import { DETECTION_DEFAULTS } from './core/detection-defaults.js';
import { initialMonitorState } from './core/monitor-step.js';
import { encodeMonitorState } from './monitor-state-codec.js';
import * as store from './production.store.js';
import type { ProductionTables } from './production.tables.js';
import { type ProductionDb, productionDb } from './production-db.js';
import type {
  CapacityView,
  IndicatorKind,
  IndicatorView,
  ProductView,
  TechniqueView,
  WorkplaceDetailView,
  WorkplaceStatus,
  WorkplaceView,
} from './production-views.js';
import type { SystemReporter } from './reports.service.js';
import { canSeeWorkplace } from './workplace-access.js';

// (re-exported: other areas import this area's service only)
export type { WorkplaceStatus } from './production-views.js';

/** Default hours to acknowledge an alert at each level, by severity. */
export const DEFAULT_ACK_HOURS = Object.freeze({ low: 48, medium: 24, high: 4 });

/** What a page of the register asks for (GET /api/workplaces); every filter is optional. */
export interface RegisterQuery {
  /** Words that must all appear in the name (case and accents ignored). */
  readonly q?: string;
  readonly sector?: string;
  /** Only the workplaces run by these assemblies. */
  readonly bodyIds?: readonly string[];
  /** Only these workplaces (names for a list of ids). */
  readonly ids?: readonly string[];
  /** Page size; without it, every match from `offset` on. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Input of `createIndicator`. */
export interface IndicatorInput {
  name: string;
  kind: IndicatorKind;
  productId?: string | null;
  unit: string;
  frequency?: 'daily' | 'weekly';
  goodDirection?: 'up' | 'down' | 'none';
  thresholds?: { step?: number; slope?: number; outlier?: number };
  ackHours?: { low?: number; medium?: number; high?: number };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function workplaceView(w: ProductionTables['workplaces']): WorkplaceView {
  return {
    id: w.id,
    bodyId: w.body_id,
    name: w.name,
    sector: w.sector,
    latitude: w.lat_micro / 1e6,
    longitude: w.lon_micro / 1e6,
    workforce: w.workforce,
    status: w.status as WorkplaceStatus,
  };
}

function productView(p: ProductionTables['products']): ProductView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    unit: p.unit,
    category: p.category,
    basicGood: Number(p.basic_good) === 1,
  };
}

/** The stored row of an indicator as presented. */
export function indicatorView(i: ProductionTables['indicators']): IndicatorView {
  return {
    id: i.id,
    workplaceId: i.workplace_id,
    name: i.name,
    kind: i.kind as IndicatorKind,
    productId: i.product_id,
    unit: i.unit,
    frequency: i.frequency as 'daily' | 'weekly',
    goodDirection: i.good_direction as 'up' | 'down' | 'none',
    thresholds: {
      step: i.step_threshold_pm / 1000,
      slope: i.slope_threshold_pm / 1000,
      outlier: i.outlier_threshold_pm / 1000,
    },
    ackHours: { low: i.ack_hours_low, medium: i.ack_hours_medium, high: i.ack_hours_high },
  };
}

/** Who may write to the register: a principal, or the system (scenario loader, CLI) by name. */
export type RegisterActor = Principal | SystemReporter;

function isAdmin(principal: RegisterActor): boolean {
  return principal.kind === 'system' || (principal.kind === 'person' && principal.isAdmin);
}

function metaFor(principal: RegisterActor): CommandMeta {
  return { actor: principal.kind === 'system' ? principal : actorOf(principal) };
}

function checkDate(field: string, value: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(field, { en: 'must be a date YYYY-MM-DD', es: 'debe ser una fecha AAAA-MM-DD' });
}

function perMille(field: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(v > 0 && v < 1))
    throw invalid(field, { en: 'must lie between 0 and 1', es: 'debe estar entre 0 y 1' });
  return Math.round(v * 1000);
}

function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '23503' || /FOREIGN KEY constraint failed/.test(e.message ?? '');
}

/**
 * The production register: workplaces and their status history, the product catalogue,
 * capacities, techniques and indicators.
 *
 * Who may do what (the rule):
 * - read the register (workplaces, status history, products, capacities, techniques): any
 *   signed-in person — the plan is made from it in the open;
 * - register a workplace for an assembly, or change its status: the assembly's chair or
 *   secretary (`body.manage`), or a deployment administrator setting up the deployment;
 * - capacities, techniques and indicators of a workplace: its assembly's chair or secretary;
 * - add a product to the catalogue: an administrator, or the chair or secretary of any assembly
 *   that has a registered workplace (they describe what they make);
 * - see indicators, series and alerts: members of the assembly and delegates of the councils
 *   above it (`canSeeWorkplace`).
 * Refusals are the same 403 whether or not the workplace exists.
 */
export class ProductionService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  private get db(): ProductionDb {
    return productionDb(this.database.db);
  }

  /** The workplace or a 403 when the principal may not `action` it (or it does not exist). */
  private async workplaceFor(
    principal: RegisterActor,
    workplaceId: string,
    action: 'manage' | 'see',
  ): Promise<ProductionTables['workplaces']> {
    const w = await store.findWorkplace(this.db, workplaceId);
    if (!w) throw new AppError('forbidden');
    if (principal.kind === 'system') return w;
    const ok =
      action === 'manage'
        ? await this.councils.may(principal, 'body.manage', w.body_id)
        : await canSeeWorkplace(this.councils, principal, w.body_id);
    if (!ok) throw new AppError('forbidden');
    return w;
  }

  /**
   * Registers the workplace of an assembly with its first status.
   *
   * @example await production.createWorkplace(p, { bodyId, name: 'Textil Sumar', sector: 'textiles', latitude: -33.49, longitude: -70.62, workforce: 1200, status: 'occupied', since: '1972-10-11' });
   */
  async createWorkplace(
    principal: RegisterActor,
    input: {
      bodyId: string;
      name: string;
      sector: string;
      latitude: number;
      longitude: number;
      workforce: number;
      status: WorkplaceStatus;
      since: string;
      motionId?: string | null;
    },
    meta: CommandMeta = metaFor(principal),
  ): Promise<WorkplaceView> {
    if (
      !isAdmin(principal) &&
      !(principal.kind !== 'system' && (await this.councils.may(principal, 'body.manage', input.bodyId)))
    )
      throw new AppError('forbidden');
    if (!input.name.trim())
      throw invalid('body.name', { en: 'must not be empty', es: 'no puede estar vacío' });
    if (!(Math.abs(input.latitude) <= 90))
      throw invalid('body.latitude', { en: 'must lie in [-90, 90]', es: 'debe estar en [-90, 90]' });
    if (!(Math.abs(input.longitude) <= 180))
      throw invalid('body.longitude', { en: 'must lie in [-180, 180]', es: 'debe estar en [-180, 180]' });
    checkDate('body.since', input.since);
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      if (await store.workplaceOfBody(db, input.bodyId))
        throw new AppError('conflict', {
          field: 'body.bodyId',
          params: {
            field: 'body.bodyId',
            reason: {
              en: 'this assembly already has a workplace',
              es: 'esta asamblea ya tiene un lugar de trabajo',
            },
          },
        });
      const row: ProductionTables['workplaces'] = {
        id: newId(),
        body_id: input.bodyId,
        name: input.name.trim(),
        sector: input.sector.trim(),
        lat_micro: Math.round(input.latitude * 1e6),
        lon_micro: Math.round(input.longitude * 1e6),
        workforce: input.workforce,
        status: input.status,
        created_at: c.now,
      };
      try {
        await store.insertWorkplace(db, row, {
          id: newId(),
          workplace_id: row.id,
          status: input.status,
          since: input.since,
          motion_id: input.motionId ?? null,
          recorded_at: c.now,
        });
      } catch (error) {
        if (isForeignKeyViolation(error))
          throw new AppError('not-found', { field: 'body.bodyId', params: { field: 'body.bodyId' } });
        throw error;
      }
      c.record({
        action: 'production.workplace-registered',
        subjectType: 'workplace',
        subjectId: row.id,
        scopeBodyId: input.bodyId,
        payload: { name: row.name, sector: row.sector, status: row.status },
      });
      return workplaceView(row);
    });
  }

  // The whole register as last read (see `workplacesVersion`), frozen, with each workplace's
  // name folded for search (same order).
  private readonly registerRead = new VersionedRead(
    () => store.workplacesVersion(this.db),
    async () => {
      const value = Object.freeze(
        (await store.listWorkplaces(this.db)).map((w) => Object.freeze(workplaceView(w))),
      );
      return { value, folded: Object.freeze(value.map((w) => foldText(w.name))) };
    },
  );

  /**
   * Every workplace, by name (open to every signed-in person). The unfiltered list (30,000
   * workplaces, 7 MB at country scale) is read again only when its version in the database
   * changed, which every server instance sees.
   */
  async listWorkplaces(filter: { sector?: string } = {}): Promise<WorkplaceView[]> {
    if (filter.sector !== undefined) return (await store.listWorkplaces(this.db, filter)).map(workplaceView);
    // a fresh array each call (callers sort it); the workplaces themselves are frozen
    return [...(await this.registerRead.get()).value.value];
  }

  /**
   * A page of the register, by name: the workplaces whose name holds every word of `q` (case and
   * accents ignored: "maipu" finds "Maipú"), of `sector`, run by one of `bodyIds`, or among `ids`;
   * `total` counts every match. Filtered in memory from the cached register — at country scale
   * (30,000 workplaces) a few milliseconds, and the answer is one page instead of 7 MB.
   *
   * @example await register.registerPage({ q: 'textil', limit: 50, offset: 0 })
   */
  async registerPage(query: RegisterQuery): Promise<{ workplaces: WorkplaceView[]; total: number }> {
    const { value, folded } = (await this.registerRead.get()).value;
    const words =
      query.q === undefined
        ? []
        : foldText(query.q)
            .split(/\s+/)
            .filter((w) => w.length > 0);
    const bodies = query.bodyIds === undefined ? null : new Set(query.bodyIds);
    const ids = query.ids === undefined ? null : new Set(query.ids);
    const matches: WorkplaceView[] = [];
    for (let i = 0; i < value.length; i++) {
      const w = value[i]!;
      if (query.sector !== undefined && w.sector !== query.sector) continue;
      if (bodies !== null && !bodies.has(w.bodyId)) continue;
      if (ids !== null && !ids.has(w.id)) continue;
      if (words.length > 0 && !words.every((word) => folded[i]!.includes(word))) continue;
      matches.push(w);
    }
    const offset = query.offset ?? 0;
    const page =
      query.limit === undefined ? matches.slice(offset) : matches.slice(offset, offset + query.limit);
    return { workplaces: page, total: matches.length };
  }

  /** A workplace with its status history; 404 when unknown (the register is open). */
  async workplace(workplaceId: string): Promise<WorkplaceDetailView> {
    const w = await store.findWorkplace(this.db, workplaceId);
    if (!w) throw new AppError('not-found', { field: 'params.id', params: { field: 'workplace' } });
    const history = await store.statusHistory(this.db, w.id);
    return {
      ...workplaceView(w),
      statusHistory: history.map((h) => ({
        status: h.status as WorkplaceStatus,
        since: h.since,
        motionId: h.motion_id,
        recordedAt: h.recorded_at,
      })),
    };
  }

  /** The workplace run by an assembly, or null. */
  async workplaceOfBody(bodyId: string): Promise<WorkplaceView | null> {
    const w = await store.workplaceOfBody(this.db, bodyId);
    return w ? workplaceView(w) : null;
  }

  /** Records a new status (occupied, intervened…) from a date, with the deciding motion if any. */
  async changeStatus(
    principal: RegisterActor,
    workplaceId: string,
    input: { status: WorkplaceStatus; since: string; motionId?: string | null },
    meta: CommandMeta = metaFor(principal),
  ): Promise<WorkplaceView> {
    const w = await store.findWorkplace(this.db, workplaceId);
    if (
      !w ||
      !(
        isAdmin(principal) ||
        (principal.kind !== 'system' && (await this.councils.may(principal, 'body.manage', w.body_id)))
      )
    )
      throw new AppError('forbidden');
    checkDate('body.since', input.since);
    return this.audit.runCommand(meta, async (c) => {
      await store.addStatus(productionDb(c.trx), {
        id: newId(),
        workplace_id: w.id,
        status: input.status,
        since: input.since,
        motion_id: input.motionId ?? null,
        recorded_at: c.now,
      });
      c.record({
        action: 'production.workplace-status-changed',
        subjectType: 'workplace',
        subjectId: w.id,
        scopeBodyId: w.body_id,
        payload: { from: w.status, to: input.status, since: input.since, motionId: input.motionId ?? null },
      });
      return workplaceView({ ...w, status: input.status });
    });
  }

  /** The product catalogue, by code. */
  async listProducts(): Promise<ProductView[]> {
    return (await store.listProducts(this.db)).map(productView);
  }

  /** Adds a product; 409 when the code is taken. See the class comment for who may. */
  async createProduct(
    principal: RegisterActor,
    input: { code: string; name: string; unit: string; category: string; basicGood: boolean },
    meta: CommandMeta = metaFor(principal),
  ): Promise<ProductView> {
    if (!isAdmin(principal)) {
      const managed =
        principal.kind === 'person'
          ? (await this.councils.bodiesOf(principal.personId))
              .filter((b) => b.roles.includes('chair') || b.roles.includes('secretary'))
              .map((b) => b.bodyId)
          : [];
      if ((await store.listWorkplaces(this.db, { bodyIds: managed })).length === 0)
        throw new AppError('forbidden');
    }
    for (const key of ['code', 'name', 'unit'] as const)
      if (!input[key].trim())
        throw invalid(`body.${key}`, { en: 'must not be empty', es: 'no puede estar vacío' });
    return this.audit.runCommand(meta, async (c) => {
      const row: ProductionTables['products'] = {
        id: newId(),
        code: input.code.trim(),
        name: input.name.trim(),
        unit: input.unit.trim(),
        category: input.category.trim(),
        basic_good: input.basicGood ? 1 : 0,
        created_at: c.now,
      };
      if (!(await store.insertProduct(productionDb(c.trx), row)))
        throw new AppError('conflict', {
          field: 'body.code',
          params: {
            field: 'body.code',
            reason: { en: `"${row.code}" is taken`, es: `"${row.code}" ya existe` },
          },
        });
      c.record({
        action: 'production.product-added',
        subjectType: 'product',
        subjectId: row.id,
        payload: { code: row.code, name: row.name, unit: row.unit },
      });
      return productView(row);
    });
  }

  private async checkProducts(db: ProductionDb, field: string, ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const found = new Set((await store.productsByIds(db, unique)).map((p) => p.id));
    const missing = unique.find((id) => !found.has(id));
    if (missing !== undefined)
      throw new AppError('not-found', { field, params: { field: `product ${missing}` } });
  }

  /** Capacities of a workplace (open to every signed-in person). */
  async capacities(workplaceId: string): Promise<CapacityView[]> {
    return (await store.capacitiesOf(this.db, workplaceId)).map((c) => ({
      productId: c.product_id,
      period: c.period,
      quantity: c.quantity,
    }));
  }

  /** Sets capacities of a workplace (each replaces the one for the same product and period). */
  async setCapacities(
    principal: RegisterActor,
    workplaceId: string,
    items: CapacityView[],
    meta: CommandMeta = metaFor(principal),
  ): Promise<CapacityView[]> {
    const w = await this.workplaceFor(principal, workplaceId, 'manage');
    for (const [i, item] of items.entries())
      if (!Number.isSafeInteger(item.quantity) || item.quantity < 0)
        throw invalid(`body.items.${i}.quantity`, {
          en: 'must be a whole number ≥ 0 of the product unit',
          es: 'debe ser un entero ≥ 0 en la unidad del producto',
        });
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      await this.checkProducts(
        db,
        'body.items',
        items.map((i) => i.productId),
      );
      await store.upsertCapacities(
        db,
        items.map((i) => ({
          workplace_id: w.id,
          product_id: i.productId,
          period: i.period,
          quantity: i.quantity,
          updated_at: c.now,
        })),
      );
      c.record({
        action: 'production.capacities-set',
        subjectType: 'workplace',
        subjectId: w.id,
        scopeBodyId: w.body_id,
        payload: { items },
      });
      return items;
    });
  }

  /** Techniques of a workplace (open to every signed-in person). */
  async techniques(workplaceId: string): Promise<TechniqueView[]> {
    return (await store.techniquesOf(this.db, workplaceId)).map(({ technique, inputs }) => ({
      productId: technique.product_id,
      labourMilliHours: technique.labour_milli_hours,
      inputs: inputs.map((i) => ({ productId: i.input_product_id, quantityMilli: i.quantity_milli })),
    }));
  }

  /**
   * Every workplace's capacities and techniques at once (open, like the register): what planning
   * assembles a period's economy from. Workplaces with neither are left out.
   *
   * @example for (const w of await production.planningRegister()) console.log(w.workplaceId, w.capacities.length);
   */
  async planningRegister(): Promise<
    { workplaceId: string; capacities: CapacityView[]; techniques: TechniqueView[] }[]
  > {
    const { capacities, techniques, inputs } = await store.wholeRegister(this.db);
    const byWorkplace = new Map<
      string,
      { workplaceId: string; capacities: CapacityView[]; techniques: TechniqueView[] }
    >();
    const entry = (workplaceId: string) => {
      let e = byWorkplace.get(workplaceId);
      if (!e) {
        e = { workplaceId, capacities: [], techniques: [] };
        byWorkplace.set(workplaceId, e);
      }
      return e;
    };
    for (const c of capacities)
      entry(c.workplace_id).capacities.push({
        productId: c.product_id,
        period: c.period,
        quantity: Number(c.quantity),
      });
    const inputsOf = new Map<string, { productId: string; quantityMilli: number }[]>();
    for (const i of inputs) {
      const list = inputsOf.get(i.technique_id) ?? [];
      list.push({ productId: i.input_product_id, quantityMilli: Number(i.quantity_milli) });
      inputsOf.set(i.technique_id, list);
    }
    for (const t of techniques)
      entry(t.workplace_id).techniques.push({
        productId: t.product_id,
        labourMilliHours: Number(t.labour_milli_hours),
        inputs: inputsOf.get(t.id) ?? [],
      });
    return [...byWorkplace.values()];
  }

  /** Sets the technique by which a workplace makes a product, replacing the previous one. */
  async setTechnique(
    principal: RegisterActor,
    workplaceId: string,
    input: TechniqueView,
    meta: CommandMeta = metaFor(principal),
  ): Promise<TechniqueView> {
    const w = await this.workplaceFor(principal, workplaceId, 'manage');
    const whole = (v: number) => Number.isSafeInteger(v) && v >= 0;
    if (!whole(input.labourMilliHours))
      throw invalid('body.labourMilliHours', {
        en: 'must be a whole number ≥ 0',
        es: 'debe ser un entero ≥ 0',
      });
    for (const [i, item] of input.inputs.entries()) {
      if (!whole(item.quantityMilli))
        throw invalid(`body.inputs.${i}.quantityMilli`, {
          en: 'must be a whole number ≥ 0',
          es: 'debe ser un entero ≥ 0',
        });
      if (
        item.productId === input.productId ||
        input.inputs.findIndex((x) => x.productId === item.productId) !== i
      )
        throw invalid(`body.inputs.${i}.productId`, {
          en: 'an input appears once and is not the output',
          es: 'un insumo aparece una vez y no es el producto',
        });
    }
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      await this.checkProducts(db, 'body', [input.productId, ...input.inputs.map((i) => i.productId)]);
      await store.replaceTechnique(
        db,
        {
          id: newId(),
          workplace_id: w.id,
          product_id: input.productId,
          labour_milli_hours: input.labourMilliHours,
          updated_at: c.now,
        },
        input.inputs.map((i) => ({
          technique_id: '',
          input_product_id: i.productId,
          quantity_milli: i.quantityMilli,
        })),
      );
      c.record({
        action: 'production.technique-set',
        subjectType: 'workplace',
        subjectId: w.id,
        scopeBodyId: w.body_id,
        payload: input,
      });
      return input;
    });
  }

  /**
   * The id of a workplace's indicator, each named by id or exact name — for the CSV import, which
   * runs as the system. A reason instead when it is unknown or a name is ambiguous.
   *
   * @example await production.resolveIndicator('Textil Sumar', 'Producción de tela')
   */
  async resolveIndicator(
    workplaceRef: string,
    indicatorRef: string,
  ): Promise<{ status: 'found'; indicatorId: string } | { status: 'unknown'; reason: string }> {
    const byId = isId(workplaceRef) ? await store.findWorkplace(this.db, workplaceRef) : undefined;
    const candidates = byId ? [byId] : await store.workplacesNamed(this.db, workplaceRef);
    if (candidates.length === 0) return { status: 'unknown', reason: `no workplace "${workplaceRef}"` };
    if (candidates.length > 1)
      return {
        status: 'unknown',
        reason: `${candidates.length} workplaces are named "${workplaceRef}"; use the id`,
      };
    const indicators = await store.indicatorsOf(this.db, candidates[0]!.id);
    const found =
      indicators.find((i) => i.id === indicatorRef) ?? indicators.find((i) => i.name === indicatorRef);
    return found
      ? { status: 'found', indicatorId: found.id }
      : { status: 'unknown', reason: `workplace "${workplaceRef}" has no indicator "${indicatorRef}"` };
  }

  /** Indicators of a workplace, for those who may see it. */
  async indicators(principal: Principal, workplaceId: string): Promise<IndicatorView[]> {
    const w = await this.workplaceFor(principal, workplaceId, 'see');
    return (await store.indicatorsOf(this.db, w.id)).map(indicatorView);
  }

  /** Adds indicators to a workplace (a fresh forecaster each). */
  async createIndicators(
    principal: RegisterActor,
    workplaceId: string,
    inputs: IndicatorInput[],
    meta: CommandMeta = metaFor(principal),
  ): Promise<IndicatorView[]> {
    const w = await this.workplaceFor(principal, workplaceId, 'manage');
    const t = DETECTION_DEFAULTS.alert.thresholds;
    const state = encodeMonitorState(initialMonitorState());
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      const rows: ProductionTables['indicators'][] = [];
      for (const [i, input] of inputs.entries()) {
        const name = input.name.trim();
        if (!name) throw invalid(`body.${i}.name`, { en: 'must not be empty', es: 'no puede estar vacío' });
        if (rows.some((r) => r.name === name) || (await store.indicatorNameTaken(db, w.id, name)))
          throw new AppError('conflict', {
            field: `body.${i}.name`,
            params: {
              field: `body.${i}.name`,
              reason: { en: `"${name}" exists`, es: `"${name}" ya existe` },
            },
          });
        if (input.productId) await this.checkProducts(db, `body.${i}.productId`, [input.productId]);
        const hours = (key: 'low' | 'medium' | 'high') => {
          const h = input.ackHours?.[key] ?? DEFAULT_ACK_HOURS[key];
          if (!Number.isSafeInteger(h) || h < 1 || h > 24 * 90)
            throw invalid(`body.${i}.ackHours.${key}`, {
              en: 'must be 1–2160 hours',
              es: 'debe ser 1–2160 horas',
            });
          return h;
        };
        rows.push({
          id: newId(),
          workplace_id: w.id,
          body_id: w.body_id,
          name,
          kind: input.kind,
          product_id: input.productId ?? null,
          unit: input.unit,
          frequency: input.frequency ?? 'daily',
          good_direction: input.goodDirection ?? 'up',
          step_threshold_pm: perMille(`body.${i}.thresholds.step`, input.thresholds?.step, t.step),
          slope_threshold_pm: perMille(`body.${i}.thresholds.slope`, input.thresholds?.slope, t.slope),
          outlier_threshold_pm: perMille(
            `body.${i}.thresholds.outlier`,
            input.thresholds?.outlier,
            t.outlier,
          ),
          ack_hours_low: hours('low'),
          ack_hours_medium: hours('medium'),
          ack_hours_high: hours('high'),
          created_at: c.now,
        });
      }
      await store.insertIndicators(db, rows, state);
      for (const r of rows)
        c.record({
          action: 'production.indicator-added',
          subjectType: 'indicator',
          subjectId: r.id,
          scopeBodyId: w.body_id,
          payload: { workplaceId: w.id, name: r.name, kind: r.kind, unit: r.unit, frequency: r.frequency },
        });
      return rows.map(indicatorView);
    });
  }

  /**
   * Loads a register in bulk for the system (the country scenario): products, then workplaces of
   * existing assemblies with their first status, one capacity (a month, of the product they
   * make) and their indicators with the default thresholds. One command and ONE audit event with
   * the counts per call — a per-row event would put 100,000s of links in the chain for a demo
   * load. Returns the ids: products by code, workplaces and indicators in input order.
   */
  async importRegister(
    actorName: string,
    input: {
      products: readonly { code: string; name: string; unit: string; category: string; basicGood: boolean }[];
      workplaces: readonly {
        bodyId: string;
        name: string;
        sector: string;
        latitude: number;
        longitude: number;
        workforce: number;
        status: WorkplaceStatus;
        since: string;
        capacity?: { productId: string; period: string; quantity: number };
        indicators: readonly {
          name: string;
          kind: string;
          productId: string | null;
          unit: string;
          goodDirection?: 'up' | 'down' | 'none';
        }[];
      }[];
    },
  ): Promise<{ products: Map<string, string>; workplaces: string[]; indicators: string[][] }> {
    const t = DETECTION_DEFAULTS.alert.thresholds;
    const state = encodeMonitorState(initialMonitorState());
    const out = await this.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const products = input.products.map((p): ProductionTables['products'] => ({
        id: newId(),
        code: p.code,
        name: p.name,
        unit: p.unit,
        category: p.category,
        basic_good: p.basicGood ? 1 : 0,
        created_at: c.now,
      }));
      const workplaces: ProductionTables['workplaces'][] = [];
      const statuses: ProductionTables['workplace_statuses'][] = [];
      const capacities: ProductionTables['capacities'][] = [];
      const indicators: ProductionTables['indicators'][] = [];
      const indicatorIds: string[][] = [];
      for (const w of input.workplaces) {
        const id = newId();
        workplaces.push({
          id,
          body_id: w.bodyId,
          name: w.name,
          sector: w.sector,
          lat_micro: Math.round(w.latitude * 1e6),
          lon_micro: Math.round(w.longitude * 1e6),
          workforce: w.workforce,
          status: w.status,
          created_at: c.now,
        });
        statuses.push({
          id: newId(),
          workplace_id: id,
          status: w.status,
          since: w.since,
          motion_id: null,
          recorded_at: c.now,
        });
        if (w.capacity)
          capacities.push({
            workplace_id: id,
            product_id: w.capacity.productId,
            period: w.capacity.period,
            quantity: w.capacity.quantity,
            updated_at: c.now,
          });
        const ids: string[] = [];
        for (const i of w.indicators) {
          const row: ProductionTables['indicators'] = {
            id: newId(),
            workplace_id: id,
            body_id: w.bodyId,
            name: i.name,
            kind: i.kind,
            product_id: i.productId,
            unit: i.unit,
            frequency: 'daily',
            good_direction: i.goodDirection ?? 'up',
            step_threshold_pm: Math.round(t.step * 1000),
            slope_threshold_pm: Math.round(t.slope * 1000),
            outlier_threshold_pm: Math.round(t.outlier * 1000),
            ack_hours_low: DEFAULT_ACK_HOURS.low,
            ack_hours_medium: DEFAULT_ACK_HOURS.medium,
            ack_hours_high: DEFAULT_ACK_HOURS.high,
            created_at: c.now,
          };
          indicators.push(row);
          ids.push(row.id);
        }
        indicatorIds.push(ids);
      }
      await store.insertRegisterBulk(
        productionDb(c.trx),
        this.database.kind,
        { products, workplaces, statuses, capacities, indicators },
        state,
      );
      c.record({
        action: 'production.register-imported',
        subjectType: 'register',
        subjectId: workplaces[0]?.id ?? products[0]?.id ?? 'none',
        payload: {
          products: products.length,
          workplaces: workplaces.length,
          capacities: capacities.length,
          indicators: indicators.length,
        },
      });
      return {
        products: products.map((p) => [p.code, p.id] as [string, string]),
        workplaces: workplaces.map((w) => w.id),
        indicators: indicatorIds,
      };
    });
    return { products: new Map(out.products), workplaces: out.workplaces, indicators: out.indicators };
  }
}
