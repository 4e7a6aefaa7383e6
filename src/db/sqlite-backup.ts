import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

/** What a readable Cordones SQLite file holds, as far as backup and restore care. */
export interface SqliteFileSummary {
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** The last migration applied to it (null: none). */
  readonly migration: string | null;
  /** Audit events in it. */
  readonly events: number;
}

/** The outcome of `backupSqlite`. */
export type BackupOutcome =
  | ({ readonly status: 'ok' } & SqliteFileSummary)
  /** No database file at the source path. */
  | { readonly status: 'no-source' }
  /** The destination exists; a backup never overwrites. */
  | { readonly status: 'exists' }
  /** The copy failed SQLite's own check (`reason` from `pragma quick_check`); nothing was kept. */
  | { readonly status: 'damaged'; readonly reason: string };

/** The outcome of `restoreSqlite`. */
export type RestoreOutcome =
  | ({ readonly status: 'ok' } & SqliteFileSummary)
  | { readonly status: 'no-backup' }
  /** The target exists and `replace` was not given. */
  | { readonly status: 'exists' }
  /** The file is not a sound Cordones database (`reason` says why); nothing was touched. */
  | { readonly status: 'not-a-backup'; readonly reason: string }
  /** It was made by a newer version: it holds migrations this one does not know. */
  | { readonly status: 'newer'; readonly unknown: readonly string[] };

function check(db: SqliteDatabase.Database): string | null {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const verdict = rows.map((r) => r.quick_check).join('; ');
  return verdict === 'ok' ? null : verdict;
}

function summary(db: SqliteDatabase.Database, path: string): SqliteFileSummary {
  const migration = db.prepare('select max(name) as name from kysely_migration').get() as {
    name: string | null;
  };
  const events = db.prepare('select count(*) as n from audit_events').get() as { n: number };
  return { bytes: statSync(path).size, migration: migration.name, events: events.n };
}

/**
 * Copies the SQLite database at `source` to the new file `destination` with SQLite's online
 * backup API, so the server may keep running (writes during the copy are carried over or the copy
 * restarts; the result is one consistent moment). The copy is written beside the destination,
 * checked (`pragma quick_check`), switched from WAL to a single self-contained file, and only then
 * given its name, so a failed or interrupted backup never leaves a file that looks whole.
 *
 * @example const outcome = await backupSqlite('./data/cordones.db', '/backups/cordones-1972-10-11.db');
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupOutcome> {
  if (!existsSync(source)) return { status: 'no-source' };
  if (existsSync(destination)) return { status: 'exists' };
  const partial = `${destination}.partial-${process.pid}`;
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    await live.backup(partial);
  } finally {
    live.close();
  }
  const copy = new SqliteDatabase(partial, { fileMustExist: true });
  let damaged: string | null;
  let result: SqliteFileSummary | null = null;
  try {
    damaged = check(copy);
    if (!damaged) {
      copy.pragma('journal_mode = DELETE');
      result = summary(copy, partial);
    }
  } finally {
    copy.close();
  }
  if (damaged || !result) {
    rmSync(partial, { force: true });
    return { status: 'damaged', reason: damaged ?? 'unreadable' };
  }
  renameSync(partial, destination);
  return { status: 'ok', ...result };
}

/**
 * Puts the backup `backup` in place of the database at `target`, through the same backup API
 * (pages copied into the target inside SQLite's locking, WAL and all, so no stale `-wal` file can
 * undo it). The backup is checked first: SQLite's quick check, the Cordones tables, and no
 * migration newer than this version knows. Stop every server using `target` first: a running one
 * would keep serving from caches of the old data. Refuses an existing target unless `replace`.
 *
 * @example await restoreSqlite('/backups/cordones-1972-10-11.db', './data/cordones.db', { replace: true });
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  options: { replace: boolean },
): Promise<RestoreOutcome> {
  if (!existsSync(backup)) return { status: 'no-backup' };
  if (existsSync(target) && !options.replace) return { status: 'exists' };
  let source: SqliteDatabase.Database;
  try {
    source = new SqliteDatabase(backup, { fileMustExist: true, readonly: true });
  } catch (err) {
    return { status: 'not-a-backup', reason: err instanceof Error ? err.message : String(err) };
  }
  try {
    let damaged: string | null;
    try {
      damaged = check(source);
    } catch (err) {
      damaged = err instanceof Error ? err.message : String(err);
    }
    if (damaged) return { status: 'not-a-backup', reason: damaged };
    const tables = new Set(
      (source.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    for (const needed of ['kysely_migration', 'deployment', 'audit_events'])
      if (!tables.has(needed)) return { status: 'not-a-backup', reason: `it has no ${needed} table` };
    const names = (source.prepare('select name from kysely_migration').all() as { name: string }[]).map(
      (r) => r.name,
    );
    const unknown = names.filter((n) => !(n in MIGRATIONS));
    if (unknown.length > 0) return { status: 'newer', unknown };
    await source.backup(target);
  } finally {
    source.close();
  }
  const restored = new SqliteDatabase(target, { fileMustExist: true });
  try {
    return { status: 'ok', ...summary(restored, target) };
  } finally {
    restored.close();
  }
}
