import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { AlertsService } from './alerts.service.js';
import { EscalationService } from './escalation.js';
import { EscalationRunner } from './escalation-runner.js';
import { ProductionService } from './production.service.js';
import { ReportsService } from './reports.service.js';
import { SparePartsService } from './spare-parts.service.js';

/** The production area's services, as `services.production`. */
export interface ProductionArea {
  /** Workplaces, products, capacities, techniques, indicators. */
  readonly register: ProductionService;
  /** Report ingest with forecasting and alert raising. */
  readonly reports: ReportsService;
  /** Alert boards, series, acknowledge, comment, resolve. */
  readonly alerts: AlertsService;
  /** `escalateDue(now)`. */
  readonly escalation: EscalationService;
  /** The in-process scheduler of escalation; started by the HTTP server when it listens. */
  readonly runner: EscalationRunner;
  /** Spare parts: capabilities, needs, maker proposals, orders, boards. */
  readonly spareParts: SparePartsService;
}

/**
 * Wires the production services.
 *
 * @example const production = createProductionArea(database, audit, councils, clock);
 */
export function createProductionArea(
  database: Database,
  audit: AuditService,
  councils: CouncilsService,
  clock: Clock,
): ProductionArea {
  const escalation = new EscalationService(database, audit, councils, clock);
  return Object.freeze({
    register: new ProductionService(database, audit, councils),
    reports: new ReportsService(database, audit, councils),
    alerts: new AlertsService(database, audit, councils),
    escalation,
    runner: new EscalationRunner(escalation),
    spareParts: new SparePartsService(database, audit, councils),
  });
}
