import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import * as store from './alerts.store.js';
import { productionDb } from './production-db.js';
import { ESCALATION_LEVELS } from './production-views.js';
import { ackHoursOf } from './reports.service.js';

/** What one escalation run did. */
export interface EscalationOutcome {
  /** Alerts moved one level up. */
  readonly escalated: number;
  /** Alerts past their deadline at the top of the federation: their clock stopped, they stay open. */
  readonly atTop: number;
}

const HOUR_MS = 3_600_000;
const BATCH = 500;

/**
 * Escalation of unacknowledged alerts. Its whole state is in the `alerts` table (level, body
 * responsible, deadline), so a restart loses nothing: a run after a crash simply finds the alerts
 * whose deadline passed. Each move is a compare-and-set on (id, level, deadline), so a retried
 * or concurrent run never escalates an alert twice for one deadline.
 */
export class EscalationService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly councils: CouncilsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Moves every open alert whose deadline is at or before `nowMs` one level up the federation
   * (workplace → cordón → region → nation), with a new deadline from its severity counted from
   * now, and tells the members of the council it reaches through an audit event scoped to that
   * council (the SSE stream delivers it live). An alert already at the top keeps its level and its
   * clock stops.
   *
   * @example setInterval(() => escalation.escalateDue(), 30_000);
   */
  async escalateDue(nowMs: number = this.clock.now()): Promise<EscalationOutcome> {
    let escalated = 0;
    let atTop = 0;
    const now = new Date(nowMs).toISOString();
    for (;;) {
      // Councils above are read before the transaction: the councils service runs its own
      // queries, which on SQLite must not wait inside our write transaction.
      const due = await store.dueAlerts(productionDb(this.database.db), null, now, BATCH);
      if (due.length === 0) break;
      const above = new Map<string, string | null>();
      for (const a of due)
        if (!above.has(a.body_id)) above.set(a.body_id, await this.councils.councilAbove(a.body_id));
      const moved = await this.audit.runCommand(
        { actor: { kind: 'system', name: 'escalation' } },
        async (c) => {
          const db = productionDb(c.trx);
          // re-read under lock (PostgreSQL: FOR UPDATE SKIP LOCKED) — another runner may have moved some
          const locked = await store.dueAlerts(db, this.database.kind, now, BATCH);
          const hours = await store.ackHoursOfIndicators(
            db,
            locked.map((a) => a.indicator_id),
          );
          let up = 0;
          let top = 0;
          for (const a of locked) {
            if (a.deadline === null || !above.has(a.body_id)) continue;
            const next = above.get(a.body_id) ?? null;
            const from = { id: a.id, level: a.level, deadline: a.deadline };
            if (next === null) {
              if (await store.clearDeadline(db, from)) {
                top += 1;
                c.record({
                  action: 'production.alert-unanswered-at-top',
                  subjectType: 'alert',
                  subjectId: a.id,
                  scopeBodyId: a.body_id,
                  payload: { level: a.level, deadline: a.deadline },
                });
              }
              continue;
            }
            const h = hours.get(a.indicator_id);
            const deadline = new Date(c.nowMs + (h ? ackHoursOf(h, a.severity) : 24) * HOUR_MS).toISOString();
            if (await store.escalate(db, from, { bodyId: next, level: a.level + 1, deadline })) {
              up += 1;
              c.record({
                action: 'production.alert-escalated',
                subjectType: 'alert',
                subjectId: a.id,
                scopeBodyId: next,
                payload: {
                  fromBodyId: a.body_id,
                  level: a.level + 1,
                  levelName: ESCALATION_LEVELS[a.level + 1] ?? `level ${a.level + 1}`,
                  workplaceId: a.workplace_id,
                  indicatorId: a.indicator_id,
                  kind: a.kind,
                  severity: a.severity,
                  missedDeadline: a.deadline,
                  deadline,
                },
              });
            }
          }
          return { up, top };
        },
      );
      escalated += moved.up;
      atTop += moved.top;
      if (due.length < BATCH || moved.up + moved.top === 0) break;
    }
    return { escalated, atTop };
  }
}
