import { createHash } from 'node:crypto';
import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { type ErrorCode, type ErrorParams, renderError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf, type Principal } from '../identity/principal.js';
import * as alertsStore from './alerts.store.js';
import type { AlertKind } from './core/alert-rule.js';
import { DETECTION_DEFAULTS, type DetectionSettings } from './core/detection-defaults.js';
import { monitorStep } from './core/monitor-step.js';
import { decodeMonitorState, encodeMonitorState } from './monitor-state-codec.js';
import type { ProductionTables } from './production.tables.js';
import { productionDb } from './production-db.js';
import { currentPeriodIndex, type Frequency, periodIndex } from './report-period.js';
import * as store from './reports.store.js';

/** One report as sent: an indicator, its period (YYYY-MM-DD) and a whole value in the indicator's unit. */
export interface ReportItem {
  readonly indicatorId: string;
  readonly period: string;
  /** Anything may arrive; only safe integers are accepted. */
  readonly value: unknown;
}

/** Why one item of a batch was not kept. */
export interface RejectedItem {
  /** Position of the item in the batch (from 0). */
  readonly index: number;
  /** `indicatorId`, `period` or `value`. */
  readonly field: string;
  readonly code: ErrorCode;
  /** A sentence in the requested language. */
  readonly reason: string;
}

/** What a batch did. Valid items are kept even when others are rejected. */
export interface IngestOutcome {
  /** New reports stored (late ones included). */
  readonly accepted: number;
  /** Items identical to a stored report (or to an earlier item of the batch): nothing changed. */
  readonly duplicates: number;
  readonly rejected: RejectedItem[];
  /** Alerts raised by this batch. */
  readonly alertsRaised: number;
}

/**
 * The system as reporter: the CLI import and the scenario loader, which run with the database's
 * own credentials (like `admin create`) and are recorded in the audit log as the system, by name.
 */
export interface SystemReporter {
  readonly kind: 'system';
  readonly name: string;
}

/** Options of `ingest`. */
export interface IngestOptions {
  /** Language of the rejection reasons. */
  readonly locale?: 'en' | 'es';
  /** Idempotency of the whole batch (HTTP `Idempotency-Key`); defaults to the principal's actor. */
  readonly meta?: CommandMeta;
}

// A gap of missing periods is fed to the forecaster as nulls, but no more than this many: beyond
// a few seasons the model has forgotten the series anyway, and a typo'd year must not cost a
// million updates.
const MAX_GAP_PERIODS = 60;
const HOUR_MS = 3_600_000;

type IndicatorRow = store.IndicatorHeader;

// Headers kept in memory (see ReportsService.headersOf): ~0.3 kB each, so at most ~30 MB; a
// cordón's concentrator sends a few thousand indicators, a whole country a few hundred thousand.
const HEADER_CACHE_SIZE = 100_000;

// Reports taken into `recent_reports` before a batch moves them all into `reports` (migration
// 0016): 20 batches of 1,000. More rows make each move rewrite fewer pages of `reports` per
// report, but every batch then touches more pages of the buffer. The buffer may hold up to twice
// this after a restart (the count starts again at 0), and one such count per server process.
const MERGE_EVERY = 20_000;

function settingsOf(row: IndicatorRow): DetectionSettings {
  const t = DETECTION_DEFAULTS.alert.thresholds;
  if (
    row.step_threshold_pm === Math.round(t.step * 1000) &&
    row.slope_threshold_pm === Math.round(t.slope * 1000) &&
    row.outlier_threshold_pm === Math.round(t.outlier * 1000)
  )
    return DETECTION_DEFAULTS;
  return {
    forecaster: DETECTION_DEFAULTS.forecaster,
    alert: {
      ...DETECTION_DEFAULTS.alert,
      thresholds: {
        ...t,
        step: row.step_threshold_pm / 1000,
        slope: row.slope_threshold_pm / 1000,
        outlier: row.outlier_threshold_pm / 1000,
      },
    },
  };
}

/** Hours to acknowledge an alert of `severity` on an indicator. */
export function ackHoursOf(
  row: Pick<IndicatorRow, 'ack_hours_low' | 'ack_hours_medium' | 'ack_hours_high'>,
  severity: string,
): number {
  return severity === 'high'
    ? row.ack_hours_high
    : severity === 'medium'
      ? row.ack_hours_medium
      : row.ack_hours_low;
}

// Series states kept per SQLite connection (see SeriesCache): the stored bytes, ~0.6 kB each with
// their Buffer, so at most ~30 MB. (Kept encoded: decoded states kept across batches live long
// enough to reach V8's old generation, and the collector then cost more than decoding saves.)
const SERIES_CACHE_SIZE = 50_000;

/** A series' stored monitor state and last forecast period, as committed. */
interface LoadedSeries {
  readonly no: number;
  readonly state: Uint8Array;
  readonly last: number | null;
}

/**
 * SQLite only: the series states as ingest on one connection last committed them, so a batch of
 * known indicators does not read them (~3.7 µs a report of SQLite's time). Keyed by indicator id
 * (never reused, unlike a series number after a rollback). It stays true because
 * - every write of a state goes through `ReportsService.ingest`, and the batches of all services on
 *   the connection run one at a time through `tail`, each putting what it committed here before the
 *   next one starts (a batch that fails puts nothing);
 * - any other connection's commit (another process: the CLI import, a restore, another server on
 *   the file) changes `PRAGMA data_version`, which each batch reads inside its transaction and
 *   which, when changed, empties the cache.
 * PostgreSQL, where other instances write the same rows, reads and locks them in every batch.
 */
interface SeriesCache {
  version: number | null;
  readonly entries: Map<string, LoadedSeries>;
  tail: Promise<unknown>;
}

const seriesCaches = new WeakMap<Database, SeriesCache>();

function seriesCacheOf(database: Database): SeriesCache | null {
  if (database.kind !== 'sqlite') return null;
  let cache = seriesCaches.get(database);
  if (!cache) {
    cache = { version: null, entries: new Map(), tail: Promise.resolve() };
    seriesCaches.set(database, cache);
  }
  return cache;
}

interface Pending {
  readonly index: number;
  readonly indicatorId: string;
  readonly period: string;
  readonly periodIndex: number;
  readonly value: number;
}

// (module-level, not an arrow made per call: ingest sorts once per indicator of every batch)
function byPeriodThenPosition(a: Pending, b: Pending): number {
  return a.periodIndex - b.periodIndex || a.index - b.index;
}

/**
 * Ingests batches of indicator reports: the one path of the HTTP batch API, the CSV import and
 * the scenario. Idempotent on (indicator, period): an identical re-sent report counts as a
 * duplicate, a different value for a reported period is rejected for that item.
 */
export class ReportsService {
  /**
   * Indicator headers by id, as read by earlier batches. A header never changes once read: nothing
   * updates or deletes an indicator row or renumbers its series (migration 0013 and a restore
   * do, with the server stopped), and only committed rows are read. So a batch of known
   * indicators costs no query for them (~5 µs a report on SQLite before). Oldest dropped first.
   */
  private readonly headerCache = new Map<string, IndicatorRow>();
  /** Reports this process put into `recent_reports` since it last moved them into `reports`. */
  private recentSinceMerge = 0;
  private readonly mergeEvery: number;
  private readonly seriesCache: SeriesCache | null;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
    /** `mergeEvery`: reports to buffer before moving them into `reports` (tests use a few). */
    options: { mergeEvery?: number } = {},
  ) {
    this.mergeEvery = options.mergeEvery ?? MERGE_EVERY;
    this.seriesCache = seriesCacheOf(database);
  }

  /**
   * The series of the given indicators (number → header), from the cache where it holds them (SQLite),
   * else read — and on PostgreSQL locked — in the batch's transaction.
   */
  private async loadSeries(
    db: ReturnType<typeof productionDb>,
    numbered: ReadonlyMap<number, IndicatorRow>,
  ): Promise<LoadedSeries[]> {
    const cache = this.seriesCache;
    const out: LoadedSeries[] = [];
    const missing: number[] = [];
    if (cache) {
      const version = await store.dataVersion(db);
      if (version !== cache.version) {
        cache.entries.clear();
        cache.version = version;
      }
      for (const [no, header] of numbered) {
        const hit = cache.entries.get(header.id);
        if (hit) out.push(hit);
        else missing.push(no);
      }
    } else missing.push(...numbered.keys());
    for (const s of await store.lockSeries(db, this.database.kind, missing))
      out.push({ no: s.no, state: s.state, last: s.last_period_index });
    return out;
  }

  /** Runs `work` after every earlier batch on this SQLite connection has finished (at once on PostgreSQL). */
  private async inTurn<R>(work: () => Promise<R>): Promise<R> {
    const cache = this.seriesCache;
    if (!cache) return work();
    const run = cache.tail.then(work, work);
    cache.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Puts what a committed batch read or wrote into the cache; past SERIES_CACHE_SIZE series it
   * starts again empty (a deployment with more series than that reads them, as PostgreSQL does).
   */
  private remember(committed: readonly (LoadedSeries & { readonly id: string })[]): void {
    const entries = this.seriesCache?.entries;
    if (!entries) return;
    if (entries.size + committed.length > SERIES_CACHE_SIZE) entries.clear();
    for (const s of committed) entries.set(s.id, s);
  }

  /**
   * What each workplace reported making of each product over the days `from`…`to` (inclusive,
   * YYYY-MM-DD): sums of its output indicators' reports, in the product's unit. Public to other
   * areas (planning's fulfilment), without a principal: the totals are the plan's, in the open.
   *
   * @example await reports.outputTotals('1972-10-01', '1972-12-31')
   */
  async outputTotals(
    from: string,
    to: string,
  ): Promise<{ workplaceId: string; productId: string; total: number; lastPeriod: string }[]> {
    return (await store.outputTotals(productionDb(this.database.db), from, to)).map((r) => ({
      workplaceId: r.workplace_id,
      productId: r.product_id,
      total: r.total,
      lastPeriod: r.last_period,
    }));
  }

  /** The headers of those of `ids` that exist, from the cache or else read (and then kept). */
  private async headersOf(ids: readonly string[]): Promise<Map<string, IndicatorRow>> {
    const out = new Map<string, IndicatorRow>();
    const missing: string[] = [];
    for (const id of ids) {
      const h = this.headerCache.get(id);
      if (h) out.set(id, h);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    for (const h of await store.indicatorHeaders(
      productionDb(this.database.db),
      this.database.kind,
      missing,
    )) {
      out.set(h.id, h);
      if (this.headerCache.size >= HEADER_CACHE_SIZE) {
        const oldest = this.headerCache.keys().next().value;
        if (oldest !== undefined) this.headerCache.delete(oldest);
      }
      this.headerCache.set(h.id, h);
    }
    return out;
  }

  /**
   * Checks every item, keeps the valid ones and reports each invalid one, all in one transaction:
   * each indicator's new reports go through the forecaster in period order (missing periods in
   * between fed as missing, at most 60), its state is stored, and an alert is raised per episode
   * with an acknowledgement deadline from its severity. A report older than the indicator's last
   * forecast period is stored but not forecast (the model only moves forward).
   *
   * Items may be for several workplaces; each must be one the principal may report for
   * (`body.report`: the assembly's secretary or chair, or a token with `production:report` for
   * that assembly). Unknown indicators and other workplaces' indicators get the same rejection.
   *
   * @example const out = await reports.ingest(token, [{ indicatorId, period: '1972-10-11', value: 412 }]);
   */
  async ingest(
    principal: Principal | SystemReporter,
    items: readonly ReportItem[],
    options: IngestOptions = {},
  ): Promise<IngestOutcome> {
    const locale = options.locale ?? 'en';
    const rejected: RejectedItem[] = [];
    const reject = (index: number, field: string, code: ErrorCode, params: ErrorParams) =>
      rejected.push({ index, field, code, reason: renderError(code, locale, { field, ...params }) });

    // Who owns what is read (and permissions checked) before the transaction: the councils
    // service runs its own queries, and an indicator's row (workplace, settings, number) never
    // changes once created; only its series state does, read and locked inside.
    const ids = [...new Set(items.map((i) => i.indicatorId).filter((id) => typeof id === 'string'))];
    const headers = await this.headersOf(ids);
    const bodyIds = [...new Set([...headers.values()].map((h) => h.body_id))];
    const allowed =
      principal.kind === 'system'
        ? new Set(bodyIds)
        : await this.councils.mayEach(principal, 'body.report', bodyIds);

    const pending: Pending[] = [];
    for (const [index, item] of items.entries()) {
      const header = headers.get(item.indicatorId);
      if (!header || !allowed.has(header.body_id)) {
        reject(index, 'indicatorId', 'unknown-indicator', {});
        continue;
      }
      const frequency = header.frequency as Frequency;
      const p = periodIndex(item.period, frequency);
      if (p === null) {
        reject(index, 'period', 'invalid-period', { period: String(item.period), frequency });
        continue;
      }
      const v = item.value;
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
        const reason =
          typeof v === 'number' && Number.isFinite(v)
            ? {
                en: `${v} is not a whole number of the indicator's unit`,
                es: `${v} no es un número entero de la unidad del indicador`,
              }
            : typeof v === 'number' || v === 'NaN' || v === 'Infinity' || v === '-Infinity'
              ? { en: 'NaN and Infinity are not values', es: 'NaN e Infinity no son valores' }
              : { en: 'must be a whole number', es: 'debe ser un número entero' };
        reject(index, 'value', 'invalid-value', { reason });
        continue;
      }
      pending.push({ index, indicatorId: item.indicatorId, period: item.period, periodIndex: p, value: v });
    }

    const kind = this.database.kind;
    const meta = options.meta ?? { actor: principal.kind === 'system' ? principal : actorOf(principal) };
    // what this batch did to `recent_reports`, for the count of reports buffered since a move
    let buffered = 0;
    let merged = false;
    // the series this batch read or wrote, as they are once it commits
    let committed: (LoadedSeries & { id: string })[] = [];
    const outcome = await this.inTurn(async () => {
      const result = await this.audit.runCommand(meta, async (c) => {
        committed = [];
        const db = productionDb(c.trx);
        const refused: Rejection[] = [];
        let accepted = 0;
        let duplicates = 0;
        // future periods are judged against the command's own clock
        const byIndicator = new Map<string, Pending[]>();
        for (const item of pending) {
          const header = headers.get(item.indicatorId)!;
          const frequency = header.frequency as Frequency;
          if (item.periodIndex > currentPeriodIndex(c.nowMs, frequency)) {
            refused.push({
              index: item.index,
              field: 'period',
              code: 'period-in-future',
              params: { period: item.period },
            });
            continue;
          }
          const list = byIndicator.get(item.indicatorId);
          if (list) list.push(item);
          else byIndicator.set(item.indicatorId, [item]);
        }
        const numbered = new Map<number, IndicatorRow>();
        for (const id of byIndicator.keys()) {
          const header = headers.get(id)!;
          numbered.set(header.no, header);
        }
        const series = await this.loadSeries(db, numbered);
        // only periods at or before an indicator's last one can already be stored
        const maybeStored: { no: number; period: string }[] = [];
        for (const s of series) {
          const last = s.last;
          if (last === null) continue;
          for (const item of byIndicator.get(numbered.get(s.no)!.id)!)
            if (item.periodIndex <= last) maybeStored.push({ no: s.no, period: item.period });
        }
        const stored = new Map<string, number>();
        for (const r of await store.existingReports(db, maybeStored))
          stored.set(`${r.indicator_no} ${r.period}`, r.value);

        const reportRows: ProductionTables['reports'][] = [];
        const alertRows: ProductionTables['alerts'][] = [];
        // alerts raised by this batch, by indicator, and the revisions of alerts raised before it
        const raisedHere = new Map<string, ProductionTables['alerts']>();
        const revisions: { indicatorId: string; kind: AlertKind; period: string }[] = [];
        const states: { no: number; state: Uint8Array; lastPeriodIndex: number | null }[] = [];
        const perWorkplace = new Map<string, { bodyId: string; accepted: number; lines: string[] }>();
        for (const s of series) {
          const row = numbered.get(s.no)!;
          const list = byIndicator.get(row.id)!;
          list.sort(byPeriodThenPosition);
          const settings = settingsOf(row);
          let state = decodeMonitorState(s.state);
          let last = s.last;
          let moved = false;
          const seen = new Map<number, number>();
          for (const item of list) {
            const before =
              seen.get(item.periodIndex) ??
              (stored.size > 0 ? stored.get(`${row.no} ${item.period}`) : undefined);
            if (before !== undefined) {
              if (before === item.value) duplicates += 1;
              else
                refused.push({
                  index: item.index,
                  field: 'value',
                  code: 'already-reported',
                  params: { period: item.period, stored: before },
                });
              continue;
            }
            seen.set(item.periodIndex, item.value);
            accepted += 1;
            let w = perWorkplace.get(row.workplace_id);
            if (!w) {
              w = { bodyId: row.body_id, accepted: 0, lines: [] };
              perWorkplace.set(row.workplace_id, w);
            }
            w.accepted += 1;
            w.lines.push(`${row.id} ${item.period} ${item.value}\n`);
            if (last !== null && item.periodIndex <= last) {
              // a late report: kept for the record, not forecast
              reportRows.push({
                indicator_no: row.no,
                period: item.period,
                value: item.value,
                received_at: c.now,
                expected: null,
                forecast: null,
                band_low: null,
                band_high: null,
                anomaly_score: null,
              });
              continue;
            }
            if (last !== null) {
              const gap = Math.min(item.periodIndex - last - 1, MAX_GAP_PERIODS);
              for (let g = 0; g < gap; g++) state = monitorStep(state, null, settings).state;
            }
            const step = monitorStep(state, item.value, settings);
            state = step.state;
            last = item.periodIndex;
            moved = true;
            const u = step.update;
            reportRows.push({
              indicator_no: row.no,
              period: item.period,
              value: item.value,
              received_at: c.now,
              expected: Number.isFinite(u.expected) ? u.expected : null,
              forecast: Number.isFinite(u.forecast) ? u.forecast : null,
              band_low: Number.isFinite(u.band.low) ? u.band.low : null,
              band_high: Number.isFinite(u.band.high) ? u.band.high : null,
              anomaly_score: Number.isFinite(u.anomalyScore) ? u.anomalyScore : null,
            });
            if (step.revised !== null) {
              // the turn or the louder noise showed: the episode's alert carries the new kind, raised
              // here (not yet inserted) or by an earlier batch
              const here = raisedHere.get(row.id);
              if (here) here.kind = step.revised;
              else revisions.push({ indicatorId: row.id, kind: step.revised, period: item.period });
            }
            if (step.alert) {
              const a = step.alert;
              const alertRow: ProductionTables['alerts'] = {
                id: newId(),
                indicator_id: row.id,
                workplace_id: row.workplace_id,
                kind: a.kind,
                severity: a.severity,
                probability: a.probability,
                p_step: u.previous.step,
                p_slope: Math.max(u.previous.slope, u.probabilities.slope),
                p_outlier: u.previous.outlier,
                error: a.error,
                period: item.period,
                status: 'open',
                body_id: row.body_id,
                level: 0,
                deadline: new Date(c.nowMs + ackHoursOf(row, a.severity) * HOUR_MS).toISOString(),
                raised_at: c.now,
                acknowledged_at: null,
                acknowledged_by: null,
                resolved_at: null,
                resolved_by: null,
                resolution: null,
              };
              alertRows.push(alertRow);
              raisedHere.set(row.id, alertRow);
            }
          }
          const bytes = moved ? encodeMonitorState(state) : s.state;
          if (moved) states.push({ no: row.no, state: bytes, lastPeriodIndex: last });
          // (only where there is a cache to fill: PostgreSQL builds no list it would throw away)
          if (this.seriesCache) committed.push({ id: row.id, no: row.no, state: bytes, last });
        }
        await store.insertReports(db, kind, reportRows);
        // the move is part of this batch's transaction: it commits or rolls back with it
        merged =
          this.recentSinceMerge + reportRows.length >= this.mergeEvery &&
          (await store.mergeRecentReports(db, kind)) > 0;
        await store.saveSeriesStates(db, kind, states);
        await alertsStore.insertAlerts(db, alertRows);
        for (const r of revisions) {
          const before = await alertsStore.reviseLatestAlert(db, r.indicatorId, r.kind);
          if (before === undefined || before.kind === r.kind) continue;
          c.record({
            action: 'production.alert-revised',
            subjectType: 'alert',
            subjectId: before.id,
            scopeBodyId: before.body_id,
            payload: {
              indicatorId: r.indicatorId,
              workplaceId: before.workplace_id,
              from: before.kind,
              to: r.kind,
              period: r.period,
            },
          });
        }
        for (const [workplaceId, w] of perWorkplace)
          c.record({
            action: 'production.reports-ingested',
            subjectType: 'workplace',
            subjectId: workplaceId,
            scopeBodyId: w.bodyId,
            // the digest commits the audit chain to exactly which reports were stored
            // (one hash over the lines joined: the same digest as line by line, one call into C++)
            payload: {
              accepted: w.accepted,
              digest: createHash('sha256').update(w.lines.join('')).digest('hex'),
            },
          });
        for (const a of alertRows)
          c.record({
            action: 'production.alert-raised',
            subjectType: 'alert',
            subjectId: a.id,
            scopeBodyId: a.body_id,
            payload: {
              indicatorId: a.indicator_id,
              workplaceId: a.workplace_id,
              kind: a.kind,
              severity: a.severity,
              period: a.period,
              deadline: a.deadline,
            },
          });
        buffered = reportRows.length;
        return { accepted, duplicates, refused, alertsRaised: alertRows.length };
      });
      // committed (a replayed command ran nothing: `committed` is empty)
      this.remember(committed);
      return result;
    });
    // after the commit (a replayed command ran nothing: 0, false)
    this.recentSinceMerge = merged ? 0 : this.recentSinceMerge + buffered;
    for (const r of outcome.refused) reject(r.index, r.field, r.code, r.params);
    rejected.sort((a, b) => a.index - b.index);
    return {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected,
      alertsRaised: outcome.alertsRaised,
    };
  }
}

interface Rejection {
  readonly index: number;
  readonly field: string;
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
}
