import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DialectKind } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { GENESIS_HASH, type StoredChainedEvent } from './hash-chain.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** An event row as stored. */
export type AuditRow = Tables['audit_events'];

/** Reads this deployment's chain head, locking it on PostgreSQL so appends are serialised. */
export async function lockHead(
  trx: Transaction<Tables>,
  kind: DialectKind,
  deploymentId: string,
): Promise<{ seq: number; hash: string }> {
  let query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('deployment_id', '=', deploymentId);
  // SQLite serialises writers itself; FOR UPDATE exists only on PostgreSQL.
  if (kind === 'postgres') query = query.forUpdate();
  const head = await query.executeTakeFirst();
  if (head) return head;
  await trx
    .insertInto('audit_head')
    .values({ deployment_id: deploymentId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('deployment_id').doNothing())
    .execute();
  if (kind === 'postgres') {
    return trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('deployment_id', '=', deploymentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }
  return { seq: 0, hash: GENESIS_HASH };
}

const EVENT_COLUMNS =
  'seq, id, deployment_id, occurred_at, actor_id, action, subject_type, subject_id, scope_body_id, scope_person_id, payload, prev_hash, hash';

// PostgreSQL: the rows, the head's move and the commit notice in one statement (one round trip
// instead of three). Data-modifying WITH parts run exactly once whether or not the outer query
// reads them. The NOTIFY is delivered at commit, in commit order, and dropped on rollback; its
// payload is the seq alone (payloads stop at 8000 bytes and an event's payload has no such
// bound), listeners read the events from the table.
const APPEND_POSTGRES = `with ins as (
  insert into audit_events (${EVENT_COLUMNS})
  select ${EVENT_COLUMNS} from json_populate_recordset(null::audit_events, $1::json)
), head as (
  update audit_head set seq = $2, hash = $3 where deployment_id = $4
)
select pg_notify($5, $6)`;

/**
 * Inserts chained rows and moves the head to the last of them; on PostgreSQL also announces on
 * `channel` that events up to the last seq are committed, so other instances hear of the commit
 * (the CLI's writes included).
 */
export async function appendEvents(
  trx: Transaction<Tables>,
  kind: DialectKind,
  deploymentId: string,
  rows: AuditRow[],
  channel: string,
): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  if (kind === 'postgres') {
    await trx.executeQuery(
      CompiledQuery.raw(APPEND_POSTGRES, [
        JSON.stringify(rows),
        last.seq,
        last.hash,
        deploymentId,
        channel,
        String(last.seq),
      ]),
    );
    return;
  }
  await trx.insertInto('audit_events').values(rows).execute();
  await trx
    .updateTable('audit_head')
    .set({ seq: last.seq, hash: last.hash })
    .where('deployment_id', '=', deploymentId)
    .execute();
}

/** The seq of this deployment's newest event (0 when there is none). */
export async function headSeq(db: Db, deploymentId: string): Promise<number> {
  const head = await db
    .selectFrom('audit_head')
    .select('seq')
    .where('deployment_id', '=', deploymentId)
    .executeTakeFirst();
  return head ? Number(head.seq) : 0;
}

/** A page of events in stream order after `afterSeq`, optionally for one subject. */
export async function pageEvents(
  db: Db,
  options: { afterSeq: number; limit: number; subjectId?: string; beforeSeq?: number; descending?: boolean },
): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (options.subjectId !== undefined) query = query.where('subject_id', '=', options.subjectId);
  if (options.descending) {
    if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
    return query.orderBy('seq', 'desc').limit(options.limit).execute();
  }
  return query.where('seq', '>', options.afterSeq).orderBy('seq', 'asc').limit(options.limit).execute();
}

/** Converts a row to the verifier's shape. */
export function toChained(row: AuditRow): StoredChainedEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    deploymentId: row.deployment_id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    scopeBodyId: row.scope_body_id,
    scopePersonId: row.scope_person_id,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The deployment's id, written by the first migration. */
export async function readDeploymentId(db: Db): Promise<string> {
  const row = await db.selectFrom('deployment').select('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Records a command id; false when it was already recorded (the caller replays its result). */
export async function claimCommand(
  trx: Transaction<Tables>,
  row: Tables['processed_commands'],
): Promise<boolean> {
  const inserted = await trx
    .insertInto('processed_commands')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The stored record of a command. */
export async function findCommand(db: Db, id: string): Promise<Tables['processed_commands'] | undefined> {
  return db.selectFrom('processed_commands').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a command's result. */
export async function storeCommandResult(
  trx: Transaction<Tables>,
  id: string,
  result: string,
): Promise<void> {
  await trx.updateTable('processed_commands').set({ result }).where('id', '=', id).execute();
}
