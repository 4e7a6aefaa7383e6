import type { CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import { cleanPhoto, PHOTO_MAX_BYTES, type PhotoType } from './core/report-photo.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { supplyDb } from './supply-db.js';
import type { PriceReportView } from './supply-views.js';

/** An official price in force. */
export interface PriceView {
  readonly goodCode: string;
  readonly unit: string;
  /** Centésimos of an escudo per `unit`. */
  readonly priceCentesimos: number;
  readonly motionId: string | null;
  readonly adoptedAt: string;
}

/** A report's photo as stored. */
export interface ReportPhoto {
  readonly contentType: PhotoType;
  readonly bytes: Buffer;
}

/** The outcome of moving a report on. */
export type AdvanceOutcome =
  /** Moved to `status`. */
  | { readonly status: 'advanced'; readonly report: PriceReportView }
  /** Not allowed from its present status (only open → checked → resolved). */
  | { readonly status: 'wrong-step'; readonly current: string };

const NEXT: Readonly<Record<string, string>> = Object.freeze({ open: 'checked', checked: 'resolved' });

function reportView(
  r: SupplyTables['supply_price_reports'],
  photo: { content_type: string; byte_size: number } | undefined,
): PriceReportView {
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
    photo: photo ? { contentType: photo.content_type, byteSize: Number(photo.byte_size) } : null,
  };
}

/**
 * Decodes and cleans a report photo sent as base64, or throws the problem naming `body.photo`:
 * 413 `photo-too-large` over PHOTO_MAX_BYTES, 415 `photo-type` when it is not base64 or not a
 * JPEG, PNG or WebP by its first bytes (or one too damaged to remove its metadata safely).
 */
function photoOf(base64: string): { type: PhotoType; bytes: Buffer; removed: number } {
  const field = 'body.photo';
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw new AppError('photo-type', {
      field,
      params: { reason: { en: 'it is not base64 text', es: 'no es texto en base64' } },
    });
  const bytes = Buffer.from(text, 'base64');
  const checked = cleanPhoto(bytes);
  if (checked.status === 'too-large')
    throw new AppError('photo-too-large', { field, params: { size: checked.size, limit: PHOTO_MAX_BYTES } });
  if (checked.status === 'bad-type')
    throw new AppError('photo-type', {
      field,
      params: {
        reason:
          checked.reason === 'not a JPEG, PNG or WebP image'
            ? { en: 'it is not a JPEG, PNG or WebP image', es: 'no es una imagen JPEG, PNG ni WebP' }
            : { en: checked.reason, es: 'el archivo de imagen está dañado' },
      },
    });
  return { type: checked.type, bytes: Buffer.from(checked.bytes), removed: checked.removed };
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
      /** An optional photo, base64: JPEG, PNG or WebP up to 2 MB; EXIF/XMP/IPTC are removed. */
      photo?: string | null;
    },
  ): Promise<{ id: string }> {
    const photo = input.photo ? photoOf(input.photo) : null;
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
      if (photo)
        await store.insertReportPhoto(supplyDb(c.trx), {
          report_id: row.id,
          content_type: photo.type,
          byte_size: photo.bytes.length,
          bytes: photo.bytes,
          stored_at: c.now,
        });
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
          // Type and size only: the audit log is readable by many; the picture stays in its table.
          photo: photo
            ? { type: photo.type, bytes: photo.bytes.length, metadataBytesRemoved: photo.removed }
            : null,
        },
      });
      return { id: row.id };
    });
  }

  /** The committee's board of reports, optionally of one status; its members may see it (reporters are never shown). */
  async board(principal: Principal, committeeId: string, status?: string): Promise<PriceReportView[]> {
    await this.ctx.councils.assertMay(principal, 'body.view', committeeId);
    const reports = await store.reportsOf(this.ctx.db, committeeId, status);
    const photos = new Map(
      (
        await store.photosOf(
          this.ctx.db,
          reports.map((r) => r.id),
        )
      ).map((p) => [p.report_id, p]),
    );
    return reports.map((r) => reportView(r, photos.get(r.id)));
  }

  /** A report's photo; the members of its committee may see it (as the board). Null when it has none. */
  async photo(principal: Principal, reportId: string): Promise<ReportPhoto | null> {
    const report = await store.findReport(this.ctx.db, reportId);
    if (!report) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.view', report.committee_id);
    const row = await store.reportPhoto(this.ctx.db, reportId);
    return row ? { contentType: row.content_type as PhotoType, bytes: Buffer.from(row.bytes) } : null;
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
        report: reportView(
          { ...current, status: input.to, notes, updated_at: c.now },
          (await store.photosOf(db, [reportId]))[0],
        ),
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
