import type { AuditService, CommandMeta, CommandScope } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { MotionView } from '../councils/motions.service.js';
import type { Database } from '../db/database.js';
import { localLeases, type ProcessLeases } from '../db/process-leases.js';
import { actorOf, type Principal } from '../identity/principal.js';
import type { ProductionArea } from '../production/production-area.js';
import type { SupplyService } from '../supply/supply.service.js';
import { disaggregateQuotas } from './core/disaggregate-quotas.js';
import { type PlanEconomy, planEconomy } from './plan-economy.js';
import { type PlanPeriod, planPeriodOrThrow } from './plan-period.js';
import type { PlanProblem, PlanSolveResult } from './plan-solve.js';
import {
  type AmendmentView,
  type BottleneckView,
  COUNCIL_TARGET_KINDS,
  type Consequences,
  type FulfilmentView,
  type PlanHead,
  type PlanOutcome,
  type PlanSolvePhase,
  type PlanStatus,
  type PlanView,
  type SolveView,
  TARGET_KINDS,
  type TargetChange,
  type TargetKind,
  type TargetRow,
  type UnmappedGood,
  type WorkplaceQuotaView,
} from './plan-views.js';
import type { PlanningTables } from './planning.tables.js';
import { planningDb } from './planning-db.js';
import * as store from './plans.store.js';
import { type PlanSolver, solvePlanInWorker } from './solve-plan-in-worker.js';

/** A system caller (scenario loader, CLI) acting by name. */
export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

/** Options of the plans service. */
export interface PlansOptions {
  /** The solver; the worker thread unless a test gives another. */
  readonly solver?: PlanSolver;
  /**
   * Where a solving process marks the solves it runs, so that another instance starting up does
   * not fail them as interrupted (`processLeasesFor(config.database)`; default: this process only).
   */
  readonly leases?: ProcessLeases;
}

/** The lease a process holds on a solve while it runs it. */
const solveLease = (solveId: string) => `plan-solve:${solveId}`;

type TargetMap = Record<string, { consumption: number; investment: number; reserves: number }>;

const DAY_MS = 86_400_000;
const planField = { field: 'params.id', params: { field: 'plan' } };

function metaFor(actor: Principal | SystemActor, meta?: CommandMeta): CommandMeta {
  if (meta) return meta;
  return { actor: actor.kind === 'system' ? actor : actorOf(actor) };
}

function wrongStatus(status: string, expected: string): AppError {
  return new AppError('plan-wrong-status', {
    field: 'params.id',
    params: { field: 'plan', status, expected },
  });
}

// Supply goods in g or mL feed products counted in kg or l.
const UNIT_FACTORS: Record<string, number> = {
  'g>kg': 1 / 1000,
  'ml>l': 1 / 1000,
  'kg>g': 1000,
  'l>ml': 1000,
};

/** Units of a product per unit of a supply good, or null when the units do not convert. */
export function goodToProductFactor(goodUnit: string, productUnit: string): number | null {
  const g = goodUnit.toLowerCase();
  const p = productUnit.toLowerCase();
  if (g === p) return 1;
  return UNIT_FACTORS[`${g}>${p}`] ?? null;
}

function targetsFromRows(rows: readonly PlanningTables['plan_targets'][]): TargetMap {
  const out: TargetMap = {};
  for (const r of rows) {
    const t = out[r.product_id] ?? { consumption: 0, investment: 0, reserves: 0 };
    t[r.kind as TargetKind] = r.quantity;
    out[r.product_id] = t;
  }
  return out;
}

function applyChanges(base: TargetMap, changes: readonly TargetChange[]): TargetMap {
  const out: TargetMap = structuredClone(base);
  for (const ch of changes) {
    const t = out[ch.productId] ?? { consumption: 0, investment: 0, reserves: 0 };
    t[ch.kind] = ch.quantity;
    out[ch.productId] = t;
  }
  return out;
}

function solveView(row: PlanningTables['plan_solves'], progress: SolveView['progress']): SolveView {
  return {
    id: row.id,
    planId: row.plan_id,
    status: row.status as SolveView['status'],
    progress: row.status === 'solving' ? progress : null,
    outcome: row.result ? (JSON.parse(row.result) as PlanOutcome) : null,
    error: row.error,
    solveMs: row.solve_ms,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The consequences of going from the `before` outcome to the `after` one. */
export function consequencesOf(before: PlanOutcome, after: PlanOutcome): Consequences | null {
  if (before.status !== 'planned' || after.status !== 'planned') return null;
  const key = (b: BottleneckView) => b.productId;
  const was = new Set(before.bottlenecks.map(key));
  const is = new Set(after.bottlenecks.map(key));
  const outBefore = new Map(before.products.map((p) => [p.productId, p.output]));
  const outputChanges: Consequences['outputChanges'] = [];
  for (const p of after.products) {
    const b = outBefore.get(p.productId) ?? 0;
    if (Math.abs(p.output - b) > 0.5)
      outputChanges.push({ productId: p.productId, before: b, after: p.output });
  }
  return {
    labourHoursDelta: after.labourHours - before.labourHours,
    thetaBefore: before.theta,
    thetaAfter: after.theta,
    newBottlenecks: after.bottlenecks.filter((b) => !was.has(key(b))),
    removedBottlenecks: before.bottlenecks.filter((b) => !is.has(key(b))),
    outputChanges,
  };
}

/**
 * Plans for a period, made in the open and decided by the national assembly.
 *
 * A draft's consumption targets are the supply committees' entitlements for the period (each
 * good to the catalogue product of the same code, units converted g→kg and mL→l); councils add
 * investment and reserve targets. A comes from the workplaces' techniques weighted by their
 * capacity, labour from the techniques, capacities from the register (`plan-economy.ts`). Every
 * set of targets is solved in a worker thread OFF the request path (`SolveView` with progress);
 * the draft goes before the assembly as a motion, each amendment is a motion amendment solved
 * before the vote with its consequences; adoption (after the assembly adopted the motion) solves
 * the targets with the adopted amendments and issues integer quotas to workplaces in one command.
 *
 * Who may: read — any signed-in person; draft, propose, adopt — delegates (seat holders) or
 * officers of the national assembly; investment and reserve targets — delegates or officers of
 * the national assembly or a regional council, naming that council; amend — delegates of the
 * assembly (the councils' own rule).
 */
export class PlansService {
  private readonly running = new Map<string, Promise<void>>();
  private readonly progress = new Map<string, { phase: PlanSolvePhase; fraction: number }>();
  private readonly solver: PlanSolver;
  private readonly leases: ProcessLeases;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
    private readonly production: ProductionArea,
    private readonly supply: SupplyService,
    private readonly clock: Clock,
    options: PlansOptions = {},
  ) {
    this.solver = options.solver ?? solvePlanInWorker;
    this.leases = options.leases ?? localLeases();
  }

  private get db() {
    return planningDb(this.database.db);
  }

  /** Delegates or officers of the body; the system always. */
  private async mayDecide(actor: Principal | SystemActor, bodyId: string): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (await this.councils.may(actor, 'council.vote', bodyId)) return true;
    return this.councils.may(actor, 'body.manage', bodyId);
  }

  private async bodyKind(bodyId: string): Promise<string | null> {
    return (await this.councils.federation()).bodies.find((b) => b.id === bodyId)?.kind ?? null;
  }

  /**
   * A draft plan for `period` before `bodyId` (the national assembly), its consumption targets
   * summed from every supply committee's entitlements, and a solve of them started.
   *
   * @example const plan = await planning.plans.draftFromEntitlements(delegate, { bodyId: nationId, period: '1972-Q4' });
   */
  async draftFromEntitlements(
    actor: Principal | SystemActor,
    input: { bodyId: string; period: string; title?: string },
    meta?: CommandMeta,
  ): Promise<PlanView> {
    if (!(await this.mayDecide(actor, input.bodyId))) throw new AppError('forbidden');
    const period = planPeriodOrThrow(input.period, 'body.period');
    if ((await this.bodyKind(input.bodyId)) !== 'national-assembly')
      throw invalid('body.bodyId', {
        en: 'plans are decided by the national assembly',
        es: 'los planes los decide la asamblea nacional',
      });
    const { consumption, unmapped } = await this.consumptionTargets(period);
    let solveId: string | null = null;
    const planId = await this.audit.runCommand(metaFor(actor, meta), async (c) => {
      const db = planningDb(c.trx);
      const id = newId();
      await store.insertPlan(db, {
        id,
        body_id: input.bodyId,
        period: period.text,
        title: input.title ?? `Plan ${period.text}`,
        status: 'draft',
        motion_id: null,
        unmapped_goods: JSON.stringify(unmapped),
        solve_id: null,
        error: null,
        created_at: c.now,
        adopted_at: null,
      });
      await store.upsertTargets(
        db,
        [...consumption].map(([productId, quantity]) => ({
          plan_id: id,
          product_id: productId,
          kind: 'consumption',
          quantity,
          body_id: null,
          updated_at: c.now,
        })),
      );
      solveId = await this.insertSolve(c, id, targetsFromRows(await store.targetsOf(db, id)), false);
      await store.updatePlan(db, id, { solve_id: solveId });
      c.record({
        action: 'planning.plan-drafted',
        subjectType: 'plan',
        subjectId: id,
        payload: { period: period.text, products: consumption.size, unmappedGoods: unmapped.length },
      });
      return id;
    });
    if (solveId) this.launch(solveId);
    return this.get(planId);
  }

  /** Consumption per product from every supply committee's entitlements over the period's months. */
  private async consumptionTargets(
    period: PlanPeriod,
  ): Promise<{ consumption: Map<string, number>; unmapped: UnmappedGood[] }> {
    const committees = (await this.councils.federation()).bodies.filter((b) => b.kind === 'supply-committee');
    const products = await this.production.register.listProducts();
    const byCode = new Map(products.map((p) => [p.code.toLowerCase(), p]));
    const exact = new Map<string, number>();
    const unmapped = new Map<string, UnmappedGood>();
    for (const committee of committees)
      for (const month of period.months)
        for (const g of await this.supply.entitlements.committeeTotals(committee.id, month)) {
          const product = byCode.get(g.code.toLowerCase());
          const factor = product ? goodToProductFactor(g.unit, product.unit) : null;
          if (!product || factor === null) {
            const u = unmapped.get(g.code) ?? { code: g.code, name: g.name, unit: g.unit, units: 0 };
            unmapped.set(g.code, { ...u, units: u.units + g.units });
            continue;
          }
          exact.set(product.id, (exact.get(product.id) ?? 0) + g.units * factor);
        }
    // whole units of the product, rounded up: a household's due is never planned away
    const consumption = new Map([...exact].map(([id, q]) => [id, Math.ceil(q - 1e-9)]));
    return { consumption, unmapped: [...unmapped.values()].sort((a, b) => a.code.localeCompare(b.code)) };
  }

  /**
   * Investment or reserve targets entered by a council (`bodyId`: the national assembly or a
   * regional council, whose delegate or officer the principal is), while the plan is a draft.
   * Each replaces the target of the same product and kind; the draft is solved again.
   */
  async setTargets(
    actor: Principal | SystemActor,
    planId: string,
    input: { bodyId: string; items: readonly TargetChange[] },
    meta?: CommandMeta,
  ): Promise<PlanView> {
    const kind = await this.bodyKind(input.bodyId);
    if (!(await this.mayDecide(actor, input.bodyId))) throw new AppError('forbidden');
    if (kind !== 'national-assembly' && kind !== 'regional-council')
      throw invalid('body.bodyId', {
        en: 'targets are entered by the national assembly or a regional council',
        es: 'las metas las ingresa la asamblea nacional o un consejo regional',
      });
    await this.checkChanges('body.items', input.items, COUNCIL_TARGET_KINDS);
    let solveId: string | null = null;
    await this.audit.runCommand(metaFor(actor, meta), async (c) => {
      const db = planningDb(c.trx);
      const plan = await store.findPlan(db, planId);
      if (!plan) throw new AppError('not-found', planField);
      if (plan.status !== 'draft') throw wrongStatus(plan.status, 'draft');
      await store.upsertTargets(
        db,
        input.items.map((i) => ({
          plan_id: planId,
          product_id: i.productId,
          kind: i.kind,
          quantity: i.quantity,
          body_id: input.bodyId,
          updated_at: c.now,
        })),
      );
      solveId = await this.insertSolve(c, planId, targetsFromRows(await store.targetsOf(db, planId)), false);
      await store.updatePlan(db, planId, { solve_id: solveId });
      c.record({
        action: 'planning.targets-set',
        subjectType: 'plan',
        subjectId: planId,
        payload: { bodyId: input.bodyId, items: input.items },
      });
    });
    if (solveId) this.launch(solveId);
    return this.get(planId);
  }

  private async checkChanges(
    field: string,
    items: readonly TargetChange[],
    kinds: readonly string[],
  ): Promise<void> {
    if (items.length === 0)
      throw invalid(field, { en: 'name at least one target', es: 'indique al menos una meta' });
    const known = new Set((await this.production.register.listProducts()).map((p) => p.id));
    for (const [i, item] of items.entries()) {
      if (!kinds.includes(item.kind))
        throw invalid(`${field}.${i}.kind`, {
          en: `must be one of ${kinds.join(', ')}`,
          es: `debe ser uno de ${kinds.join(', ')}`,
        });
      if (!Number.isSafeInteger(item.quantity) || item.quantity < 0)
        throw invalid(`${field}.${i}.quantity`, {
          en: 'must be a whole number ≥ 0 of the product unit',
          es: 'debe ser un entero ≥ 0 en la unidad del producto',
        });
      if (!known.has(item.productId))
        throw new AppError('not-found', {
          field: `${field}.${i}.productId`,
          params: { field: `product ${item.productId}` },
        });
    }
  }

  /** Puts the draft before its assembly as a motion (a delegate of the assembly proposes it). */
  async propose(principal: Principal, planId: string, meta?: CommandMeta): Promise<PlanView> {
    const plan = await store.findPlan(this.db, planId);
    if (!plan) throw new AppError('not-found', planField);
    // a request retried with an Idempotency-Key after it went through finds the plan proposed
    if (plan.status !== 'draft' && meta?.commandId && plan.motion_id) return this.get(planId);
    if (plan.status !== 'draft') throw wrongStatus(plan.status, 'draft');
    const { motionId } = await this.councils.motions.propose(
      principal,
      plan.body_id,
      { title: plan.title, text: await this.motionText(plan) },
      meta?.commandId ? { ...meta, commandId: `${meta.commandId}/motion` } : meta,
    );
    await this.audit.runCommand(metaFor(principal, meta), async (c) => {
      const db = planningDb(c.trx);
      if (
        !(await store.movePlanStatus(db, planId, 'draft', { status: 'before-assembly', motion_id: motionId }))
      )
        throw wrongStatus((await store.findPlan(db, planId))?.status ?? 'unknown', 'draft');
      c.record({
        action: 'planning.plan-proposed',
        subjectType: 'plan',
        subjectId: planId,
        scopeBodyId: plan.body_id,
        payload: { motionId },
      });
    });
    return this.get(planId);
  }

  private async motionText(plan: PlanningTables['plans']): Promise<string> {
    const products = new Map((await this.production.register.listProducts()).map((p) => [p.id, p]));
    const lines = targetsOf(await store.targetsOf(this.db, plan.id)).map((t) => {
      const p = products.get(t.productId);
      return `- ${p?.name ?? t.productId}: ${t.consumption + t.investment + t.reserves} ${p?.unit ?? ''} (consumo ${t.consumption}, inversión ${t.investment}, reservas ${t.reserves})`;
    });
    return [`Metas de demanda final del plan ${plan.period}:`, ...lines].join('\n');
  }

  /** The motion with the principal's eyes, or a 403. */
  private motionOf(principal: Principal, motionId: string): Promise<MotionView> {
    return this.councils.motions.motion(principal, motionId);
  }

  /**
   * Proposes an amendment to the targets (a delegate of the assembly): an amendment motion whose
   * text states the changes, and a solve of the current targets with the changes applied. Its
   * consequences (Δ labour hours, θ, new and removed bottlenecks) appear once solved.
   */
  async amend(
    principal: Principal,
    planId: string,
    input: { changes: readonly TargetChange[]; title?: string },
    meta?: CommandMeta,
  ): Promise<AmendmentView> {
    const plan = await store.findPlan(this.db, planId);
    if (!plan) throw new AppError('not-found', planField);
    if (plan.status !== 'before-assembly' || !plan.motion_id)
      throw wrongStatus(plan.status, 'before-assembly');
    await this.councils.assertMay(principal, 'council.vote', plan.body_id);
    await this.checkChanges('body.changes', input.changes, TARGET_KINDS);
    const current = await this.currentTargets(principal, plan);
    const products = new Map((await this.production.register.listProducts()).map((p) => [p.id, p]));
    const text = input.changes
      .map((ch) => {
        const p = products.get(ch.productId);
        return `- ${p?.name ?? ch.productId}, ${ch.kind}: ${current[ch.productId]?.[ch.kind] ?? 0} → ${ch.quantity} ${p?.unit ?? ''}`;
      })
      .join('\n');
    const { motionId } = await this.councils.motions.amend(
      principal,
      plan.motion_id,
      { ...(input.title ? { title: input.title } : {}), text },
      meta?.commandId ? { ...meta, commandId: `${meta.commandId}/motion` } : meta,
    );
    let solveId = '';
    const amendmentId = await this.audit.runCommand(metaFor(principal, meta), async (c) => {
      const id = newId();
      solveId = await this.insertSolve(c, planId, applyChanges(current, input.changes), false);
      await store.insertAmendment(planningDb(c.trx), {
        id,
        plan_id: planId,
        motion_id: motionId,
        changes: JSON.stringify(input.changes),
        solve_id: solveId,
        base_solve_id: plan.solve_id,
        created_at: c.now,
      });
      c.record({
        action: 'planning.amendment-proposed',
        subjectType: 'plan',
        subjectId: planId,
        payload: { amendmentId: id, motionId, changes: input.changes },
      });
      return id;
    });
    // empty when the command id was seen before: the first call started the solve
    if (solveId) this.launch(solveId);
    const view = (await this.get(planId)).amendments.find((a) => a.id === amendmentId);
    if (!view) throw new Error(`amendment ${amendmentId} vanished`);
    return view;
  }

  /** The plan's targets with the amendments the assembly adopted so far applied, in order. */
  private async currentTargets(principal: Principal, plan: PlanningTables['plans']): Promise<TargetMap> {
    let targets = targetsFromRows(await store.targetsOf(this.db, plan.id));
    if (!plan.motion_id) return targets;
    const motion = await this.motionOf(principal, plan.motion_id);
    const adopted = new Set(
      motion.amendments.filter((a) => a.outcome?.status === 'adopted').map((a) => a.id),
    );
    for (const a of await store.amendmentsOf(this.db, plan.id))
      if (adopted.has(a.motion_id)) targets = applyChanges(targets, JSON.parse(a.changes) as TargetChange[]);
    return targets;
  }

  /**
   * After the assembly decided the plan's motion: a rejected motion marks the plan rejected; an
   * adopted one starts the solve of the targets with the adopted amendments, and when it ends the
   * plan is adopted and its quotas issued in one command (`planning.plan-adopted`). Returns the
   * plan in status `adopting` (or `rejected`). Delegates or officers of the assembly. With an
   * Idempotency-Key, a plan already decided is answered as it stands (a retry after success).
   *
   * @example await planning.plans.adopt(chair, planId); await planning.plans.idle();
   */
  async adopt(principal: Principal, planId: string, meta?: CommandMeta): Promise<PlanView> {
    const plan = await store.findPlan(this.db, planId);
    if (!plan) throw new AppError('not-found', planField);
    if (!(await this.mayDecide(principal, plan.body_id))) throw new AppError('forbidden');
    // a request retried with an Idempotency-Key after it went through finds the plan decided
    if (meta?.commandId && ['adopting', 'adopted', 'rejected'].includes(plan.status)) return this.get(planId);
    if (plan.status !== 'before-assembly' || !plan.motion_id)
      throw wrongStatus(plan.status, 'before-assembly');
    const motion = await this.motionOf(principal, plan.motion_id);
    if (motion.status !== 'closed' || !motion.outcome)
      throw new AppError('plan-motion-undecided', { field: 'params.id', params: { field: 'plan' } });
    const adopted = motion.outcome.status === 'adopted';
    const targets = adopted ? await this.currentTargets(principal, plan) : null;
    let solveId: string | null = null;
    await this.audit.runCommand(metaFor(principal, meta), async (c) => {
      const db = planningDb(c.trx);
      if (!targets) {
        if (!(await store.movePlanStatus(db, planId, 'before-assembly', { status: 'rejected' })))
          throw wrongStatus((await store.findPlan(db, planId))?.status ?? 'unknown', 'before-assembly');
        c.record({ action: 'planning.plan-rejected', subjectType: 'plan', subjectId: planId, payload: {} });
        return;
      }
      const id = await this.insertSolve(c, planId, targets, true);
      if (
        !(await store.movePlanStatus(db, planId, 'before-assembly', {
          status: 'adopting',
          solve_id: id,
          error: null,
        }))
      )
        throw wrongStatus((await store.findPlan(db, planId))?.status ?? 'unknown', 'before-assembly');
      solveId = id;
      c.record({
        action: 'planning.adoption-started',
        subjectType: 'plan',
        subjectId: planId,
        payload: { motionId: plan.motion_id, solveId: id },
      });
    });
    if (solveId) this.launch(solveId);
    return this.get(planId);
  }

  /** A plan with its targets, solves, amendments (with consequences) and quotas; 404 when unknown. */
  async get(planId: string): Promise<PlanView> {
    const db = this.db;
    const plan = await store.findPlan(db, planId);
    if (!plan) throw new AppError('not-found', planField);
    const [targets, amendments, quotas] = await Promise.all([
      store.targetsOf(db, planId),
      store.amendmentsOf(db, planId),
      store.quotasOf(db, planId),
    ]);
    const solveIds = new Set<string>();
    if (plan.solve_id) solveIds.add(plan.solve_id);
    for (const a of amendments) {
      solveIds.add(a.solve_id);
      if (a.base_solve_id) solveIds.add(a.base_solve_id);
    }
    const solves = new Map(
      (await store.solvesByIds(db, [...solveIds])).map((s) => [
        s.id,
        solveView(s, this.progress.get(s.id) ?? null),
      ]),
    );
    return {
      id: plan.id,
      bodyId: plan.body_id,
      period: plan.period,
      title: plan.title,
      status: plan.status as PlanStatus,
      motionId: plan.motion_id,
      targets: targetsOf(targets),
      unmappedGoods: JSON.parse(plan.unmapped_goods) as UnmappedGood[],
      solve: plan.solve_id ? (solves.get(plan.solve_id) ?? null) : null,
      amendments: amendments.map((a) => {
        const solve = solves.get(a.solve_id)!;
        const base = a.base_solve_id ? solves.get(a.base_solve_id) : undefined;
        return {
          id: a.id,
          motionId: a.motion_id,
          changes: JSON.parse(a.changes) as TargetChange[],
          solve,
          consequences: solve.outcome && base?.outcome ? consequencesOf(base.outcome, solve.outcome) : null,
          createdAt: a.created_at,
        };
      }),
      quotas: quotas.map((q) => ({
        workplaceId: q.workplace_id,
        productId: q.product_id,
        quantity: q.quantity,
        capacity: q.capacity,
      })),
      error: plan.error,
      createdAt: plan.created_at,
      adoptedAt: plan.adopted_at,
    };
  }

  /** Plans, newest first (at most 200), optionally of one period. */
  async list(period?: string): Promise<PlanHead[]> {
    return (await store.listPlans(this.db, period)).map((p) => ({
      id: p.id,
      bodyId: p.body_id,
      period: p.period,
      title: p.title,
      status: p.status as PlanStatus,
      motionId: p.motion_id,
      error: p.error,
      createdAt: p.created_at,
      adoptedAt: p.adopted_at,
    }));
  }

  /** A solve job with its progress; 404 when unknown. */
  async solve(solveId: string): Promise<SolveView> {
    const row = await store.findSolve(this.db, solveId);
    if (!row) throw new AppError('not-found', { field: 'params.id', params: { field: 'solve' } });
    return solveView(row, this.progress.get(row.id) ?? null);
  }

  /** A workplace's quotas in adopted plans, newest period first. */
  async quotasOfWorkplace(workplaceId: string): Promise<WorkplaceQuotaView[]> {
    return (await store.quotasOfWorkplace(this.db, workplaceId)).map((q) => ({
      planId: q.plan_id,
      period: q.period,
      title: q.title,
      productId: q.product_id,
      quantity: q.quantity,
      capacity: q.capacity,
    }));
  }

  /**
   * Fulfilment of an adopted plan: the output reports of the period against the quotas, per
   * workplace, per cordón (the council above the workplace's assembly) and per product.
   *
   * @example const f = await planning.plans.fulfilment(planId); f.products[0].reported / f.products[0].quota
   */
  async fulfilment(planId: string): Promise<FulfilmentView> {
    const plan = await store.findPlan(this.db, planId);
    if (!plan) throw new AppError('not-found', planField);
    const period = planPeriodOrThrow(plan.period, 'params.id');
    const [quotas, totals, workplaces, federation] = await Promise.all([
      store.quotasOf(this.db, planId),
      this.production.reports.outputTotals(period.from, period.to),
      this.production.register.listWorkplaces(),
      this.councils.federation(),
    ]);
    const reported = new Map(totals.map((t) => [`${t.workplaceId}/${t.productId}`, t.total]));
    const workplaceById = new Map(workplaces.map((w) => [w.id, w]));
    const bodyName = new Map(federation.bodies.map((b) => [b.id, b.name]));
    const cordonOf = new Map<string, string | null>();
    for (const q of quotas) {
      if (cordonOf.has(q.workplace_id)) continue;
      const w = workplaceById.get(q.workplace_id);
      cordonOf.set(q.workplace_id, w ? await this.councils.councilAbove(w.bodyId) : null);
    }
    const rows = quotas.map((q) => ({
      workplaceId: q.workplace_id,
      name: workplaceById.get(q.workplace_id)?.name ?? q.workplace_id,
      cordonId: cordonOf.get(q.workplace_id) ?? null,
      productId: q.product_id,
      quota: q.quantity,
      reported: reported.get(`${q.workplace_id}/${q.product_id}`) ?? 0,
    }));
    const sum = <K extends string>(keyOf: (r: (typeof rows)[number]) => K) => {
      const out = new Map<K, { quota: number; reported: number; first: (typeof rows)[number] }>();
      for (const r of rows) {
        const s = out.get(keyOf(r)) ?? { quota: 0, reported: 0, first: r };
        s.quota += r.quota;
        s.reported += r.reported;
        out.set(keyOf(r), s);
      }
      return [...out.values()];
    };
    const start = Date.parse(`${period.from}T00:00:00Z`);
    const end = Date.parse(`${period.to}T00:00:00Z`) + DAY_MS;
    return {
      planId,
      period: plan.period,
      from: period.from,
      to: period.to,
      elapsed: Math.min(1, Math.max(0, (this.clock.now() - start) / (end - start))),
      workplaces: rows,
      cordones: sum((r) => `${r.cordonId}/${r.productId}`).map((s) => ({
        cordonId: s.first.cordonId,
        name: s.first.cordonId ? (bodyName.get(s.first.cordonId) ?? s.first.cordonId) : '—',
        productId: s.first.productId,
        quota: s.quota,
        reported: s.reported,
      })),
      products: sum((r) => r.productId).map((s) => ({
        productId: s.first.productId,
        quota: s.quota,
        reported: s.reported,
      })),
    };
  }

  /** Resolves when every background solve has ended (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /**
   * Fails every solve still `solving` that no live process runs (the process that started it
   * stopped, and its lease went with it; another instance still solving keeps its solves); a plan left `adopting` goes back before the assembly with the reason. Returns how
   * many. Call once when the server listens.
   */
  async recoverInterrupted(): Promise<number> {
    const stuck: string[] = [];
    for (const s of await store.solvesInProgress(this.db))
      if (!this.running.has(s.id) && (await this.leases.isFree(solveLease(s.id)))) stuck.push(s.id);
    for (const id of stuck) await this.finish(id, null, 'interrupted: the server stopped while solving', 0);
    return stuck.length;
  }

  private async insertSolve(
    c: CommandScope,
    planId: string,
    targets: TargetMap,
    adopt: boolean,
  ): Promise<string> {
    const id = newId();
    await store.insertSolve(planningDb(c.trx), {
      id,
      plan_id: planId,
      status: 'solving',
      targets: JSON.stringify(targets),
      result: null,
      error: null,
      adopt_on_finish: adopt ? 1 : 0,
      solve_ms: null,
      started_at: c.now,
      finished_at: null,
    });
    return id;
  }

  /** Starts the background solve of a committed `solving` row (once per process). */
  private launch(solveId: string): void {
    if (this.running.has(solveId)) return;
    this.progress.set(solveId, { phase: 'assembling', fraction: 0 });
    const lease = solveLease(solveId);
    // The lease tells other instances this solve is alive. It is taken just after the solve's row
    // commits: an instance starting up within those milliseconds could still take it for
    // interrupted. Taking it is best effort; the solve runs either way.
    const job = this.leases
      .tryAcquire(lease)
      .catch(() => false)
      .then(() => this.run(solveId))
      // run() records its own failures; if even that write fails the database is gone
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(solveId);
        this.progress.delete(solveId);
      })
      .then(() => this.leases.release(lease))
      .catch(() => undefined);
    this.running.set(solveId, job);
  }

  private async economyOf(period: PlanPeriod): Promise<PlanEconomy> {
    const register = this.production.register;
    const products = (await register.listProducts()).map((p) => p.id).sort();
    // techniques are weighted by what the workplaces reported making in the 90 days before the period
    const start = Date.parse(`${period.from}T00:00:00Z`);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const reported = await this.production.reports.outputTotals(
      day(start - 90 * DAY_MS),
      day(start - DAY_MS),
    );
    return planEconomy(
      products,
      await register.planningRegister(),
      period,
      new Map(reported.map((r) => [`${r.workplaceId}/${r.productId}`, r.total])),
    );
  }

  private async run(solveId: string): Promise<void> {
    const began = Date.now();
    try {
      const row = await store.findSolve(this.db, solveId);
      const plan = row && (await store.findPlan(this.db, row.plan_id));
      if (!row || !plan) return;
      const economy = await this.economyOf(planPeriodOrThrow(plan.period, 'period'));
      const targets = JSON.parse(row.targets) as TargetMap;
      const n = economy.productIds.length;
      const demand = new Float64Array(n);
      economy.productIds.forEach((id, i) => {
        const t = targets[id];
        if (t) demand[i] = t.consumption + t.investment + t.reserves;
      });
      const problem: PlanProblem = {
        n,
        rows: economy.rows,
        cols: economy.cols,
        values: economy.values,
        demand,
        capacity: economy.capacity,
        labour: economy.labour,
      };
      const result = await this.solver(problem, (phase, fraction) =>
        this.progress.set(solveId, { phase, fraction }),
      );
      await this.finish(solveId, { result, economy, demand }, null, Date.now() - began);
    } catch (error) {
      await this.finish(
        solveId,
        null,
        error instanceof Error ? error.message : String(error),
        Date.now() - began,
      );
    }
  }

  /** Records a solve's end; when it adopts a plan, issues the quotas in the same command. */
  private async finish(
    solveId: string,
    done: { result: PlanSolveResult; economy: PlanEconomy; demand: Float64Array } | null,
    error: string | null,
    solveMs: number,
  ): Promise<void> {
    await this.audit.runCommand({ actor: { kind: 'system', name: 'planner' } }, async (c) => {
      const db = planningDb(c.trx);
      const outcome = done ? outcomeOf(done.result, done.economy, done.demand) : null;
      const ok = await store.finishSolve(db, solveId, {
        status: outcome ? 'solved' : 'failed',
        result: outcome ? JSON.stringify(outcome) : null,
        error: error?.slice(0, 500) ?? null,
        solve_ms: solveMs,
        finished_at: c.now,
      });
      if (!ok) return;
      const row = (await store.findSolve(db, solveId))!;
      c.record({
        action: 'planning.solve-finished',
        subjectType: 'plan',
        subjectId: row.plan_id,
        payload: { solveId, status: outcome?.status ?? 'failed' },
      });
      if (row.adopt_on_finish !== 1) return;
      const refusal = (reason: string) =>
        store.movePlanStatus(db, row.plan_id, 'adopting', {
          status: 'before-assembly',
          error: reason.slice(0, 500),
        });
      if (!done || !outcome || outcome.status !== 'planned' || done.result.status !== 'planned') {
        await refusal(
          error ??
            (outcome && outcome.status !== 'planned'
              ? `${outcome.status}: ${'reason' in outcome ? outcome.reason : outcome.message}`
              : 'no plan'),
        );
        return;
      }
      const { economy } = done;
      // quotas for products some workplace makes; the rest are made outside the register
      const outputs = Float64Array.from(done.result.x);
      const made = new Uint8Array(outputs.length);
      for (const m of economy.makers) made[m.product] = 1;
      for (let i = 0; i < outputs.length; i++) if (made[i] === 0) outputs[i] = 0;
      const split = disaggregateQuotas(
        outputs,
        economy.makers.map((m) => ({ product: m.product, capacity: m.capacity })),
      );
      if (split.status !== 'ok') {
        await refusal(
          split.status === 'over-capacity'
            ? `over capacity: ${economy.productIds[split.product]} needs ${split.required}, capacity ${split.capacity}`
            : split.message,
        );
        return;
      }
      const quotas = economy.makers
        .map((m, w) => ({
          plan_id: row.plan_id,
          workplace_id: m.workplaceId,
          product_id: economy.productIds[m.product]!,
          quantity: split.quotas[w]!,
          capacity: Math.floor(m.capacity),
        }))
        .filter((q) => q.quantity > 0);
      if (
        !(await store.movePlanStatus(db, row.plan_id, 'adopting', { status: 'adopted', adopted_at: c.now }))
      )
        return;
      await store.insertQuotas(db, quotas);
      c.record({
        action: 'planning.plan-adopted',
        subjectType: 'plan',
        subjectId: row.plan_id,
        payload: {
          solveId,
          theta: outcome.theta,
          labourHours: outcome.labourHours,
          quotas: quotas.length,
          units: quotas.reduce((s, q) => s + q.quantity, 0),
        },
      });
    });
  }
}

/** The rows of targets as one row per product. */
function targetsOf(rows: readonly PlanningTables['plan_targets'][]): TargetRow[] {
  return Object.entries(targetsFromRows(rows))
    .map(([productId, t]) => ({ productId, ...t }))
    .sort((a, b) => a.productId.localeCompare(b.productId));
}

/** The solver's result with products named. */
function outcomeOf(result: PlanSolveResult, economy: PlanEconomy, demand: Float64Array): PlanOutcome {
  const ids = economy.productIds;
  switch (result.status) {
    case 'planned':
      return {
        status: 'planned',
        theta: Number.isFinite(result.theta) ? result.theta : null,
        labourHours: result.labourHours,
        products: ids.map((productId, i) => ({
          productId,
          target: demand[i]!,
          level: result.levels[i]!,
          output: result.x[i]!,
          capacity: Number.isFinite(economy.capacity[i]!) ? economy.capacity[i]! : null,
          labourPerUnit: economy.labour[i]!,
        })),
        bottlenecks: result.bottlenecks.map((b) => ({
          productId: ids[b.product]!,
          level: b.level,
          shadowPrice: b.shadowPrice,
        })),
      };
    case 'non-productive':
      return {
        status: 'non-productive',
        productIds: result.products.map((i) => ids[i]!),
        reason: result.reason,
      };
    case 'not-converged':
      return result;
    case 'invalid-input':
      return { status: 'invalid-input', productId: ids[result.index] ?? null, message: result.message };
  }
}
