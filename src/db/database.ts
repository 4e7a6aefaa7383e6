import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../core/config.js';
import type { Tables } from './tables.js';

/** Which SQL engine a database runs on. */
export type DialectKind = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, its dialect and a way to close it. */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly kind: DialectKind;
  /** Human description without secrets, e.g. `sqlite ./data/cordones.db`. */
  readonly description: string;
  close(): Promise<void>;
}

// PostgreSQL int8 (bigint, count(*)) arrives as text by default; our integers stay below 2^53
// (quantities are counted in small units but never near 9e15), so they are read as numbers.
const PG_INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === PG_INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

// Kysely's SQLite transactions begin DEFERRED: a transaction reads (the audit head, the series
// states) before it writes, and if another connection — the CLI importing while the server runs, a
// second server on the file — committed in between, its first write fails at once with "database is
// locked" (in WAL mode a reader's snapshot cannot become a writer's, so the busy timeout is not
// even consulted). BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout, so
// writers from several processes queue instead of failing. Within one process Kysely's single
// connection already runs one transaction at a time; nothing changes there.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

// Kysely prepares every statement afresh; on SQLite preparing costs as much as running a small
// query, so statements are kept by SQL text (the set of distinct statements is small and fixed).
const STATEMENT_CACHE_LIMIT = 1000;

function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, key, receiver) {
      if (key !== 'prepare') {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = prepare(source);
          // Statements built from variable-length lists (bulk inserts) would grow the cache without bound.
          if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

/**
 * Opens the database named by `target`. SQLite runs in WAL mode with foreign keys on and a busy
 * timeout; PostgreSQL uses a pool, optionally confined to one schema (tests use one per file).
 *
 * @example const database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { poolSize?: number } = {},
): Promise<Database> {
  if (target.kind === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const sqlite = new SqliteDatabase(target.path);
    // 16 kB pages instead of 4 kB, for a new file only (an existing one keeps its size: changing it
    // takes a VACUUM outside WAL mode). Ingest touches one leaf of the reports index per indicator
    // and batch, wherever it is; bigger pages mean fewer, fuller pages to find, write to the WAL and
    // checksum. In-process ingest, SQL CPU per report: 21.4 → 16.9 µs (70 days of 4,000
    // indicators), 26.7 → 22.5 µs (330 days of 2,000); src/production/README.md "Speed".
    sqlite.pragma('page_size = 16384');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // WAL + NORMAL is durable against application crashes; only an OS crash can lose the last commits.
    sqlite.pragma('synchronous = NORMAL');
    // Checkpoint the WAL back into the database every 16,000 pages (64 MB) instead of SQLite's 1,000:
    // a batch of 1,000 reports dirties ~1,000 pages, so at 1,000 every commit also checkpointed, and
    // wrote and synced the same hot index pages again each time. Up to ~64 MB of commits wait in
    // the WAL for their sync (still durable against a crash of the process, as above); the WAL
    // file stays at about that size. Measured in src/production/README.md "Speed".
    sqlite.pragma('wal_autocheckpoint = 16000');
    const db = new Kysely<Tables>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return {
      db,
      kind: 'sqlite',
      description: `sqlite ${target.path}`,
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle pooled connection that the server ends (a restart, pg_terminate_backend, a network cut)
  // is reported here; without a listener node-postgres' 'error' event would end the process. The
  // pool drops that connection and opens a new one for the next query.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL ended an idle connection (${error.message}); the pool replaces it`);
  });
  // Fail fast with a clear reason rather than on the first query.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(target.url);
  return {
    db,
    kind: 'postgres',
    description: `postgres ${url.hostname}:${url.port || 5432}${url.pathname}${target.schema ? ` schema ${target.schema}` : ''}`,
    close: () => db.destroy(),
  };
}
