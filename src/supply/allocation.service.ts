import type { CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import { type AllocationPlan, planAllocation } from './allocation-plan.js';
import type { EntitlementsService } from './entitlements.service.js';
import { periodOrThrow } from './entitlements.service.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { type SupplyDb, supplyDb } from './supply-db.js';
import type { AllocationPreview, DeliveryView } from './supply-views.js';

/** The outcome of confirming a delivery's allocation. */
export type ConfirmOutcome =
  /** Allocations stored: `households` received `total` units. */
  | { readonly status: 'confirmed'; readonly total: number; readonly households: number }
  /** The split differs from the preview (households or rules changed): preview again. */
  | { readonly status: 'stale-preview'; readonly digest: string }
  /** The delivery was confirmed already. */
  | { readonly status: 'already-confirmed' };

function deliveryView(d: SupplyTables['supply_deliveries']): DeliveryView {
  return {
    id: d.id,
    committeeId: d.committee_id,
    goodId: d.good_id,
    period: d.period,
    quantity: Number(d.quantity),
    status: d.status,
    recordedAt: d.recorded_at,
    confirmedAt: d.confirmed_at,
  };
}

/** Deliveries to a committee and their fair split among households: preview, then confirm. */
export class AllocationService {
  constructor(
    private readonly ctx: SupplyContext,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** Records a delivery of a good for a period; the committee's officers may. */
  async recordDelivery(
    principal: Principal,
    committeeId: string,
    input: { goodId: string; period: string; quantity: number },
    meta?: CommandMeta,
  ): Promise<DeliveryView> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    periodOrThrow(input.period, 'body.period');
    const good = await this.ctx.good(this.ctx.db, input.goodId);
    if (!good || good.committee_id !== committeeId)
      throw new AppError('not-found', { field: 'body.goodId', params: { field: 'body.goodId' } });
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const row = {
        id: newId(),
        committee_id: committeeId,
        good_id: input.goodId,
        period: input.period,
        quantity: input.quantity,
        status: 'recorded',
        preview_digest: null,
        recorded_at: c.now,
        confirmed_at: null,
      };
      await store.insertDelivery(supplyDb(c.trx), row);
      c.record({
        action: 'supply.delivery-recorded',
        subjectType: 'delivery',
        subjectId: row.id,
        scopeBodyId: committeeId,
        payload: input,
      });
      return deliveryView(row);
    });
  }

  /** A committee's deliveries, newest first; its members, officers and claim tokens may see them. */
  async deliveries(principal: Principal, committeeId: string): Promise<DeliveryView[]> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
    return (await store.deliveriesOf(this.ctx.db, committeeId)).map(deliveryView);
  }

  private async delivery(
    principal: Principal,
    deliveryId: string,
  ): Promise<SupplyTables['supply_deliveries']> {
    const d = await store.findDelivery(this.ctx.db, deliveryId);
    // An unknown delivery and another committee's answer alike.
    if (!d) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.manage', d.committee_id);
    return d;
  }

  private async plan(db: SupplyDb, d: SupplyTables['supply_deliveries']): Promise<AllocationPlan> {
    const period = periodOrThrow(d.period, 'period');
    const [{ householdIds, dues }, allocated] = await Promise.all([
      this.entitlements.committeeEntitlements(db, d.committee_id, period),
      store.allocatedByHousehold(db, d.committee_id, d.good_id, d.period),
    ]);
    const empty = { units: 0, groups: new Map() };
    return planAllocation(
      Number(d.quantity),
      householdIds.map((householdId, i) => ({
        householdId,
        due: dues[i]!.get(d.good_id) ?? empty,
        allocated: allocated.get(householdId) ?? 0,
      })),
    );
  }

  /**
   * Splits the delivery among the committee's households (priority groups, weighted max-min per
   * person, whole units, exact total) without storing the split; the committee's officers may.
   */
  async preview(principal: Principal, deliveryId: string): Promise<AllocationPreview> {
    const d = await this.delivery(principal, deliveryId);
    const plan = await this.plan(this.ctx.db, d);
    if (plan.status === 'invalid') throw new Error(`allocation refused its input: ${plan.reason}`);
    const awards: AllocationPreview['awards'] = [];
    for (let i = 0; i < plan.householdIds.length; i++) {
      if (plan.stillDue[i]! > 0)
        awards.push({ householdId: plan.householdIds[i]!, due: plan.stillDue[i]!, award: plan.awards[i]! });
    }
    if (d.status === 'recorded') await store.setPreviewDigest(this.ctx.db, d.id, plan.digest);
    return {
      deliveryId: d.id,
      due: plan.due,
      total: plan.total,
      surplus: plan.surplus,
      groups: plan.groups,
      digest: plan.digest,
      awards,
    };
  }

  /**
   * Stores the split previewed with `digest`, recomputed in the same transaction; a different
   * split is `stale-preview`, a second confirmation `already-confirmed`.
   */
  async confirm(
    principal: Principal,
    deliveryId: string,
    digest: string,
    meta?: CommandMeta,
  ): Promise<ConfirmOutcome> {
    const d = await this.delivery(principal, deliveryId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c): Promise<ConfirmOutcome> => {
      const db = supplyDb(c.trx);
      const current = await store.findDelivery(db, deliveryId);
      if (current?.status !== 'recorded') return { status: 'already-confirmed' };
      const plan = await this.plan(db, current);
      if (plan.status === 'invalid') throw new Error(`allocation refused its input: ${plan.reason}`);
      if (plan.digest !== digest) return { status: 'stale-preview', digest: plan.digest };
      if (!(await store.markConfirmed(db, deliveryId, c.now))) return { status: 'already-confirmed' };
      const rows: SupplyTables['supply_allocations'][] = [];
      for (let i = 0; i < plan.householdIds.length; i++) {
        if (plan.stillDue[i]! > 0)
          rows.push({
            delivery_id: deliveryId,
            household_id: plan.householdIds[i]!,
            good_id: d.good_id,
            period: d.period,
            quantity: plan.awards[i]!,
          });
      }
      await store.insertAllocations(db, rows);
      c.record({
        action: 'supply.allocation-confirmed',
        subjectType: 'delivery',
        subjectId: deliveryId,
        scopeBodyId: d.committee_id,
        payload: { total: plan.total, due: plan.due, surplus: plan.surplus, households: rows.length, digest },
      });
      return { status: 'confirmed', total: plan.total, households: rows.length };
    });
  }
}
