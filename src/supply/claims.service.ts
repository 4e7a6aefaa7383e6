import type { Kysely } from 'kysely';
import type { Actor, CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Tables } from '../db/tables.js';
import { actorOf, type Principal } from '../identity/principal.js';
import type { CardsService } from './cards.service.js';
import type { EntitlementsService } from './entitlements.service.js';
import { periodOrThrow } from './entitlements.service.js';
import {
  type EntitlementRule,
  type GoodDue,
  householdEntitlement,
  type MemberProfile,
} from './household-entitlement.js';
import { parsePeriod } from './period.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { type SupplyDb, supplyDb } from './supply-db.js';
import type { FlagView, HouseholdDue, PointView } from './supply-views.js';

/** A handover to record: who (by card or household id), what, where, and its idempotency key. */
export interface ClaimInput {
  /** Chosen by the point for this handover (8–200 characters); a retry with it is the same claim. */
  readonly key: string;
  readonly pointId: string;
  readonly goodId: string;
  readonly period: string;
  /** Units of the good handed over. */
  readonly quantity: number;
  /** The scanned ration card, or… */
  readonly card?: string;
  /** …the household found by search (officers and points may do either). */
  readonly householdId?: string;
  /** When the goods were handed over, for offline claims (ISO-8601 UTC); default now. */
  readonly claimedAt?: string;
}

/** A recorded claim. */
export interface ClaimView {
  readonly id: string;
  readonly householdId: string;
  readonly goodId: string;
  readonly period: string;
  readonly quantity: number;
  readonly pointId: string;
  readonly key: string;
  readonly source: string;
  readonly claimedAt: string;
}

/** Why a claim was refused. */
export type ClaimRefusal =
  /** The household already received this good for this period. */
  | { readonly status: 'already-claimed'; readonly claimId: string; readonly claimedAt: string }
  /** More than the household is due. */
  | { readonly status: 'beyond-entitlement'; readonly due: number; readonly asked: number }
  /** The card is not honoured: `verdict` is malformed, unknown-key, forged, wrong-period or expired. */
  | { readonly status: 'card-refused'; readonly verdict: string; readonly reason: string }
  /** No such household at this committee (or neither card nor household given). */
  | { readonly status: 'unknown-household' }
  /** The good is not in this committee's basket. */
  | { readonly status: 'unknown-good' }
  /** The point has fewer units than asked. */
  | { readonly status: 'out-of-stock'; readonly available: number }
  /** The idempotency key was used for a different handover. */
  | { readonly status: 'key-reused' };

/** The outcome of a claim. */
export type ClaimOutcome =
  /** Recorded now; the point's stock went down by the quantity. */
  | { readonly status: 'recorded'; readonly claim: ClaimView }
  /** The same key was recorded before (a retry): nothing changed. */
  | { readonly status: 'replayed'; readonly claim: ClaimView }
  | ClaimRefusal;

/** The outcome of one offline claim at sync. */
export type SyncItemOutcome =
  /** Applied now. */
  | { readonly key: string; readonly status: 'recorded'; readonly claimId: string }
  /** Applied before (a repeated sync). */
  | { readonly key: string; readonly status: 'replayed'; readonly claimId: string }
  /** Kept and flagged for the committee (a double claim, beyond entitlement, a refused card…). */
  | { readonly key: string; readonly status: 'flagged'; readonly flagId: string; readonly reason: string };

interface PendingClaim {
  readonly actor: Actor;
  readonly committeeId: string;
  readonly input: ClaimInput;
  /** From the verified card or the input; '' with a refusal. */
  readonly householdId: string;
  /** Decided before the group (a refused card, no household named). */
  readonly refusal: ClaimRefusal | null;
  resolve(outcome: ClaimOutcome): void;
  reject(err: unknown): void;
}

// Delivered units to basket units: `from>to` → factor.
const UNIT_FACTORS: Readonly<Record<string, number>> = Object.freeze({
  'kg>g': 1000,
  't>g': 1_000_000,
  'L>mL': 1000,
});

// Claims decided in one transaction at most: bounds the transaction's time and its IN lists.
const GROUP_LIMIT = 400;

function ruleOfRow(r: SupplyTables['supply_rules']): EntitlementRule {
  return { goodId: r.good_id, category: r.category, quantity: r.quantity, per: r.per, priority: r.priority };
}

// Times a group is decided again after another process recorded some of its claims first;
// after that, each refused claim is settled by itself (see decideAndWrite).
const GROUP_RETRIES = 3;

/** Thrown inside a group's transaction to roll it back and decide the group again. */
class GroupRaced extends Error {}

class Refused extends Error {
  constructor(readonly refusal: ClaimRefusal) {
    super(refusal.status);
  }
}

function claimView(c: SupplyTables['supply_claims']): ClaimView {
  return {
    id: c.id,
    householdId: c.household_id,
    goodId: c.good_id,
    period: c.period,
    quantity: Number(c.quantity),
    pointId: c.point_id,
    key: c.idempotency_key,
    source: c.source,
    claimedAt: c.claimed_at,
  };
}

function flagView(f: SupplyTables['supply_claim_flags']): FlagView {
  return {
    id: f.id,
    reason: f.reason,
    detail: f.detail,
    householdId: f.household_id,
    goodId: f.good_id,
    period: f.period,
    quantity: Number(f.quantity),
    pointId: f.point_id,
    key: f.idempotency_key,
    firstClaimId: f.first_claim_id,
    claimedAt: f.claimed_at,
    syncedAt: f.synced_at,
    status: f.status,
  };
}

function sameHandover(c: SupplyTables['supply_claims'], householdId: string, input: ClaimInput): boolean {
  return (
    c.household_id === householdId &&
    c.good_id === input.goodId &&
    c.period === input.period &&
    Number(c.quantity) === input.quantity
  );
}

/**
 * Claims at distribution points, exactly once per household, good and period (a unique constraint
 * plus an idempotency key per claim), decrementing the point's stock in the same transaction;
 * offline batches synced later, with doubles kept and flagged; points and their stock.
 */
export class ClaimsService {
  constructor(
    private readonly ctx: SupplyContext,
    private readonly entitlements: EntitlementsService,
    private readonly cards: CardsService,
  ) {}

  /** Opens a distribution point of the committee; its officers may. */
  async addPoint(
    principal: Principal,
    committeeId: string,
    name: string,
    meta?: CommandMeta,
  ): Promise<PointView> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const row = { id: newId(), committee_id: committeeId, name, created_at: c.now };
      await store.insertPoint(supplyDb(c.trx), row);
      c.record({
        action: 'supply.point-opened',
        subjectType: 'point',
        subjectId: row.id,
        scopeBodyId: committeeId,
        payload: { name },
      });
      return { id: row.id, committeeId, name, stock: [] };
    });
  }

  private async point(
    principal: Principal,
    pointId: string,
    action: 'body.manage' | 'body.claim',
  ): Promise<SupplyTables['supply_points']> {
    const point = await this.ctx.point(this.ctx.db, pointId);
    // An unknown point and another committee's answer alike.
    if (!point) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, action, point.committee_id);
    return point;
  }

  /** Adds units of a good received at a point (or removes, with a negative number); officers may. */
  async receiveStock(
    principal: Principal,
    pointId: string,
    goodId: string,
    units: number,
    meta?: CommandMeta,
  ): Promise<PointView> {
    const point = await this.point(principal, pointId, 'body.manage');
    const good = await this.ctx.good(this.ctx.db, goodId);
    if (!good || good.committee_id !== point.committee_id)
      throw new AppError('not-found', { field: 'body.goodId', params: { field: 'body.goodId' } });
    await this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      await store.addStock(supplyDb(c.trx), pointId, goodId, units, c.now);
      c.record({
        action: 'supply.stock-received',
        subjectType: 'point',
        subjectId: pointId,
        scopeBodyId: point.committee_id,
        payload: { goodId, units },
      });
    });
    return this.viewOf(point);
  }

  /**
   * Raises a distribution point's stock with goods a shipment delivered, inside the caller's
   * transaction (for logistics' `onDelivered`; the caller records the delivery in the audit log).
   * Goods are matched by code in the point's committee basket, and kg, L and t are converted to
   * the basket's g and mL. Lines that cannot be placed (unknown point, good or unit) come back in
   * `skipped`, nothing else changes for them.
   *
   * @example createLogisticsArea(…, { onDelivered: (d, db) => supply.claims.stockDeliveredIn(db, { pointId: d.supplyPointId, goods: d.goods, at: d.deliveredAt }).then(() => {}) })
   */
  async stockDeliveredIn<DB extends Tables>(
    db: Kysely<DB>,
    input: {
      pointId: string | null;
      goods: readonly { good: string; quantity: number; unit: string }[];
      at: string;
    },
  ): Promise<{ placed: number; skipped: { good: string; reason: string }[] }> {
    const sdb = supplyDb(db as unknown as Kysely<Tables>);
    const point = input.pointId === null ? undefined : await this.ctx.point(sdb, input.pointId);
    if (!point)
      return {
        placed: 0,
        skipped: input.goods.map((g) => ({ good: g.good, reason: 'not a distribution point' })),
      };
    const basket = new Map((await store.goodsOf(sdb, point.committee_id)).map((g) => [g.code, g]));
    const skipped: { good: string; reason: string }[] = [];
    let placed = 0;
    for (const line of input.goods) {
      const good = basket.get(line.good);
      if (!good) {
        skipped.push({ good: line.good, reason: 'not in the committee basket' });
        continue;
      }
      const factor = UNIT_FACTORS[`${line.unit}>${good.unit}`] ?? (line.unit === good.unit ? 1 : null);
      if (factor === null) {
        skipped.push({ good: line.good, reason: `cannot convert ${line.unit} to ${good.unit}` });
        continue;
      }
      await store.addStock(sdb, point.id, good.id, Math.round(line.quantity * factor), input.at);
      placed++;
    }
    return { placed, skipped };
  }

  /** A point with its stock; the committee's officers and claim tokens may. */
  async stock(principal: Principal, pointId: string): Promise<PointView> {
    return this.viewOf(await this.point(principal, pointId, 'body.claim'));
  }

  /**
   * What a household found by search is due in a period, good by good, and what it already
   * received: the point shows it and hands over by household id. The officers and claim tokens of
   * the household's committee may; an unknown household answers 403 like another committee's.
   */
  async dueOfHousehold(principal: Principal, householdId: string, periodText: string): Promise<HouseholdDue> {
    const period = periodOrThrow(periodText, 'querystring.period');
    const household = await store.findHousehold(this.ctx.db, householdId);
    if (!household || !(await this.ctx.councils.may(principal, 'body.claim', household.committee_id)))
      throw new AppError('forbidden');
    const db = this.ctx.db;
    const basket = await this.entitlements.basketOf(db, household.committee_id);
    const claimed = new Map(
      (await store.claimsOfHouseholds(db, [householdId], [period.text])).map((c) => [c.good_id, c]),
    );
    const goods: HouseholdDue['goods'][number][] = [];
    for (const good of basket.goods) {
      const quantity = await this.entitlements.dueOf(
        db,
        household.committee_id,
        householdId,
        good.id,
        period,
      );
      const claim = claimed.get(good.id);
      goods.push({
        goodId: good.id,
        quantity,
        claimed: claim ? { quantity: Number(claim.quantity), claimedAt: claim.claimed_at } : null,
      });
    }
    return { householdId, committeeId: household.committee_id, period: period.text, goods };
  }

  /** The committee's points with their stock; its members, officers and claim tokens may. */
  async points(principal: Principal, committeeId: string): Promise<PointView[]> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    return Promise.all((await store.pointsOf(this.ctx.db, committeeId)).map((p) => this.viewOf(p)));
  }

  private async viewOf(point: SupplyTables['supply_points']): Promise<PointView> {
    const stock = await store.stockOf(this.ctx.db, point.id);
    return {
      id: point.id,
      committeeId: point.committee_id,
      name: point.name,
      stock: stock.map((s) => ({ goodId: s.good_id, quantity: Number(s.quantity) })),
    };
  }

  /** Resolves the household of a claim: from the card (verified) or the id given. */
  private async householdOf(
    db: SupplyDb,
    committeeId: string,
    input: ClaimInput,
    nowMs: number,
  ): Promise<string> {
    let householdId = input.householdId;
    if (input.card !== undefined) {
      const verdict = await this.cards.verify(db, input.card, committeeId, input.period, nowMs);
      if (verdict.status !== 'valid')
        throw new Refused({ status: 'card-refused', verdict: verdict.status, reason: verdict.reason });
      if (householdId !== undefined && householdId !== verdict.card.householdId)
        throw new Refused({ status: 'unknown-household' });
      householdId = verdict.card.householdId;
    }
    if (householdId === undefined) throw new Refused({ status: 'unknown-household' });
    const household = await store.findHousehold(db, householdId);
    if (!household || household.committee_id !== committeeId)
      throw new Refused({ status: 'unknown-household' });
    return householdId;
  }

  /**
   * Records a handover exactly once: the point's officers or a token with `supply:claim` for the
   * committee may. A retry with the same key is `replayed`; a second claim of the household for the
   * good and period, a quantity beyond what it is due, a refused card, an unknown household or an
   * empty stock are refusals — nothing changes but the attempt, which is recorded in the audit log.
   *
   * Claims arriving together are decided and written in one transaction (group commit: one audit
   * append, a handful of queries for the whole group), in arrival order; the unique constraints
   * still decide any race with another process.
   */
  async claim(principal: Principal, committeeId: string, input: ClaimInput): Promise<ClaimOutcome> {
    await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    const point = await this.ctx.point(this.ctx.db, input.pointId);
    if (!point || point.committee_id !== committeeId) throw new AppError('forbidden');
    periodOrThrow(input.period, 'body.period');
    let householdId = input.householdId ?? null;
    let refusal: ClaimRefusal | null = null;
    if (input.card !== undefined) {
      // Signature checks are CPU work: done here, outside the group's transaction.
      const verdict = await this.cards.verify(
        this.ctx.db,
        input.card,
        committeeId,
        input.period,
        this.ctx.clock.now(),
      );
      if (verdict.status !== 'valid')
        refusal = { status: 'card-refused', verdict: verdict.status, reason: verdict.reason };
      else if (householdId !== null && householdId !== verdict.card.householdId)
        refusal = { status: 'unknown-household' };
      else householdId = verdict.card.householdId;
    }
    if (householdId === null && refusal === null) refusal = { status: 'unknown-household' };
    return new Promise<ClaimOutcome>((resolve, reject) => {
      this.queue.push({
        actor: actorOf(principal),
        committeeId,
        input,
        householdId: householdId ?? '',
        refusal,
        resolve,
        reject,
      });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private readonly queue: PendingClaim[] = [];
  private draining = false;

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const taken = this.queue.splice(0, GROUP_LIMIT);
      const groups = new Map<string, PendingClaim[]>();
      for (const p of taken) {
        const actorKey =
          p.actor.kind === 'system'
            ? `system:${p.actor.name}`
            : `${p.actor.kind}:${p.actor.kind === 'token' ? p.actor.tokenId : p.actor.personId}`;
        const key = `${actorKey}|${p.committeeId}`;
        const list = groups.get(key) ?? [];
        list.push(p);
        groups.set(key, list);
      }
      for (const group of groups.values()) {
        try {
          const outcomes = await this.applyGroup(group);
          for (const [i, p] of group.entries()) p.resolve(outcomes[i]!);
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    }
    this.draining = false;
  }

  /**
   * Records handovers for the system (scenario loads, imports of paper records) through the same
   * path as online claims, in groups, without a permission check; returns each outcome.
   */
  async importClaims(
    committeeId: string,
    inputs: readonly ClaimInput[],
    actorName: string,
  ): Promise<ClaimOutcome[]> {
    const actor: Actor = { kind: 'system', name: actorName };
    const out: ClaimOutcome[] = [];
    for (let i = 0; i < inputs.length; i += GROUP_LIMIT) {
      const group = inputs.slice(i, i + GROUP_LIMIT).map(
        (input): PendingClaim => ({
          actor,
          committeeId,
          input,
          householdId: input.householdId ?? '',
          refusal: input.householdId === undefined ? { status: 'unknown-household' } : null,
          resolve: () => {},
          reject: () => {},
        }),
      );
      out.push(...(await this.applyGroup(group)));
    }
    return out;
  }

  /**
   * Decides and writes a group of online claims of one actor at one committee, in arrival order:
   * one statement reads everything the decisions need (and locks the stock), one writes the
   * accepted claims and lowers the stock, then the audit append — a handful of round trips on
   * PostgreSQL whatever the group's size.
   */
  private async applyGroup(group: readonly PendingClaim[], attempt = 0): Promise<ClaimOutcome[]> {
    try {
      return await this.decideAndWrite(group, attempt < GROUP_RETRIES);
    } catch (err) {
      if (!(err instanceof GroupRaced)) throw err;
      return this.applyGroup(group, attempt + 1);
    }
  }

  private async decideAndWrite(group: readonly PendingClaim[], mayRetry: boolean): Promise<ClaimOutcome[]> {
    const committeeId = group[0]!.committeeId;
    const kind = this.ctx.database.kind;
    return this.ctx.audit.runCommand({ actor: group[0]!.actor }, async (c) => {
      const db = supplyDb(c.trx);
      const live = group.filter((p) => p.refusal === null);
      const state = await store.claimGroupState(db, kind, {
        committeeId,
        householdIds: [...new Set(live.map((p) => p.householdId))],
        keys: live.map((p) => p.input.key),
        periods: [...new Set(live.map((p) => p.input.period))],
        pointIds: [...new Set(live.map((p) => p.input.pointId))],
        goodIds: [...new Set(live.map((p) => p.input.goodId))],
      });
      const households = new Map(state.households.map((h) => [h.id, h.committee_id]));
      const hgp = (h: string, g: string, p: string) => `${h}|${g}|${p}`;
      const byKey = new Map<string, SupplyTables['supply_claims']>();
      const taken = new Map<string, SupplyTables['supply_claims']>();
      for (const r of state.claims) {
        byKey.set(r.idempotency_key, r);
        taken.set(hgp(r.household_id, r.good_id, r.period), r);
      }
      const rules = state.ruleVersionId
        ? (await this.ctx.rulesOf(db, state.ruleVersionId)).map(ruleOfRow)
        : [];
      const members = new Map<string, MemberProfile[]>();
      for (const m of state.members) {
        const list = members.get(m.household_id) ?? [];
        list.push({ ageBand: m.age_band, needs: m.needs.split(' ').filter(Boolean) });
        members.set(m.household_id, list);
      }
      const confirmed = new Set(state.confirmed.map((d) => `${d.good_id}|${d.period}`));
      const allocated = new Map(
        state.allocations.map((a) => [hgp(a.household_id, a.good_id, a.period), a.units]),
      );
      const stockKey = (point: string, good: string) => `${point}|${good}`;
      const stock = new Map(state.stock.map((s) => [stockKey(s.point_id, s.good_id), Number(s.quantity)]));
      const entitlements = new Map<string, Map<string, GoodDue>>();
      const entitlementOf = (householdId: string, period: string) => {
        const k = `${householdId}|${period}`;
        let e = entitlements.get(k);
        if (!e) {
          const span = parsePeriod(period);
          e = span ? householdEntitlement(members.get(householdId) ?? [], rules, span) : new Map();
          entitlements.set(k, e);
        }
        return e;
      };

      const outcomes: ClaimOutcome[] = new Array(group.length);
      const accepted: { index: number; row: SupplyTables['supply_claims'] }[] = [];
      for (const [index, p] of group.entries()) {
        if (p.refusal !== null) {
          outcomes[index] = p.refusal;
          continue;
        }
        const { input, householdId } = p;
        if (households.get(householdId) !== committeeId) {
          outcomes[index] = { status: 'unknown-household' };
          continue;
        }
        const previous = byKey.get(input.key);
        if (previous) {
          outcomes[index] = sameHandover(previous, householdId, input)
            ? { status: 'replayed', claim: claimView(previous) }
            : { status: 'key-reused' };
          continue;
        }
        const good = await this.ctx.good(db, input.goodId);
        if (!good || good.committee_id !== committeeId) {
          outcomes[index] = { status: 'unknown-good' };
          continue;
        }
        const k = hgp(householdId, input.goodId, input.period);
        const first = taken.get(k);
        if (first) {
          outcomes[index] = { status: 'already-claimed', claimId: first.id, claimedAt: first.claimed_at };
          continue;
        }
        const due = confirmed.has(`${input.goodId}|${input.period}`)
          ? (allocated.get(k) ?? 0)
          : (entitlementOf(householdId, input.period).get(input.goodId)?.units ?? 0);
        if (input.quantity > due) {
          outcomes[index] = { status: 'beyond-entitlement', due, asked: input.quantity };
          continue;
        }
        const sk = stockKey(input.pointId, input.goodId);
        const available = stock.get(sk) ?? 0;
        if (available < input.quantity) {
          outcomes[index] = { status: 'out-of-stock', available };
          continue;
        }
        stock.set(sk, available - input.quantity);
        const row = {
          id: newId(),
          committee_id: committeeId,
          household_id: householdId,
          good_id: input.goodId,
          period: input.period,
          quantity: input.quantity,
          point_id: input.pointId,
          idempotency_key: input.key,
          source: 'online',
          claimed_at: input.claimedAt ?? c.now,
          recorded_at: c.now,
        };
        accepted.push({ index, row });
        byKey.set(input.key, row);
        taken.set(k, row);
      }

      const inserted = await store.recordClaims(
        db,
        kind,
        accepted.map((a) => a.row),
        c.now,
      );
      // Another process recorded some of these first (the unique constraints refused them): the
      // group's later decisions may rest on a claim that is not there (a retry of that process's
      // key answered already-claimed instead of replayed), so the whole group is decided again,
      // in a new transaction that sees the other process's claims.
      if (inserted.size < accepted.length && mayRetry) throw new GroupRaced();
      for (const { index, row } of accepted) {
        const p = group[index]!;
        if (!inserted.has(row.id)) {
          // Another process recorded the same key or the same household, good and period first.
          const sameKey = await store.claimByKey(db, row.idempotency_key);
          if (sameKey)
            outcomes[index] = sameHandover(sameKey, row.household_id, p.input)
              ? { status: 'replayed', claim: claimView(sameKey) }
              : { status: 'key-reused' };
          else {
            const first = await store.claimFor(db, row.household_id, row.good_id, row.period);
            outcomes[index] = {
              status: 'already-claimed',
              claimId: first?.id ?? '',
              claimedAt: first?.claimed_at ?? '',
            };
          }
          continue;
        }
        outcomes[index] = { status: 'recorded', claim: claimView(row) };
        c.record({
          action: 'supply.claim-recorded',
          subjectType: 'household',
          subjectId: row.household_id,
          scopeBodyId: committeeId,
          payload: {
            claimId: row.id,
            goodId: row.good_id,
            period: row.period,
            quantity: row.quantity,
            pointId: row.point_id,
          },
        });
      }
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === 'recorded' || outcome.status === 'replayed') continue;
        const input = group[index]!.input;
        c.record({
          action: 'supply.claim-refused',
          subjectType: 'point',
          subjectId: input.pointId,
          scopeBodyId: committeeId,
          payload: {
            reason: outcome.status,
            householdId: input.householdId ?? null,
            withCard: input.card !== undefined,
            goodId: input.goodId,
            period: input.period,
            quantity: input.quantity,
            key: input.key,
          },
        });
      }
      return outcomes;
    });
  }

  /**
   * Applies a batch of claims made offline at one point, each once (by its key): a claim that
   * cannot stand — the household already claimed the good for the period, beyond what it is due,
   * a card that does not verify, an unknown household or good — is kept and flagged for the
   * committee, never dropped. The goods left the point, so its stock goes down for every new
   * handover, flagged or not (it may go below zero). The point's officers or claim token may.
   */
  async sync(
    principal: Principal,
    committeeId: string,
    pointId: string,
    claims: readonly Omit<ClaimInput, 'pointId'>[],
  ): Promise<SyncItemOutcome[]> {
    await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    const point = await this.ctx.point(this.ctx.db, pointId);
    if (!point || point.committee_id !== committeeId) throw new AppError('forbidden');
    return this.applyOffline(metaOf(principal), committeeId, pointId, claims);
  }

  /**
   * `sync` for the system (scenario loads, imports of paper records): no permission check, the
   * batch recorded under a system actor. The point must belong to the committee.
   */
  async importOffline(
    committeeId: string,
    pointId: string,
    claims: readonly Omit<ClaimInput, 'pointId'>[],
    actorName: string,
  ): Promise<SyncItemOutcome[]> {
    const point = await this.ctx.point(this.ctx.db, pointId);
    if (!point || point.committee_id !== committeeId)
      throw new Error(`point ${pointId} is not of committee ${committeeId}`);
    return this.applyOffline({ actor: { kind: 'system', name: actorName } }, committeeId, pointId, claims);
  }

  /**
   * Records past handovers at one point in bulk for the system (the scenario's week of claims at
   * 300,000 households): each is checked against the household's entitlement for its period and
   * must not exceed the point's stock in sum, as the online path checks; the rows are written in
   * large statements, the stock lowered once per good, and ONE audit event records the counts
   * (an event per claim would put hundreds of thousands of links in the chain for a demo load).
   * A claim beyond entitlement, of another committee's household or a duplicate throws: the
   * caller is a loader, not a person at a point. Returns the number of claims recorded.
   */
  async importHistory(
    committeeId: string,
    pointId: string,
    claims: readonly (Omit<ClaimInput, 'pointId' | 'card' | 'householdId'> & {
      householdId: string;
      claimedAt: string;
    })[],
    actorName: string,
  ): Promise<number> {
    return this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const db = supplyDb(c.trx);
      const point = await this.ctx.point(db, pointId);
      if (!point || point.committee_id !== committeeId)
        throw new Error(`point ${pointId} is not of committee ${committeeId}`);
      const dues = new Map<string, { householdIds: string[]; dues: Map<string, GoodDue>[] }>();
      const dueOf = async (period: string) => {
        let d = dues.get(period);
        if (!d) {
          d = await this.entitlements.committeeEntitlements(db, committeeId, periodOrThrow(period, 'period'));
          dues.set(period, d);
        }
        return d;
      };
      const index = new Map<string, Map<string, number>>();
      for (const period of new Set(claims.map((cl) => cl.period))) {
        const d = await dueOf(period);
        const byHousehold = new Map<string, number>();
        for (const [i, h] of d.householdIds.entries()) byHousehold.set(h, i);
        index.set(period, byHousehold);
      }
      const used = new Map<string, number>();
      const rows: SupplyTables['supply_claims'][] = [];
      for (const cl of claims) {
        const d = dues.get(cl.period)!;
        const at = index.get(cl.period)!.get(cl.householdId);
        if (at === undefined)
          throw new Error(`household ${cl.householdId} is not of committee ${committeeId}`);
        const due = d.dues[at]!.get(cl.goodId)?.units ?? 0;
        if (!Number.isInteger(cl.quantity) || cl.quantity < 1 || cl.quantity > due)
          throw new Error(`claim ${cl.key}: ${cl.quantity} asked, ${due} due`);
        used.set(cl.goodId, (used.get(cl.goodId) ?? 0) + cl.quantity);
        rows.push({
          id: newId(),
          committee_id: committeeId,
          household_id: cl.householdId,
          good_id: cl.goodId,
          period: cl.period,
          quantity: cl.quantity,
          point_id: pointId,
          idempotency_key: cl.key,
          source: 'online',
          claimed_at: cl.claimedAt,
          recorded_at: c.now,
        });
      }
      for (const [goodId, units] of used)
        if (!(await store.takeStock(db, pointId, goodId, units, c.now)))
          throw new Error(`point ${pointId} holds less than ${units} of good ${goodId}`);
      await store.insertClaimsBulk(db, this.ctx.database.kind, rows);
      c.record({
        action: 'supply.claims-imported',
        subjectType: 'point',
        subjectId: pointId,
        scopeBodyId: committeeId,
        payload: { claims: rows.length, units: Object.fromEntries(used) },
      });
      return rows.length;
    });
  }

  /** Opens a point with its first stock for the system (scenario loads, imports). */
  async importPoint(
    committeeId: string,
    name: string,
    stock: readonly { goodId: string; units: number }[],
    actorName: string,
  ): Promise<string> {
    return this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const db = supplyDb(c.trx);
      const row = { id: newId(), committee_id: committeeId, name, created_at: c.now };
      await store.insertPoint(db, row);
      for (const s of stock) await store.addStock(db, row.id, s.goodId, s.units, c.now);
      c.record({
        action: 'supply.point-opened',
        subjectType: 'point',
        subjectId: row.id,
        scopeBodyId: committeeId,
        payload: { name, stock },
      });
      return row.id;
    });
  }

  private async applyOffline(
    meta: CommandMeta,
    committeeId: string,
    pointId: string,
    claims: readonly Omit<ClaimInput, 'pointId'>[],
  ): Promise<SyncItemOutcome[]> {
    return this.ctx.audit.runCommand(meta, async (c) => {
      const db = supplyDb(c.trx);
      // Lock order shared with online groups (stock rows, then claims, then the audit head), so a
      // sync and a group touching the same household cannot deadlock on PostgreSQL.
      const goodIds = [...new Set(claims.map((cl) => cl.goodId))];
      await store.stockRows(db, [pointId], goodIds, this.ctx.database.kind === 'postgres');
      const out: SyncItemOutcome[] = [];
      for (const item of claims) {
        const input: ClaimInput = { ...item, pointId };
        const claimedAt = input.claimedAt ?? c.now;
        const before = await store.claimByKey(db, input.key);
        if (before) {
          out.push({ key: input.key, status: 'replayed', claimId: before.id });
          continue;
        }
        const beforeFlag = await store.flagByKey(db, input.key);
        if (beforeFlag) {
          out.push({ key: input.key, status: 'flagged', flagId: beforeFlag.id, reason: beforeFlag.reason });
          continue;
        }
        const flag = async (
          reason: string,
          detail: string,
          householdId: string | null,
          firstClaimId: string | null = null,
        ) => {
          const row = {
            id: newId(),
            committee_id: committeeId,
            household_id: householdId,
            good_id: input.goodId,
            period: input.period,
            quantity: input.quantity,
            point_id: pointId,
            idempotency_key: input.key,
            reason,
            detail,
            first_claim_id: firstClaimId,
            claimed_at: claimedAt,
            synced_at: c.now,
            status: 'open',
            notes: null,
          };
          await store.insertFlagOnce(db, row);
          const good = await this.ctx.good(db, input.goodId);
          if (good && good.committee_id === committeeId)
            await store.addStock(db, pointId, input.goodId, -input.quantity, c.now);
          c.record({
            action: 'supply.offline-claim-flagged',
            subjectType: 'point',
            subjectId: pointId,
            scopeBodyId: committeeId,
            payload: {
              flagId: row.id,
              reason,
              householdId,
              goodId: input.goodId,
              period: input.period,
              quantity: input.quantity,
              key: input.key,
            },
          });
          out.push({ key: input.key, status: 'flagged', flagId: row.id, reason });
        };
        const period = parsePeriod(input.period);
        if (!period) {
          await flag('bad-period', `period ${input.period} is not a month or ISO week`, null);
          continue;
        }
        let householdId: string;
        try {
          // Offline cards are checked at the time of the handover, not of the sync.
          householdId = await this.householdOf(db, committeeId, input, Date.parse(claimedAt) || c.nowMs);
        } catch (err) {
          if (!(err instanceof Refused)) throw err;
          const r = err.refusal;
          await flag(
            r.status,
            r.status === 'card-refused' ? `${r.verdict}: ${r.reason}` : 'no such household at this committee',
            input.householdId ?? null,
          );
          continue;
        }
        const good = await this.ctx.good(db, input.goodId);
        if (!good || good.committee_id !== committeeId) {
          await flag('unknown-good', 'the good is not in this basket', householdId);
          continue;
        }
        const first = await store.claimFor(db, householdId, input.goodId, input.period);
        if (first) {
          await flag(
            'double-claim',
            `already claimed at ${first.claimed_at} (${first.source})`,
            householdId,
            first.id,
          );
          continue;
        }
        const due = await this.entitlements.dueOf(db, committeeId, householdId, input.goodId, period);
        if (input.quantity > due) {
          await flag('beyond-entitlement', `${input.quantity} handed over, ${due} due`, householdId);
          continue;
        }
        const row = {
          id: newId(),
          committee_id: committeeId,
          household_id: householdId,
          good_id: input.goodId,
          period: input.period,
          quantity: input.quantity,
          point_id: pointId,
          idempotency_key: input.key,
          source: 'offline',
          claimed_at: claimedAt,
          recorded_at: c.now,
        };
        if (!(await store.insertClaimOnce(db, row))) {
          const winner = await store.claimFor(db, householdId, input.goodId, input.period);
          await flag('double-claim', 'claimed meanwhile by another point', householdId, winner?.id ?? null);
          continue;
        }
        await store.addStock(db, pointId, input.goodId, -input.quantity, c.now);
        c.record({
          action: 'supply.claim-recorded',
          subjectType: 'household',
          subjectId: householdId,
          scopeBodyId: committeeId,
          payload: {
            claimId: row.id,
            goodId: input.goodId,
            period: input.period,
            quantity: input.quantity,
            pointId,
            offline: true,
          },
        });
        out.push({ key: input.key, status: 'recorded', claimId: row.id });
      }
      return out;
    });
  }

  /** Flagged offline claims of the committee, open first; its officers may. */
  async flags(principal: Principal, committeeId: string): Promise<FlagView[]> {
    await this.ctx.councils.assertMay(principal, 'body.manage', committeeId);
    return (await store.flagsOf(this.ctx.db, committeeId)).map(flagView);
  }

  /**
   * Marks a flagged offline claim reviewed, with what the committee found or did; its officers
   * may. False when it was reviewed already. An unknown flag answers 403 like another committee's.
   */
  async reviewFlag(
    principal: Principal,
    flagId: string,
    notes: string,
    meta?: CommandMeta,
  ): Promise<boolean> {
    const flag = await store.findFlag(this.ctx.db, flagId);
    if (!flag) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.manage', flag.committee_id);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const done = await store.reviewFlag(supplyDb(c.trx), flagId, notes);
      if (done)
        c.record({
          action: 'supply.flag-reviewed',
          subjectType: 'claim-flag',
          subjectId: flagId,
          scopeBodyId: flag.committee_id,
          payload: { notes },
        });
      return done;
    });
  }

  /** Claims so far in a period per good (count and units); members, officers and claim tokens may. */
  async progress(
    principal: Principal,
    committeeId: string,
    period: string,
  ): Promise<{ goodId: string; claims: number; units: number }[]> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    periodOrThrow(period, 'query.period');
    return (await store.claimTotals(this.ctx.db, committeeId, period)).map((r) => ({
      goodId: r.good_id,
      claims: r.claims,
      units: r.units,
    }));
  }
}
