import type { Kysely, Transaction } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** An account joined with its person. */
export interface AccountRecord {
  readonly accountId: string;
  readonly personId: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
  readonly displayName: string;
  readonly locale: string;
}

/** A session joined with its account and person. */
export interface SessionRecord extends AccountRecord {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

const accountColumns = [
  'accounts.id as accountId',
  'accounts.person_id as personId',
  'accounts.username as username',
  'accounts.password_hash as passwordHash',
  'accounts.is_admin as isAdmin',
  'people.display_name as displayName',
  'people.locale as locale',
] as const;

function toAccount<T extends { isAdmin: number }>(row: T): Omit<T, 'isAdmin'> & { isAdmin: boolean } {
  return { ...row, isAdmin: Number(row.isAdmin) === 1 };
}

/** Inserts a person. */
export async function insertPerson(db: Db, row: Tables['people']): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

/** Inserts many people at once (batches keep each statement under the dialects' parameter limits). */
export async function insertPeople(db: Db, rows: Tables['people'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('people')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Inserts an account. */
export async function insertAccount(db: Db, row: Tables['accounts']): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

/** True when the user name is taken. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return row !== undefined;
}

/** The account with this user name. */
export async function findAccountByUsername(db: Db, username: string): Promise<AccountRecord | undefined> {
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(accountColumns)
    .where('accounts.username', '=', username)
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

/** The account with this id. */
export async function findAccountById(db: Db, accountId: string): Promise<AccountRecord | undefined> {
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(accountColumns)
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

/** Inserts a session. */
export async function insertSession(db: Db, row: Tables['sessions']): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

const liveSessionQuery = preparedQuery((db: Kysely<Tables>, sessionId: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      ...accountColumns,
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'sessions.expires_at as expiresAt',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now),
);

/** The unexpired session with this id (the hash of its token) at time `now`. Runs on every request. */
export async function findLiveSession(
  db: Db,
  sessionId: string,
  now: string,
): Promise<SessionRecord | undefined> {
  const [row] = await liveSessionQuery(db, sessionId, now);
  return row ? toAccount(row) : undefined;
}

/** Moves a session's expiry. */
export async function extendSession(db: Db, sessionId: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

/** Deletes one session; returns its account id if it existed. */
export async function deleteSession(db: Db, sessionId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .returning('account_id')
    .executeTakeFirst();
  return row?.account_id;
}

/** Deletes every session of an account except `keep`. */
export async function deleteOtherSessions(db: Db, accountId: string, keep: string | null): Promise<void> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keep) query = query.where('id', '!=', keep);
  await query.execute();
}

/** Deletes sessions that expired before `now`. */
export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sets an account's password hash. */
export async function updatePasswordHash(
  db: Db,
  accountId: string,
  hash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: hash, password_changed_at: now })
    .where('id', '=', accountId)
    .execute();
}

/** Inserts an API token. */
export async function insertApiToken(db: Db, row: Tables['api_tokens']): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The unrevoked tokens whose secrets hash to any of `secretHashes` (a handful at a time). */
export async function findLiveTokens(
  db: Db,
  secretHashes: readonly string[],
): Promise<Tables['api_tokens'][]> {
  if (secretHashes.length === 0) return [];
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('secret_hash', 'in', [...secretHashes])
    .where('revoked_at', 'is', null)
    .execute();
}

/** One token by id. */
export async function findToken(db: Db, id: string): Promise<Tables['api_tokens'] | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tokens created by an account (every token for an administrator), newest first. */
export async function listTokens(db: Db, createdBy: string | null): Promise<Tables['api_tokens'][]> {
  let query = db.selectFrom('api_tokens').selectAll();
  if (createdBy !== null) query = query.where('created_by', '=', createdBy);
  return query.orderBy('id', 'desc').execute();
}

/** Marks a token revoked. */
export async function revokeToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
}

/** Records when a token was last used. */
export async function touchToken(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Number of accounts. */
export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a demo account's password (demo mode only). */
export async function insertDemoCredential(db: Db, row: Tables['demo_credentials']): Promise<void> {
  await db.insertInto('demo_credentials').values(row).execute();
}

/** Demo accounts' passwords. */
export async function listDemoCredentials(db: Db): Promise<Tables['demo_credentials'][]> {
  return db.selectFrom('demo_credentials').selectAll().orderBy('username').execute();
}
