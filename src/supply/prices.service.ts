import type { CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { supplyDb } from './supply-db.js';

/** An official price in force. */
export interface PriceView {
  readonly goodCode: string;
  readonly unit: string;
  /** Centésimos of an escudo per `unit`. */
  readonly priceCentesimos: number;
  readonly motionId: string | null;
  readonly adoptedAt: string;
}

/** A resident's report of an over-official price or of hoarding. */
export interface PriceReportView {
  readonly id: string;
  readonly committeeId: string;
  readonly kind: 'overprice' | 'hoarding';
  readonly goodCode: string;
  readonly place: string;
  readonly priceCentesimos: number | null;
  readonly description: string;
  /** `open` → `checked` → `resolved`. */
  readonly status: string;
  readonly notes: string;
  readonly reportedAt: string;
  readonly updatedAt: string;
}

/** The outcome of moving a report on. */
export type AdvanceOutcome =
  /** Moved to `status`. */
  | { readonly status: 'advanced'; readonly report: PriceReportView }
  /** Not allowed from its present status (only open → checked → resolved). */
  | { readonly status: 'wrong-step'; readonly current: string };

const NEXT: Readonly<Record<string, string>> = Object.freeze({ open: 'checked', checked: 'resolved' });

function reportView(r: SupplyTables['supply_price_reports']): PriceReportView {
  return {
    id: r.id,
    committeeId: r.committee_id,
    kind: r.kind as 'overprice' | 'hoarding',
    goodCode: r.good_code,
    place: r.place,
    priceCentesimos: r.price_centesimos === null ? null : Number(r.price_centesimos),
    description: r.description,
    status: r.status,
    notes: r.notes,
    reportedAt: r.reported_at,
    updatedAt: r.updated_at,
  };
}

/** Official price lists per good and region, and residents' price and hoarding reports. */
export class PricesService {
  constructor(private readonly ctx: SupplyContext) {}

  /** Adopts a price for a good in a region (a body), tied to the deciding motion; the body's officers may. */
  async adoptPrice(
    principal: Principal,
    regionId: string,
    input: { goodCode: string; unit: string; priceCentesimos: number; motionId: string | null },
    meta?: CommandMeta,
  ): Promise<PriceView> {
    await this.ctx.councils.assertMay(principal, 'body.manage', regionId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const row = {
        id: newId(),
        region_id: regionId,
        good_code: input.goodCode,
        unit: input.unit,
        price_centesimos: input.priceCentesimos,
        motion_id: input.motionId,
        adopted_at: c.now,
      };
      await store.insertPrice(supplyDb(c.trx), row);
      c.record({
        action: 'supply.price-adopted',
        subjectType: 'body',
        subjectId: regionId,
        scopeBodyId: regionId,
        payload: input,
      });
      return {
        goodCode: row.good_code,
        unit: row.unit,
        priceCentesimos: row.price_centesimos,
        motionId: row.motion_id,
        adoptedAt: row.adopted_at,
      };
    });
  }

  /** The prices in force in a region, one per good (the latest adopted); public to signed-in persons. */
  async priceList(regionId: string): Promise<PriceView[]> {
    const seen = new Set<string>();
    const out: PriceView[] = [];
    for (const p of await store.pricesOf(this.ctx.db, regionId)) {
      if (seen.has(p.good_code)) continue;
      seen.add(p.good_code);
      out.push({
        goodCode: p.good_code,
        unit: p.unit,
        priceCentesimos: Number(p.price_centesimos),
        motionId: p.motion_id,
        adoptedAt: p.adopted_at,
      });
    }
    return out;
  }

  /**
   * Files a report with a committee; any signed-in person may. An anonymous report keeps no trace
   * of who made it: neither in the report nor in the audit log (its actor is the system).
   */
  async report(
    principal: Principal,
    committeeId: string,
    input: {
      kind: 'overprice' | 'hoarding';
      goodCode: string;
      place: string;
      priceCentesimos: number | null;
      description: string;
      anonymous: boolean;
    },
  ): Promise<{ id: string }> {
    if (!(await this.ctx.isCommittee(committeeId)))
      throw new AppError('not-found', {
        field: 'params.committeeId',
        params: { field: 'params.committeeId' },
      });
    const meta: CommandMeta = input.anonymous
      ? { actor: { kind: 'system', name: 'anonymous-report' } }
      : metaOf(principal);
    return this.ctx.audit.runCommand(meta, async (c) => {
      const row = {
        id: newId(),
        committee_id: committeeId,
        kind: input.kind,
        good_code: input.goodCode,
        place: input.place,
        price_centesimos: input.priceCentesimos,
        description: input.description,
        reporter_person_id: input.anonymous || principal.kind !== 'person' ? null : principal.personId,
        status: 'open',
        notes: '',
        reported_at: c.now,
        updated_at: c.now,
      };
      await store.insertReport(supplyDb(c.trx), row);
      c.record({
        action: 'supply.price-reported',
        subjectType: 'price-report',
        subjectId: row.id,
        scopeBodyId: committeeId,
        payload: {
          kind: input.kind,
          goodCode: input.goodCode,
          place: input.place,
          anonymous: input.anonymous,
        },
      });
      return { id: row.id };
    });
  }

  /** The committee's board of reports, optionally of one status; its members may see it (reporters are never shown). */
  async board(principal: Principal, committeeId: string, status?: string): Promise<PriceReportView[]> {
    await this.ctx.councils.assertMay(principal, 'body.view', committeeId);
    return (await store.reportsOf(this.ctx.db, committeeId, status)).map(reportView);
  }

  /** Moves a report one step (open → checked → resolved) with notes; the committee's officers may. */
  async advance(
    principal: Principal,
    reportId: string,
    input: { to: 'checked' | 'resolved'; notes: string },
    meta?: CommandMeta,
  ): Promise<AdvanceOutcome> {
    const report = await store.findReport(this.ctx.db, reportId);
    if (!report) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.manage', report.committee_id);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c): Promise<AdvanceOutcome> => {
      const db = supplyDb(c.trx);
      const current = await store.findReport(db, reportId);
      if (!current || NEXT[current.status] !== input.to)
        return { status: 'wrong-step', current: current?.status ?? 'unknown' };
      const notes = current.notes ? `${current.notes}\n${input.notes}` : input.notes;
      await store.advanceReport(db, reportId, current.status, input.to, notes, c.now);
      c.record({
        action: 'supply.price-report-advanced',
        subjectType: 'price-report',
        subjectId: reportId,
        scopeBodyId: current.committee_id,
        payload: input,
      });
      return {
        status: 'advanced',
        report: reportView({ ...current, status: input.to, notes, updated_at: c.now }),
      };
    });
  }

  /** Files anonymous reports for the system (scenario loads, imports of paper reports). */
  async importReports(
    committeeId: string,
    reports: readonly {
      kind: 'overprice' | 'hoarding';
      goodCode: string;
      place: string;
      priceCentesimos: number | null;
      description: string;
    }[],
    actorName: string,
  ): Promise<string[]> {
    return this.ctx.audit.runCommand({ actor: { kind: 'system', name: actorName } }, async (c) => {
      const ids: string[] = [];
      for (const r of reports) {
        const row = {
          id: newId(),
          committee_id: committeeId,
          kind: r.kind,
          good_code: r.goodCode,
          place: r.place,
          price_centesimos: r.priceCentesimos,
          description: r.description,
          reporter_person_id: null,
          status: 'open',
          notes: '',
          reported_at: c.now,
          updated_at: c.now,
        };
        await store.insertReport(supplyDb(c.trx), row);
        c.record({
          action: 'supply.price-reported',
          subjectType: 'price-report',
          subjectId: row.id,
          scopeBodyId: committeeId,
          payload: { kind: r.kind, goodCode: r.goodCode, place: r.place, anonymous: true },
        });
        ids.push(row.id);
      }
      return ids;
    });
  }
}
