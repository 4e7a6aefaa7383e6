import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Reports arrive a period at a time for every indicator, but are kept by indicator, then period
// (`reports`, key (indicator_no, period)), so that a chart reads one range. A day's batch of 1,000
// indicators therefore adds one entry at 1,000 places of that key: once indicators have a few
// hundred reports each, 1,000 different pages rewritten per batch (on SQLite, written to the WAL).
//
// `recent_reports` has the same columns and key and holds the reports of the last few batches:
// small, so a batch touches few of its pages, and they stay in memory. Ingest moves its rows into
// `reports` in bulk once it has taken enough of them (`mergeRecentReports`): each indicator's
// page of `reports` is then rewritten once for many reports instead of once for each. A report is
// in exactly one of the two tables; readers read both (src/production/reports.store.ts).
// SQLite: WITHOUT ROWID, the key is the table (one B-tree written per report, not two).

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const COLUMNS = sql.raw(
  'indicator_no, period, value, received_at, expected, forecast, band_low, band_high, anomaly_score',
);

/** Creates `recent_reports`, the buffer of reports not yet moved into `reports`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema
    .createTable('recent_reports')
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
  await (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`)).execute();
}

/** Moves the buffered reports into `reports` and drops the buffer. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`insert into reports (${COLUMNS}) select ${COLUMNS} from recent_reports`.execute(db);
  await db.schema.dropTable('recent_reports').execute();
}
