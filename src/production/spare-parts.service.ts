import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf, type Principal } from '../identity/principal.js';
import { rankMakers } from './core/maker-ranking.js';
import * as register from './production.store.js';
import type { ProductionTables } from './production.tables.js';
import { type ProductionDb, productionDb } from './production-db.js';
import type { SystemReporter } from './reports.service.js';
import {
  type CapabilityView,
  type MakerProposal,
  type NeedStatus,
  type NeedView,
  ORDER_MOVES,
  type OrderStatus,
  type OrderView,
  SPARE_PART_CAPABILITIES,
  SPARE_PART_URGENCIES,
  type SparePartCapability,
  type SparePartUrgency,
  type WorkplaceSparePartsView,
} from './spare-part-views.js';
import * as store from './spare-parts.store.js';

// (re-exported: other areas import this area's service only)
export type { SparePartCapability } from './spare-part-views.js';

// State names for error sentences, in both languages (the web's labels are in its locales).
const STATE_WORDS: Readonly<Record<string, { en: string; es: string }>> = Object.freeze({
  proposed: { en: 'proposed', es: 'propuesto' },
  accepted: { en: 'accepted', es: 'aceptado' },
  'in-production': { en: 'in production', es: 'en fabricación' },
  shipped: { en: 'shipped', es: 'despachado' },
  received: { en: 'received', es: 'recibido' },
  declined: { en: 'declined', es: 'rechazado' },
  cancelled: { en: 'cancelled', es: 'cancelado' },
  open: { en: 'open', es: 'abierta' },
  ordered: { en: 'ordered', es: 'pedida' },
  fulfilled: { en: 'fulfilled', es: 'recibida' },
  withdrawn: { en: 'withdrawn', es: 'retirada' },
});

function stateWord(state: string): { en: string; es: string } {
  return STATE_WORDS[state] ?? { en: state, es: state };
}

/** Input of `postNeed`. */
export interface NeedInput {
  part: string;
  specification: string;
  quantity: number;
  urgency: SparePartUrgency;
  machine: string;
  capability: SparePartCapability;
}

/** Who acts: a person, a workplace token, or the system (scenario loader). */
export type SparePartsActor = Principal | SystemReporter;

function metaFor(actor: SparePartsActor): CommandMeta {
  return { actor: actor.kind === 'system' ? actor : actorOf(actor) };
}

function orderView(o: store.OrderRow): OrderView {
  return {
    id: o.id,
    needId: o.need_id,
    makerWorkplaceId: o.maker_workplace_id,
    makerName: o.maker_name,
    status: o.status as OrderStatus,
    distanceMetres: o.distance_m,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

function needView(n: store.NeedRow, orders: store.OrderRow[]): NeedView {
  return {
    id: n.id,
    workplaceId: n.workplace_id,
    workplaceName: n.workplace_name,
    bodyId: n.body_id,
    part: n.part,
    specification: n.specification,
    quantity: n.quantity,
    urgency: n.urgency as SparePartUrgency,
    machine: n.machine,
    capability: n.capability as SparePartCapability,
    status: n.status as NeedStatus,
    orderId: n.order_id,
    createdAt: n.created_at,
    updatedAt: n.updated_at,
    orders: orders.map(orderView),
  };
}

function nonEmpty(field: string, value: string): string {
  const v = value.trim();
  if (!v) throw invalid(field, { en: 'must not be empty', es: 'no puede estar vacío' });
  return v;
}

/**
 * Spare parts: workplaces post what they can make (capabilities) and what they need; the system
 * proposes makers by capability, distance and load; a need proposed to a maker becomes an order
 * that moves proposed → accepted → in-production → shipped → received (or declined / cancelled).
 *
 * Who may do what:
 * - read capabilities, needs, orders and the boards: any signed-in person or token — a need is a
 *   call for help to whoever can make the part, so it is as open as the register;
 * - post and withdraw a workplace's needs, set its capabilities, propose its needs to makers,
 *   confirm receipt: the workplace assembly's chair or secretary, or a token of that assembly with
 *   `production:spare-parts` (`body.spare-parts`);
 * - accept, decline, start and ship an order: the same people of the maker's assembly;
 * - cancel work not yet shipped: either side.
 * Refusals are the same 403 whether or not the resource exists. Every move is a compare-and-set
 * on the current state, so of two concurrent moves one wins and the other gets 409.
 */
export class SparePartsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  private get db(): ProductionDb {
    return productionDb(this.database.db);
  }

  private async mayAct(actor: SparePartsActor, bodyId: string): Promise<boolean> {
    return actor.kind === 'system' || this.councils.may(actor, 'body.spare-parts', bodyId);
  }

  /** The workplace, or 403 when the actor may not act for it (or it does not exist). */
  private async workplaceFor(
    actor: SparePartsActor,
    workplaceId: string,
  ): Promise<ProductionTables['workplaces']> {
    const w = await register.findWorkplace(this.db, workplaceId);
    if (!w || !(await this.mayAct(actor, w.body_id))) throw new AppError('forbidden');
    return w;
  }

  private async needsWithOrders(db: ProductionDb, rows: store.NeedRow[]): Promise<NeedView[]> {
    const orders = await store.ordersOfNeeds(
      db,
      rows.map((n) => n.id),
    );
    const byNeed = new Map<string, store.OrderRow[]>();
    for (const o of orders) byNeed.set(o.need_id, [...(byNeed.get(o.need_id) ?? []), o]);
    return rows.map((n) => needView(n, byNeed.get(n.id) ?? []));
  }

  /** A workplace's capabilities, needs (with their orders) and the orders it is asked to make. */
  async ofWorkplace(workplaceId: string): Promise<WorkplaceSparePartsView> {
    const w = await register.findWorkplace(this.db, workplaceId);
    if (!w) throw new AppError('not-found', { field: 'params.id', params: { field: 'workplace' } });
    const capabilities = (await store.capabilitiesOf(this.db, w.id)).map((c) => ({
      capability: c.capability as SparePartCapability,
      detail: c.detail,
    }));
    const needs = await this.needsWithOrders(this.db, await store.needsOfWorkplace(this.db, w.id, 200));
    const orders = await store.ordersOfMaker(this.db, w.id, 200);
    const needOf = new Map(
      (
        await store.needsByIds(
          this.db,
          orders.map((o) => o.need_id),
        )
      ).map((n) => [n.id, n]),
    );
    const makerOrders = orders.map((o) => {
      const { orders: _, ...need } = needView(needOf.get(o.need_id)!, []);
      return { ...orderView(o), need };
    });
    return { capabilities, needs, makerOrders };
  }

  /** Replaces a workplace's capabilities (each capability at most once). */
  async setCapabilities(
    actor: SparePartsActor,
    workplaceId: string,
    items: CapabilityView[],
    meta: CommandMeta = metaFor(actor),
  ): Promise<CapabilityView[]> {
    const w = await this.workplaceFor(actor, workplaceId);
    const clean = items.map((item, i) => {
      if (!SPARE_PART_CAPABILITIES.includes(item.capability))
        throw invalid(`body.capabilities.${i}.capability`, {
          en: 'is not a known capability',
          es: 'no es una capacidad conocida',
        });
      if (items.findIndex((x) => x.capability === item.capability) !== i)
        throw invalid(`body.capabilities.${i}.capability`, {
          en: 'appears twice',
          es: 'aparece dos veces',
        });
      return { capability: item.capability, detail: item.detail.trim() };
    });
    return this.audit.runCommand(meta, async (c) => {
      await store.replaceCapabilities(
        productionDb(c.trx),
        w.id,
        clean.map((item) => ({
          workplace_id: w.id,
          capability: item.capability,
          detail: item.detail,
          updated_at: c.now,
        })),
      );
      c.record({
        action: 'production.spare-part-capabilities-set',
        subjectType: 'workplace',
        subjectId: w.id,
        payload: { workplaceId: w.id, bodyId: w.body_id, capabilities: clean.map((x) => x.capability) },
      });
      return [...clean].sort((a, b) => a.capability.localeCompare(b.capability));
    });
  }

  /** Posts a need of a workplace. */
  async postNeed(
    actor: SparePartsActor,
    workplaceId: string,
    input: NeedInput,
    meta: CommandMeta = metaFor(actor),
  ): Promise<NeedView> {
    const w = await this.workplaceFor(actor, workplaceId);
    const part = nonEmpty('body.part', input.part);
    if (!Number.isSafeInteger(input.quantity) || input.quantity < 1)
      throw invalid('body.quantity', { en: 'must be a whole number ≥ 1', es: 'debe ser un entero ≥ 1' });
    if (!SPARE_PART_CAPABILITIES.includes(input.capability))
      throw invalid('body.capability', {
        en: 'is not a known capability',
        es: 'no es una capacidad conocida',
      });
    if (!SPARE_PART_URGENCIES.includes(input.urgency))
      throw invalid('body.urgency', { en: 'is not a known urgency', es: 'no es una urgencia conocida' });
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      const row: ProductionTables['spare_part_needs'] = {
        id: newId(),
        workplace_id: w.id,
        body_id: w.body_id,
        part,
        specification: input.specification.trim(),
        quantity: input.quantity,
        urgency: input.urgency,
        machine: input.machine.trim(),
        capability: input.capability,
        status: 'open',
        order_id: null,
        created_at: c.now,
        updated_at: c.now,
      };
      await store.insertNeeds(db, [row]);
      c.record({
        action: 'production.spare-part-need-posted',
        subjectType: 'spare-part-need',
        subjectId: row.id,
        payload: {
          workplaceId: w.id,
          bodyId: w.body_id,
          part,
          quantity: row.quantity,
          urgency: row.urgency,
          capability: row.capability,
        },
      });
      return needView({ ...row, workplace_name: w.name }, []);
    });
  }

  /** A need with its orders; 404 when unknown (needs are open to read). */
  async need(needId: string): Promise<NeedView> {
    const n = await store.findNeed(this.db, needId);
    if (!n) throw new AppError('not-found', { field: 'params.id', params: { field: 'need' } });
    const [view] = await this.needsWithOrders(this.db, [n]);
    return view!;
  }

  /**
   * The makers proposed for a need: workplaces with its capability other than the needing one,
   * ranked by `rankMakers` (distance + 5 km per order in hand), best first.
   */
  async proposals(needId: string, limit = 10): Promise<MakerProposal[]> {
    const n = await store.findNeed(this.db, needId);
    if (!n) throw new AppError('not-found', { field: 'params.id', params: { field: 'need' } });
    const needer = (await register.findWorkplace(this.db, n.workplace_id))!;
    const makers = await store.makersWith(this.db, n.capability);
    const load = await store.loadOf(
      this.db,
      makers.map((m) => m.workplace_id),
    );
    const byId = new Map(makers.map((m) => [m.workplace_id, m]));
    const ranked = rankMakers(
      { latMicro: needer.lat_micro, lonMicro: needer.lon_micro, excludeWorkplaceId: needer.id },
      makers.map((m) => ({
        workplaceId: m.workplace_id,
        latMicro: m.lat_micro,
        lonMicro: m.lon_micro,
        openOrders: load.get(m.workplace_id) ?? 0,
      })),
      { limit },
    );
    return ranked.map((r) => {
      const m = byId.get(r.workplaceId)!;
      return { ...r, name: m.name, detail: m.detail };
    });
  }

  /**
   * Proposes a need to a maker that has its capability: a new order in state `proposed`. A need
   * may be proposed to several makers at once; the first to accept gets it.
   */
  async propose(
    actor: SparePartsActor,
    needId: string,
    makerWorkplaceId: string,
    meta: CommandMeta = metaFor(actor),
  ): Promise<OrderView> {
    const n = await store.findNeed(this.db, needId);
    if (!n || !(await this.mayAct(actor, n.body_id))) throw new AppError('forbidden');
    const needer = (await register.findWorkplace(this.db, n.workplace_id))!;
    const maker = await register.findWorkplace(this.db, makerWorkplaceId);
    const capable = maker
      ? (await store.capabilitiesOf(this.db, maker.id)).some((c) => c.capability === n.capability)
      : false;
    if (!maker || maker.id === needer.id || !capable)
      throw invalid('body.makerWorkplaceId', {
        en: 'must be another workplace with the capability the need asks for',
        es: 'debe ser otro lugar de trabajo con la capacidad que pide la necesidad',
      });
    const [ranked] = rankMakers({ latMicro: needer.lat_micro, lonMicro: needer.lon_micro }, [
      { workplaceId: maker.id, latMicro: maker.lat_micro, lonMicro: maker.lon_micro, openOrders: 0 },
    ]);
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      const now = await store.findNeed(db, n.id);
      if (now?.status !== 'open')
        throw new AppError('spare-part-need-closed', {
          field: 'params.id',
          params: { status: stateWord(now?.status ?? 'withdrawn') },
        });
      const live = (await store.ordersOfNeeds(db, [n.id])).find(
        (o) => o.maker_workplace_id === maker.id && o.status === 'proposed',
      );
      if (live)
        throw new AppError('conflict', {
          field: 'body.makerWorkplaceId',
          params: {
            field: 'body.makerWorkplaceId',
            reason: { en: 'this maker already has the proposal', es: 'este taller ya tiene la propuesta' },
          },
        });
      const row: ProductionTables['spare_part_orders'] = {
        id: newId(),
        need_id: n.id,
        maker_workplace_id: maker.id,
        status: 'proposed',
        distance_m: ranked!.distanceMetres,
        created_at: c.now,
        updated_at: c.now,
      };
      await store.insertOrders(db, [row]);
      this.recordOrder(c, row.id, 'proposed', n, maker.body_id, { makerWorkplaceId: maker.id });
      return orderView({ ...row, maker_name: maker.name, maker_body_id: maker.body_id });
    });
  }

  private recordOrder(
    c: CommandScope,
    orderId: string,
    status: OrderStatus,
    need: store.NeedRow,
    makerBodyId: string,
    extra: Record<string, unknown> = {},
  ): void {
    c.record({
      action: `production.spare-part-order-${status}`,
      subjectType: 'spare-part-order',
      subjectId: orderId,
      payload: { needId: need.id, bodyId: need.body_id, makerBodyId, ...extra },
    });
  }

  /**
   * Moves an order to `to`. Allowed moves and who makes them are in `ORDER_MOVES`; a move the order's
   * current state does not allow, or one that lost a race to a concurrent move, is 409
   * `spare-part-order-conflict`. Accepting also takes the need (open → ordered, by compare-and-set,
   * so of two makers accepting at once one wins) and cancels the need's other proposals;
   * cancelling accepted work reopens the need; receipt fulfils it.
   */
  async move(
    actor: SparePartsActor,
    orderId: string,
    to: OrderStatus,
    meta: CommandMeta = metaFor(actor),
  ): Promise<OrderView> {
    const o = await store.findOrder(this.db, orderId);
    const n = o ? await store.findNeed(this.db, o.need_id) : undefined;
    if (!o || !n) throw new AppError('forbidden');
    const [asMaker, asNeeder] = await Promise.all([
      this.mayAct(actor, o.maker_body_id),
      this.mayAct(actor, n.body_id),
    ]);
    if (!asMaker && !asNeeder) throw new AppError('forbidden');
    const conflict = (status: string) =>
      new AppError('spare-part-order-conflict', {
        field: 'body.status',
        params: { status: stateWord(status), to: stateWord(to) },
      });
    const side = ORDER_MOVES[o.status]?.[to];
    if (side === undefined) throw conflict(o.status);
    const allowed = side === 'maker' ? asMaker : side === 'needer' ? asNeeder : asMaker || asNeeder;
    if (!allowed) throw new AppError('forbidden');
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      // The need row is moved before the order row wherever both change, so two transactions
      // always lock them in the same order (no deadlock on PostgreSQL).
      let superseded: string[] = [];
      if (to === 'accepted') {
        if (!(await store.moveNeed(db, n.id, ['open'], { status: 'ordered', orderId: o.id, now: c.now })))
          throw conflict((await store.findOrder(db, o.id))?.status ?? o.status);
      } else if (to === 'received') {
        if (
          !(await store.moveNeed(
            db,
            n.id,
            ['ordered'],
            { status: 'fulfilled', orderId: o.id, now: c.now },
            o.id,
          ))
        )
          throw conflict(o.status);
      } else if (to === 'cancelled' && o.status !== 'proposed') {
        if (
          !(await store.moveNeed(db, n.id, ['ordered'], { status: 'open', orderId: null, now: c.now }, o.id))
        )
          throw conflict(o.status);
      }
      if (!(await store.moveOrder(db, o.id, o.status, to, c.now)))
        throw conflict((await store.findOrder(db, o.id))?.status ?? o.status);
      if (to === 'accepted') superseded = await store.cancelProposed(db, n.id, o.id, c.now);
      this.recordOrder(c, o.id, to, n, o.maker_body_id, { from: o.status });
      if (superseded.length > 0)
        for (const other of await store.ordersOfNeeds(db, [n.id]))
          if (superseded.includes(other.id))
            this.recordOrder(c, other.id, 'cancelled', n, other.maker_body_id, {
              from: 'proposed',
              supersededBy: o.id,
            });
      return orderView((await store.findOrder(db, o.id))!);
    });
  }

  /** Withdraws an open need; its unanswered proposals are cancelled. 409 once a maker accepted it. */
  async withdraw(
    actor: SparePartsActor,
    needId: string,
    meta: CommandMeta = metaFor(actor),
  ): Promise<NeedView> {
    const n = await store.findNeed(this.db, needId);
    if (!n || !(await this.mayAct(actor, n.body_id))) throw new AppError('forbidden');
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      if (!(await store.moveNeed(db, n.id, ['open'], { status: 'withdrawn', orderId: null, now: c.now }))) {
        const now = await store.findNeed(db, n.id);
        throw new AppError('spare-part-need-closed', {
          field: 'params.id',
          params: { status: stateWord(now?.status ?? n.status) },
        });
      }
      const cancelled = await store.cancelProposed(db, n.id, null, c.now);
      c.record({
        action: 'production.spare-part-need-withdrawn',
        subjectType: 'spare-part-need',
        subjectId: n.id,
        payload: { workplaceId: n.workplace_id, bodyId: n.body_id, cancelledOrders: cancelled },
      });
      const [view] = await this.needsWithOrders(db, [(await store.findNeed(db, n.id))!]);
      return view!;
    });
  }

  /**
   * The spare-parts board of a body: the needs of every workplace whose assembly is the body or is
   * affiliated under it (cordón → its assemblies; region → its cordones' assemblies; nation → all),
   * with their orders; most urgent first, then newest. `statuses` defaults to the live ones.
   *
   * @example const board = await spareParts.board(cordonId);
   */
  async board(
    bodyId: string,
    statuses: readonly NeedStatus[] = ['open', 'ordered'],
    limit = 500,
  ): Promise<NeedView[]> {
    const { bodies, affiliations } = await this.councils.federation();
    if (!bodies.some((b) => b.id === bodyId))
      throw new AppError('not-found', { field: 'query.body', params: { field: 'body' } });
    const below = new Map<string, string[]>();
    for (const a of affiliations) below.set(a.councilId, [...(below.get(a.councilId) ?? []), a.bodyId]);
    // the federation is acyclic, but a seen-set keeps a bad graph from looping
    const seen = new Set<string>([bodyId]);
    const queue = [bodyId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift())
      for (const child of below.get(id) ?? [])
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
    const rows = await store.needsOfBodies(this.db, [...seen], statuses, limit);
    const rank = (u: string) => SPARE_PART_URGENCIES.indexOf(u as SparePartUrgency);
    rows.sort((a, b) => rank(b.urgency) - rank(a.urgency));
    return this.needsWithOrders(this.db, rows);
  }
}
