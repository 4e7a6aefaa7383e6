import type { AuditService, CommandMeta } from '../audit/audit.service.js';
import { AppError, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf, type PersonPrincipal, type Principal } from '../identity/principal.js';
import * as store from './alerts.store.js';
import { indicatorView } from './production.service.js';
import * as register from './production.store.js';
import type { ProductionTables } from './production.tables.js';
import { type ProductionDb, productionDb } from './production-db.js';
import {
  type AlertComment,
  type AlertStatus,
  type AlertView,
  ESCALATION_LEVELS,
  type SeriesPoint,
  type SeriesView,
} from './production-views.js';
import { type Frequency, periodIndex, periodOf } from './report-period.js';
import type { SystemReporter } from './reports.service.js';
import * as reports from './reports.store.js';
import { canSeeWorkplace } from './workplace-access.js';

// acknowledged_by / resolved_by: an account id, or `system:<name>` for the scenario or a CLI
function handlerOf(principal: PersonPrincipal | SystemReporter): string {
  return principal.kind === 'system' ? `system:${principal.name}` : principal.accountId;
}

/** Converts a stored alert row to its view. */
export function alertView(a: ProductionTables['alerts']): AlertView {
  return {
    id: a.id,
    indicatorId: a.indicator_id,
    workplaceId: a.workplace_id,
    kind: a.kind,
    severity: a.severity as AlertView['severity'],
    probability: a.probability,
    probabilities: { step: a.p_step, slope: a.p_slope, outlier: a.p_outlier },
    error: a.error,
    period: a.period,
    status: a.status as AlertStatus,
    bodyId: a.body_id,
    level: a.level,
    levelName: ESCALATION_LEVELS[a.level] ?? `level ${a.level}`,
    deadline: a.deadline,
    raisedAt: a.raised_at,
    acknowledgedAt: a.acknowledged_at,
    resolvedAt: a.resolved_at,
    resolution: a.resolution,
  };
}

/**
 * Alerts: the boards of bodies, the series behind them, and acknowledging, commenting and
 * resolving. Who may:
 * - see an alert, its series and comment on it: members of the workplace's assembly and the
 *   delegates of the councils above it;
 * - acknowledge or resolve: the assembly's chair or secretary, or — once the alert has climbed —
 *   a delegate of the council now responsible for it.
 * Refusals are the same 403 whether or not the alert exists.
 */
export class AlertsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
  ) {}

  private get db(): ProductionDb {
    return productionDb(this.database.db);
  }

  private async visible(
    principal: Principal | SystemReporter,
    alertId: string,
  ): Promise<{ alert: ProductionTables['alerts']; bodyId: string }> {
    const alert = await store.findAlert(this.db, alertId);
    const w = alert ? await register.findWorkplace(this.db, alert.workplace_id) : undefined;
    if (
      !alert ||
      !w ||
      !(principal.kind === 'system' || (await canSeeWorkplace(this.councils, principal, w.body_id)))
    )
      throw new AppError('forbidden');
    return { alert, bodyId: w.body_id };
  }

  private async mayHandle(
    principal: Principal | SystemReporter,
    alert: ProductionTables['alerts'],
    workplaceBodyId: string,
  ): Promise<boolean> {
    if (principal.kind === 'system') return true;
    if (await this.councils.may(principal, 'body.manage', workplaceBodyId)) return true;
    return alert.level > 0 && (await this.councils.may(principal, 'body.view', alert.body_id));
  }

  /**
   * The alert board of a body: alerts it must handle now and, for a workplace assembly, every
   * alert of its workplace; newest first. 403 unless the principal may see the body.
   *
   * @example const board = await alerts.board(p, cordonId, ['open']);
   */
  async board(
    principal: Principal,
    bodyId: string,
    statuses: AlertStatus[] = ['open', 'acknowledged'],
    limit = 200,
  ): Promise<AlertView[]> {
    await this.councils.assertMay(principal, 'body.view', bodyId);
    const w = await register.workplaceOfBody(this.db, bodyId);
    return (await store.alertsOfBody(this.db, bodyId, w?.id ?? null, statuses, limit)).map(alertView);
  }

  /**
   * Alerts of a workplace in the given states, oldest period first, without a permission check:
   * for the system (scenario loader, CLI). People use `board`.
   */
  async ofWorkplaceForSystem(workplaceId: string, statuses: AlertStatus[]): Promise<AlertView[]> {
    const w = await register.findWorkplace(this.db, workplaceId);
    if (!w) return [];
    const rows = await store.alertsOfBody(this.db, w.body_id, w.id, statuses, 10_000);
    return rows
      .filter((a) => a.workplace_id === w.id)
      .map(alertView)
      .sort((a, b) => a.period.localeCompare(b.period));
  }

  /** One alert with its comments. */
  async alert(principal: Principal, alertId: string): Promise<AlertView & { comments: AlertComment[] }> {
    const { alert } = await this.visible(principal, alertId);
    const comments = await store.commentsOf(this.db, alert.id);
    return {
      ...alertView(alert),
      comments: comments.map((c) => ({
        id: c.id,
        authorPersonId: c.author_person_id,
        text: c.text,
        createdAt: c.created_at,
      })),
    };
  }

  /** An indicator's last `limit` periods with forecast band, next forecast and alerts. */
  async series(principal: Principal, indicatorId: string, limit = 120): Promise<SeriesView> {
    const indicator = await register.findIndicator(this.db, indicatorId);
    if (!indicator || !(await canSeeWorkplace(this.councils, principal, indicator.body_id)))
      throw new AppError('forbidden');
    const rows = await reports.seriesOf(this.db, indicator.id, { limit: limit + 1 });
    const frequency = indicator.frequency as Frequency;
    const points: SeriesPoint[] = [];
    for (let i = rows.length > limit ? 1 : 0; i < rows.length; i++) {
      const r = rows[i]!;
      const prev = i > 0 ? rows[i - 1] : undefined;
      // the band drawn for this period is the one stored with the report of the period before
      const adjacent =
        prev !== undefined &&
        periodIndex(prev.period, frequency) === (periodIndex(r.period, frequency) ?? 0) - 1;
      points.push({
        period: r.period,
        value: r.value,
        expected: r.expected,
        low: adjacent ? (prev.band_low ?? null) : null,
        high: adjacent ? (prev.band_high ?? null) : null,
        anomalyScore: r.anomaly_score,
      });
    }
    let forecast: SeriesView['forecast'] = null;
    const lastForecast = [...rows].reverse().find((r) => r.forecast !== null);
    if (
      lastForecast &&
      lastForecast.forecast !== null &&
      lastForecast.band_low !== null &&
      lastForecast.band_high !== null
    ) {
      const index = periodIndex(lastForecast.period, frequency);
      if (index !== null)
        forecast = {
          period: periodOf(index + 1, frequency),
          value: lastForecast.forecast,
          low: lastForecast.band_low,
          high: lastForecast.band_high,
        };
    }
    const alerts = (await store.alertsOfIndicator(this.db, indicator.id, 500)).map(alertView);
    return { indicator: indicatorView(indicator), points, forecast, alerts };
  }

  /** Takes an open alert in hand: it stops escalating. 409 `alert-closed` when it is not open. */
  async acknowledge(
    principal: PersonPrincipal | SystemReporter,
    alertId: string,
    meta: CommandMeta = { actor: principal.kind === 'system' ? principal : actorOf(principal) },
  ): Promise<AlertView> {
    const { alert, bodyId } = await this.visible(principal, alertId);
    if (!(await this.mayHandle(principal, alert, bodyId))) throw new AppError('forbidden');
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      if (!(await store.acknowledge(db, alert.id, handlerOf(principal), c.now))) {
        const now = await store.findAlert(db, alert.id);
        throw new AppError('alert-closed', {
          field: 'params.id',
          params: { status: now?.status ?? alert.status },
        });
      }
      c.record({
        action: 'production.alert-acknowledged',
        subjectType: 'alert',
        subjectId: alert.id,
        scopeBodyId: alert.body_id,
        payload: { level: alert.level, workplaceBodyId: bodyId },
      });
      return alertView((await store.findAlert(db, alert.id))!);
    });
  }

  /** Closes an alert with a note on how it was handled. 409 when already resolved. */
  async resolve(
    principal: PersonPrincipal | SystemReporter,
    alertId: string,
    resolution: string,
    meta: CommandMeta = { actor: principal.kind === 'system' ? principal : actorOf(principal) },
  ): Promise<AlertView> {
    const { alert, bodyId } = await this.visible(principal, alertId);
    if (!(await this.mayHandle(principal, alert, bodyId))) throw new AppError('forbidden');
    const note = resolution.trim();
    if (!note) throw invalid('body.resolution', { en: 'must not be empty', es: 'no puede estar vacío' });
    return this.audit.runCommand(meta, async (c) => {
      const db = productionDb(c.trx);
      if (!(await store.resolve(db, alert.id, handlerOf(principal), c.now, note)))
        throw new AppError('alert-closed', { field: 'params.id', params: { status: 'resolved' } });
      c.record({
        action: 'production.alert-resolved',
        subjectType: 'alert',
        subjectId: alert.id,
        scopeBodyId: alert.body_id,
        payload: { level: alert.level, resolution: note, workplaceBodyId: bodyId },
      });
      return alertView((await store.findAlert(db, alert.id))!);
    });
  }

  /** Adds a comment to an alert (anyone who may see it). */
  async comment(
    principal: PersonPrincipal,
    alertId: string,
    text: string,
    meta: CommandMeta = { actor: actorOf(principal) },
  ): Promise<AlertComment> {
    const { alert } = await this.visible(principal, alertId);
    const body = text.trim();
    if (!body) throw invalid('body.text', { en: 'must not be empty', es: 'no puede estar vacío' });
    return this.audit.runCommand(meta, async (c) => {
      const row = {
        id: newId(),
        alert_id: alert.id,
        author_person_id: principal.personId,
        text: body,
        created_at: c.now,
      };
      await store.insertComment(productionDb(c.trx), row);
      c.record({
        action: 'production.alert-commented',
        subjectType: 'alert',
        subjectId: alert.id,
        scopeBodyId: alert.body_id,
        payload: { commentId: row.id },
      });
      return { id: row.id, authorPersonId: row.author_person_id, text: row.text, createdAt: row.created_at };
    });
  }
}
