import type { CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import {
  type EntitlementRule,
  type GoodDue,
  householdEntitlement,
  type MemberProfile,
} from './household-entitlement.js';
import { type Period, parsePeriod } from './period.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { type SupplyDb, supplyDb } from './supply-db.js';
import type { BasketView, GoodView, RuleView } from './supply-views.js';

/** A committee's total due of one good in one period. */
export interface GoodTotal {
  readonly goodId: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** Units due over all households (entitlements, before any allocation under scarcity). */
  readonly units: number;
  /** Households due some of it. */
  readonly households: number;
}

function goodView(g: SupplyTables['supply_goods']): GoodView {
  return { id: g.id, code: g.code, name: g.name, unit: g.unit, itemNo: g.item_no };
}

function ruleOf(r: SupplyTables['supply_rules']): EntitlementRule & RuleView {
  return {
    goodId: r.good_id,
    category: r.category,
    quantity: r.quantity,
    per: r.per as 'day' | 'week',
    priority: r.priority,
  };
}

function profile(m: Pick<SupplyTables['supply_members'], 'age_band' | 'needs'>): MemberProfile {
  return { ageBand: m.age_band, needs: m.needs.split(' ').filter(Boolean) };
}

/** Parses a period or throws a 400 on `field`. */
export function periodOrThrow(text: string, field: string): Period {
  const period = parsePeriod(text);
  if (!period)
    throw invalid(field, {
      en: 'must be a month YYYY-MM or an ISO week YYYY-Www',
      es: 'debe ser un mes AAAA-MM o una semana ISO AAAA-Wss',
    });
  return period;
}

/**
 * The basket and its versioned entitlement rules, what each household is due, and each
 * committee's totals for planning and logistics.
 */
export class EntitlementsService {
  constructor(private readonly ctx: SupplyContext) {}

  /** Adds a good to the committee's basket, numbered for cards; its officers may. */
  async addGood(
    principal: Principal,
    committeeId: string,
    input: { code: string; name: string; unit: string },
    meta?: CommandMeta,
  ): Promise<GoodView> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const db = supplyDb(c.trx);
      const goods = await store.goodsOf(db, committeeId);
      if (goods.some((g) => g.code === input.code)) {
        throw new AppError('conflict', {
          field: 'body.code',
          params: {
            field: 'body.code',
            reason: { en: 'the basket already has this good', es: 'la canasta ya tiene este bien' },
          },
        });
      }
      const row = {
        id: newId(),
        committee_id: committeeId,
        code: input.code,
        name: input.name,
        unit: input.unit,
        item_no: goods.reduce((n, g) => Math.max(n, g.item_no + 1), 0),
        created_at: c.now,
      };
      await store.insertGood(db, row);
      c.record({
        action: 'supply.good-added',
        subjectType: 'good',
        subjectId: row.id,
        scopeBodyId: committeeId,
        payload: input,
      });
      return goodView(row);
    });
  }

  /**
   * Adopts a new version of the committee's rules (all rules at once, replacing the previous
   * version), tied to the motion that decided it when there was one; its officers may.
   */
  async adoptRules(
    principal: Principal,
    committeeId: string,
    input: { motionId: string | null; rules: readonly RuleView[] },
    meta?: CommandMeta,
  ): Promise<{ version: number }> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const db = supplyDb(c.trx);
      const goods = new Set((await store.goodsOf(db, committeeId)).map((g) => g.id));
      input.rules.forEach((r, i) => {
        if (!goods.has(r.goodId))
          throw invalid(`body.rules.${i}.goodId`, {
            en: 'is not a good of this basket',
            es: 'no es un bien de esta canasta',
          });
      });
      const latest = await store.latestRuleVersion(db, committeeId);
      const version = {
        id: newId(),
        committee_id: committeeId,
        version: (latest?.version ?? 0) + 1,
        motion_id: input.motionId,
        adopted_at: c.now,
      };
      await store.insertRuleVersion(
        db,
        version,
        input.rules.map((r) => ({
          id: newId(),
          version_id: version.id,
          good_id: r.goodId,
          category: r.category,
          quantity: r.quantity,
          per: r.per,
          priority: r.priority,
        })),
      );
      c.record({
        action: 'supply.rules-adopted',
        subjectType: 'body',
        subjectId: committeeId,
        scopeBodyId: committeeId,
        payload: { version: version.version, motionId: input.motionId, rules: input.rules },
      });
      return { version: version.version };
    });
  }

  /** The basket and rules in force; members, officers and the committee's claim tokens may see it. */
  async basket(principal: Principal, committeeId: string): Promise<BasketView> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    return this.basketOf(this.ctx.db, committeeId);
  }

  /** The basket of a committee, no permission check (for other supply services). */
  async basketOf(db: SupplyDb, committeeId: string): Promise<BasketView> {
    const [goods, latest] = await Promise.all([
      store.goodsOf(db, committeeId),
      store.latestRuleVersion(db, committeeId),
    ]);
    const rules = latest ? (await this.ctx.rulesOf(db, latest.id)).map(ruleOf) : [];
    return {
      goods: goods.map(goodView),
      version: latest?.version ?? null,
      motionId: latest?.motion_id ?? null,
      adoptedAt: latest?.adopted_at ?? null,
      rules: rules.map(({ goodId, category, quantity, per, priority }) => ({
        goodId,
        category,
        quantity,
        per,
        priority,
      })),
    };
  }

  /**
   * What one household is due per good in a period under the rules in force (entitlement, before
   * allocation under scarcity). No permission check: callers have checked theirs.
   */
  async entitlementOf(
    db: SupplyDb,
    committeeId: string,
    householdId: string,
    period: Period,
  ): Promise<Map<string, GoodDue>> {
    const latest = await store.latestRuleVersion(db, committeeId);
    if (!latest) return new Map();
    const [rules, members] = await Promise.all([
      this.ctx.rulesOf(db, latest.id),
      store.membersOf(db, [householdId]),
    ]);
    return householdEntitlement(members.map(profile), rules.map(ruleOf), period);
  }

  /**
   * What a household may claim of a good in a period: the units allocated to it when a delivery of
   * the good was confirmed for the period (scarcity), else its entitlement.
   */
  async dueOf(
    db: SupplyDb,
    committeeId: string,
    householdId: string,
    goodId: string,
    period: Period,
  ): Promise<number> {
    const allocated = await store.allocationFor(db, committeeId, householdId, goodId, period.text);
    if (allocated !== null) return allocated;
    return (await this.entitlementOf(db, committeeId, householdId, period)).get(goodId)?.units ?? 0;
  }

  /** Every household's entitlement of every good in a period, households in id order. */
  async committeeEntitlements(
    db: SupplyDb,
    committeeId: string,
    period: Period,
  ): Promise<{ householdIds: string[]; dues: Map<string, GoodDue>[] }> {
    const latest = await store.latestRuleVersion(db, committeeId);
    const rules = latest ? (await this.ctx.rulesOf(db, latest.id)).map(ruleOf) : [];
    const members = await store.committeeMembers(db, committeeId);
    const householdIds: string[] = [];
    const dues: Map<string, GoodDue>[] = [];
    let start = 0;
    while (start < members.length) {
      const id = members[start]!.household_id;
      let end = start;
      while (end < members.length && members[end]!.household_id === id) end++;
      householdIds.push(id);
      dues.push(householdEntitlement(members.slice(start, end).map(profile), rules, period));
      start = end;
    }
    return { householdIds, dues };
  }

  /**
   * The committee's total entitlements per good for a period, for planning (consumption targets)
   * and logistics (deliveries to request). Public to other areas, without a principal.
   *
   * @example const totals = await supply.entitlements.committeeTotals(japId, '1972-W42');
   */
  async committeeTotals(committeeId: string, periodText: string): Promise<GoodTotal[]> {
    return this.committeeTotalsIn(this.ctx.db, committeeId, periodText);
  }

  /**
   * `committeeTotals` read through `db` — a caller's transaction (on SQLite the one connection is
   * held by an open transaction, so reads inside a command must go through it).
   */
  async committeeTotalsIn(db: SupplyDb, committeeId: string, periodText: string): Promise<GoodTotal[]> {
    const period = periodOrThrow(periodText, 'period');
    const [goods, { dues }] = await Promise.all([
      store.goodsOf(db, committeeId),
      this.committeeEntitlements(db, committeeId, period),
    ]);
    return goods.map((g) => {
      let units = 0;
      let households = 0;
      for (const d of dues) {
        const u = d.get(g.id)?.units ?? 0;
        units += u;
        if (u > 0) households++;
      }
      return { goodId: g.id, code: g.code, name: g.name, unit: g.unit, units, households };
    });
  }

  /** `committeeTotals` for the committee's members, officers and claim tokens. */
  async totals(principal: Principal, committeeId: string, periodText: string): Promise<GoodTotal[]> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    return this.committeeTotals(committeeId, periodText);
  }

  /**
   * Sets up a committee's basket for the system (scenario loads, imports): adds the goods and
   * adopts one rule version whose rules name goods by code. Returns good ids by code.
   */
  async importBasket(
    committeeId: string,
    input: {
      goods: readonly { code: string; name: string; unit: string }[];
      rules: readonly (Omit<RuleView, 'goodId'> & { goodCode: string })[];
      motionId: string | null;
    },
    actorName: string,
  ): Promise<Map<string, string>> {
    const ids = await this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const db = supplyDb(c.trx);
      const byCode: [string, string][] = [];
      const existing = await store.goodsOf(db, committeeId);
      let next = existing.reduce((n, g) => Math.max(n, g.item_no + 1), 0);
      for (const g of input.goods) {
        const id = newId();
        await store.insertGood(db, {
          id,
          committee_id: committeeId,
          ...g,
          item_no: next++,
          created_at: c.now,
        });
        byCode.push([g.code, id]);
      }
      for (const g of existing) byCode.push([g.code, g.id]);
      const goods = new Map(byCode);
      const latest = await store.latestRuleVersion(db, committeeId);
      const version = {
        id: newId(),
        committee_id: committeeId,
        version: (latest?.version ?? 0) + 1,
        motion_id: input.motionId,
        adopted_at: c.now,
      };
      await store.insertRuleVersion(
        db,
        version,
        input.rules.map((r) => {
          const goodId = goods.get(r.goodCode);
          if (!goodId) throw new Error(`importBasket: no good ${r.goodCode}`);
          return {
            id: newId(),
            version_id: version.id,
            good_id: goodId,
            category: r.category,
            quantity: r.quantity,
            per: r.per,
            priority: r.priority,
          };
        }),
      );
      c.record({
        action: 'supply.rules-adopted',
        subjectType: 'body',
        subjectId: committeeId,
        scopeBodyId: committeeId,
        payload: {
          version: version.version,
          motionId: input.motionId,
          goods: input.goods,
          rules: input.rules,
        },
      });
      return byCode;
    });
    return new Map(ids);
  }
}
