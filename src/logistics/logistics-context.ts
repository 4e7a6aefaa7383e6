import type { Actor, AuditService, CommandMeta } from '../audit/audit.service.js';
import { invalid } from '../core/errors.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import { actorOf, type Principal } from '../identity/principal.js';
import { type LogisticsDb, logisticsDb } from './logistics-db.js';

/** The system acting by name (scenario loader, CLI, another area's scheduler). */
export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

/** Whoever calls a logistics service: a principal, or the system. */
export type LogisticsActor = Principal | SystemActor;

/** What every logistics service shares. */
export class LogisticsContext {
  constructor(
    readonly database: Database,
    readonly audit: AuditService,
    readonly councils: CouncilsService,
  ) {}

  /** The database widened to the logistics tables. */
  get db(): LogisticsDb {
    return logisticsDb(this.database.db);
  }

  /**
   * May the actor decide for the body? Officers (chair, secretary) of a base body, and the
   * delegates holding a seat of a council (a cordón decides by its delegates); the system always.
   */
  async mayDecide(actor: LogisticsActor, bodyId: string): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (await this.councils.may(actor, 'body.manage', bodyId)) return true;
    return this.councils.may(actor, 'council.vote', bodyId);
  }
}

/** The command meta of a call made without an HTTP request. */
export function metaFor(actor: LogisticsActor, meta?: CommandMeta): CommandMeta {
  if (meta) return meta;
  const a: Actor = actor.kind === 'system' ? actor : actorOf(actor);
  return { actor: a };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a 400 unless `value` is a real date YYYY-MM-DD. */
export function checkDate(field: string, value: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(field, { en: 'must be a date YYYY-MM-DD', es: 'debe ser una fecha AAAA-MM-DD' });
}

/** Throws a 400 unless `value` is a positive integer. */
export function checkPositiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0)
    throw invalid(field, { en: 'must be a positive whole number', es: 'debe ser un número entero positivo' });
}
