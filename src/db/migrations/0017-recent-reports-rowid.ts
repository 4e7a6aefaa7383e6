import { type Kysely, PostgresAdapter, sql } from 'kysely';

// SQLite: `recent_reports` (0016) becomes an ordinary table, its rows in arrival order, with its key
// (indicator_no, period) as a separate unique index. WITHOUT ROWID, each report was put in key
// order among the ~20,000 the buffer holds, so a batch of 1,000 indicators touched (and the
// COMMIT wrote) nearly every page of it, each row ~90 bytes; now a batch appends its rows to the
// last few pages and puts a ~20-byte entry in each of the index's pages. In-process ingest CPU per
// report (`npm run bench -- ingest-cpu`, 11 pairs back to back on a shared VM): median −2.0 µs of
// ~27, lower in 7 of the 11 (src/production/README.md, "Fourth round"). PostgreSQL's tables are
// already heaps with a separate key index: nothing changes there.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const COLUMNS = sql.raw(
  'indicator_no, period, value, received_at, expected, forecast, band_low, band_high, anomaly_score',
);

/** Rebuilds `recent_reports` with or without a rowid, keeping its rows, its key and its name. */
async function rebuild(db: Kysely<unknown>, withoutRowid: boolean): Promise<void> {
  const table = db.schema
    .createTable('recent_reports_next')
    .addColumn('indicator_no', 'integer', (c) => c.notNull().references('indicator_series.no'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('forecast', 'double precision')
    .addColumn('band_low', 'double precision')
    .addColumn('band_high', 'double precision')
    .addColumn('anomaly_score', 'double precision')
    .addPrimaryKeyConstraint('recent_reports_pk', ['indicator_no', 'period']);
  await (withoutRowid ? table.modifyEnd(sql`without rowid`) : table).execute();
  await sql`insert into recent_reports_next (${COLUMNS}) select ${COLUMNS} from recent_reports`.execute(db);
  await db.schema.dropTable('recent_reports').execute();
  await db.schema.alterTable('recent_reports_next').renameTo('recent_reports').execute();
}

/** SQLite: `recent_reports` as a rowid table with a unique index on its key; PostgreSQL: nothing. */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await rebuild(db, false);
}

/** SQLite: back to the WITHOUT ROWID table of 0016, rows kept; PostgreSQL: nothing. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await rebuild(db, true);
}
