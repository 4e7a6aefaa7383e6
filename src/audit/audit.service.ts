import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type Clock, isoTime } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { EventBus, LiveEvent } from '../core/event-bus.js';
import { newId } from '../core/ids.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import {
  type AuditRow,
  appendEvents,
  claimCommand,
  findCommand,
  headSeq,
  lockHead,
  pageEvents,
  readDeploymentId,
  storeCommandResult,
  toChained,
} from './audit.store.js';
import type { AuditEventView, AuditPage } from './audit-views.js';
import { EventRelay } from './event-relay.js';
import { type ChainVerdict, ChainVerifier, canonicalJson, hashEvent } from './hash-chain.js';

// (re-exported: other areas import this area's service only)
export type { AuditEventView } from './audit-views.js';

/** Who causes a change. */
export type Actor =
  /** A signed-in person acting through their account. */
  | { kind: 'person'; accountId: string; personId: string }
  /** A machine acting through an API token. */
  | { kind: 'token'; tokenId: string; accountId: string }
  /** The system itself (scheduler, scenario loader, CLI administration). */
  | { kind: 'system'; name: string };

/** What a service records about one change. */
export interface AuditInput {
  /** `<area>.<event>`, e.g. `identity.password-changed`. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Restrict visibility to members of this body. */
  readonly scopeBodyId?: string | null;
  /** Restrict visibility to this person. */
  readonly scopePersonId?: string | null;
  /** JSON-serialisable details; never secrets (passwords, token secrets, ballot contents). */
  readonly payload?: unknown;
}

/** The transaction a command runs in, with its time and a way to record audit events. */
export interface CommandScope {
  readonly trx: Transaction<Tables>;
  /** The command's time, fixed for the whole command, in ms since the epoch (UTC). */
  readonly nowMs: number;
  /** The same time as ISO-8601 UTC text. */
  readonly now: string;
  readonly actor: Actor;
  /** Records an event; it is chained and stored before the transaction commits. */
  record(event: AuditInput): void;
}

/** How a command is identified for idempotency. */
export interface CommandMeta {
  readonly actor: Actor;
  /** Client-chosen id (HTTP `Idempotency-Key`); a retry with the same id returns the first result. */
  readonly commandId?: string;
  /** What the command is (e.g. route and body hash); the same id with another fingerprint is refused. */
  readonly fingerprint?: string;
}

function actorId(actor: Actor): string | null {
  return actor.kind === 'system' ? null : actor.accountId;
}

/** SHA-256 hex of a text, for command fingerprints. */
export function fingerprintOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The audit log and the command runner. Every state-changing service call runs through
 * `runCommand`: one transaction, audit events chained inside it, idempotent on the command id,
 * and the events published to live subscribers only after commit.
 */
export class AuditService {
  /** Publishes committed events on the bus exactly once each, in seq order (see EventRelay). */
  private readonly relay: EventRelay;

  private constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    bus: EventBus,
    /** This deployment's id (from the `deployment` table). */
    readonly deploymentId: string,
  ) {
    this.relay = new EventRelay(bus, (after, limit) => this.after(after, limit));
  }

  /**
   * PostgreSQL channel on which every commit that appends events is announced (payload: the seq
   * of its last event). Named after the deployment, so deployments (and test schemas) sharing one
   * database do not hear each other. Lower-case hex and underscores: a plain identifier.
   */
  get channel(): string {
    return `cordones_events_${this.deploymentId.replaceAll('-', '').toLowerCase()}`;
  }

  /** The seq of the newest committed event (0 when there is none). */
  headSeq(): Promise<number> {
    return headSeq(this.database.db, this.deploymentId);
  }

  /**
   * Tells this process that events up to `seq` are committed (by any instance): the ones not yet
   * published here go out on the bus, in order. The first call only marks where live delivery
   * starts. Resolves when they are published.
   */
  committedUpTo(seq: number): Promise<void> {
    return this.relay.reached(seq);
  }

  /** Where failures to read missed events for live delivery are reported (a logger). */
  reportDeliveryErrorsTo(onError: (error: unknown) => void): void {
    this.relay.onError = onError;
  }

  /** Creates the service, reading the deployment id once. */
  static async create(database: Database, clock: Clock, bus: EventBus): Promise<AuditService> {
    return new AuditService(database, clock, bus, await readDeploymentId(database.db));
  }

  /**
   * Runs `work` as one command: in one transaction, with its audit events appended to the chain
   * before commit. With a `commandId` already seen, returns the stored result without running
   * `work` again. Results must be JSON-serialisable. A thrown error rolls everything back.
   *
   * @example await audit.runCommand({ actor }, async (c) => { await store.insert(c.trx, …); c.record({ action: 'x.created', … }); return { id }; });
   */
  async runCommand<T>(meta: CommandMeta, work: (scope: CommandScope) => Promise<T>): Promise<T> {
    const nowMs = this.clock.now();
    const now = isoTime(nowMs);
    const recorded: AuditInput[] = [];
    const published: LiveEvent[] = [];
    const outcome = await this.database.db.transaction().execute(async (trx) => {
      if (meta.commandId !== undefined) {
        const fingerprint = meta.fingerprint ?? '';
        const fresh = await claimCommand(trx, {
          id: meta.commandId,
          actor_id: actorId(meta.actor),
          fingerprint,
          result: null,
          created_at: now,
        });
        if (!fresh) {
          const previous = await findCommand(trx, meta.commandId);
          if (
            !previous ||
            previous.fingerprint !== fingerprint ||
            previous.actor_id !== actorId(meta.actor)
          ) {
            throw new AppError('idempotency-key-reused', { field: 'header.idempotency-key' });
          }
          return { replayed: true as const, value: JSON.parse(previous.result ?? 'null') as T };
        }
      }
      const value = await work({ trx, nowMs, now, actor: meta.actor, record: (e) => recorded.push(e) });
      if (recorded.length > 0) {
        const head = await lockHead(trx, this.database.kind, this.deploymentId);
        let prev = head.hash;
        let seq = head.seq;
        const rows: AuditRow[] = [];
        for (const input of recorded) {
          seq += 1;
          const base = {
            seq,
            id: newId(),
            deploymentId: this.deploymentId,
            occurredAt: now,
            actorId: actorId(meta.actor),
            action: input.action,
            subjectType: input.subjectType,
            subjectId: input.subjectId,
            scopeBodyId: input.scopeBodyId ?? null,
            scopePersonId: input.scopePersonId ?? null,
            payload: canonicalJson(input.payload ?? {}),
          };
          const hash = hashEvent(prev, base);
          rows.push({
            seq,
            id: base.id,
            deployment_id: base.deploymentId,
            occurred_at: now,
            actor_id: base.actorId,
            action: base.action,
            subject_type: base.subjectType,
            subject_id: base.subjectId,
            scope_body_id: base.scopeBodyId,
            scope_person_id: base.scopePersonId,
            payload: base.payload,
            prev_hash: prev,
            hash,
          });
          published.push({ ...base, payload: input.payload ?? {} });
          prev = hash;
        }
        await appendEvents(trx, this.database.kind, this.deploymentId, rows, this.channel);
      }
      if (meta.commandId !== undefined) {
        await storeCommandResult(trx, meta.commandId, JSON.stringify(value ?? null));
      }
      return { replayed: false as const, value };
    });
    if (!outcome.replayed) this.relay.committed(published);
    return outcome.value;
  }

  /** Newest-first page of events, optionally for one subject; `before` is a seq from a previous page. */
  async list(options: { subjectId?: string; before?: number; limit: number }): Promise<AuditPage> {
    const rows = await pageEvents(this.database.db, {
      afterSeq: 0,
      limit: options.limit,
      descending: true,
      ...(options.subjectId !== undefined ? { subjectId: options.subjectId } : {}),
      ...(options.before !== undefined ? { beforeSeq: options.before } : {}),
    });
    const events = rows.map(toView);
    const last = events.at(-1);
    return { events, nextBefore: events.length === options.limit && last ? last.seq : null };
  }

  /** Events after `afterSeq` in stream order (for SSE replay after a reconnect). */
  async after(afterSeq: number, limit: number): Promise<AuditEventView[]> {
    return (await pageEvents(this.database.db, { afterSeq, limit })).map(toView);
  }

  /**
   * Recomputes the whole chain in batches and reports the first broken link.
   * `onProgress` receives the number of events checked so far.
   */
  async verify(onProgress?: (checked: number) => void): Promise<ChainVerdict> {
    const verifier = new ChainVerifier();
    const batch = 5000;
    let after = 0;
    for (;;) {
      const rows = await pageEvents(this.database.db, { afterSeq: after, limit: batch });
      for (const row of rows) {
        if (!verifier.check(toChained(row))) return verifier.verdict();
      }
      const last = rows.at(-1);
      if (!last || rows.length < batch) break;
      after = Number(last.seq);
      onProgress?.(after);
    }
    return verifier.verdict();
  }
}

/** A stored audit row as presented (the audit page, the stream, the overview's chronicle). */
export function toView(row: AuditRow): AuditEventView {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    scopeBodyId: row.scope_body_id,
    scopePersonId: row.scope_person_id,
    payload: JSON.parse(row.payload) as unknown,
    hash: row.hash,
  };
}
