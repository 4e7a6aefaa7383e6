import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The layout of the ingest path (issue 4), measured in src/production/README.md "Speed":
//
// - The forecaster state moves out of the wide `indicators` row into `indicator_series`
//   (number, indicator, state as raw bytes, last period). A batch rewrites ~1,000 of these; on
//   PostgreSQL the narrow row with fillfactor 30 is updated in place (HOT: no index entries, pruned
//   without VACUUM) instead of adding a ~1 kB wide row version and two index entries each time.
// - `no` is a small integer per indicator, and reports are keyed by (indicator_no, period) instead
//   of the 36-character indicator id: a report's index entry is ~20 bytes instead of ~55, so a
//   day's batch, which adds one entry per indicator at ~1,000 places of that index, touches fewer
//   index pages.
//
// Existing data moves: states (text `b1:`+base64 of the doubles, or JSON) become the same bytes
// (base64 decoded, or the JSON's UTF-8); reports get their indicator's number. `down` moves back.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// `b1:` + base64 → the raw doubles; JSON stays JSON, as UTF-8 bytes (it starts with `{`, which no
// raw state does: its first double is 0 or 1, whose first byte is 0).
function stateBytes(text: string): Buffer {
  return text.startsWith('b1:') ? Buffer.from(text.slice(3), 'base64') : Buffer.from(text, 'utf8');
}

function stateText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  return b[0] === 0x7b ? b.toString('utf8') : `b1:${b.toString('base64')}`;
}

/** Moves the forecaster state to `indicator_series` and keys reports by the indicator's number. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  // SQLite: an INTEGER PRIMARY KEY is the rowid, numbered on insert and kept by VACUUM.
  await db.schema
    .createTable('indicator_series')
    .addColumn('no', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('indicator_id', 'text', (c) => c.notNull().unique().references('indicators.id'))
    .addColumn('state', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('last_period_index', 'integer')
    .execute();
  // room on each page for the next versions of its rows, so updates stay HOT
  if (pg) await sql`alter table indicator_series set (fillfactor = 30)`.execute(db);

  const indicators = await sql<{ id: string; state: string; last_period_index: number | null }>`
    select id, state, last_period_index from indicators order by created_at, id`.execute(db);
  for (let i = 0; i < indicators.rows.length; i += 200) {
    await db
      .insertInto('indicator_series' as never)
      .values(
        indicators.rows.slice(i, i + 200).map((r) => ({
          indicator_id: r.id,
          state: stateBytes(r.state),
          last_period_index: r.last_period_index,
        })) as never,
      )
      .execute();
  }
  await db.schema.alterTable('indicators').dropColumn('state').execute();
  await db.schema.alterTable('indicators').dropColumn('last_period_index').execute();

  await createReports(db, 'reports_next', 'indicator_no', 'integer', 'indicator_series.no');
  await sql`insert into reports_next (indicator_no, period, value, received_at, expected, forecast, band_low, band_high, anomaly_score)
    select s.no, r.period, r.value, r.received_at, r.expected, r.forecast, r.band_low, r.band_high, r.anomaly_score
    from reports r join indicator_series s on s.indicator_id = r.indicator_id`.execute(db);
  await db.schema.dropTable('reports').execute();
  await db.schema.alterTable('reports_next').renameTo('reports').execute();
  if (pg) await sql`alter table reports rename constraint reports_next_pk to reports_pk`.execute(db);
}

async function createReports(
  db: Kysely<unknown>,
  name: string,
  key: string,
  keyType: 'integer' | 'text',
  references: string,
): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn(key, keyType, (c) => c.notNull().references(references))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('forecast', 'double precision')
    .addColumn('band_low', 'double precision')
    .addColumn('band_high', 'double precision')
    .addColumn('anomaly_score', 'double precision')
    .addPrimaryKeyConstraint(`${name}_pk`, [key, 'period'])
    .execute();
}

/** Puts the state back on `indicators` and keys reports by indicator id again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await createReports(db, 'reports_prev', 'indicator_id', 'text', 'indicators.id');
  await sql`insert into reports_prev (indicator_id, period, value, received_at, expected, forecast, band_low, band_high, anomaly_score)
    select s.indicator_id, r.period, r.value, r.received_at, r.expected, r.forecast, r.band_low, r.band_high, r.anomaly_score
    from reports r join indicator_series s on s.no = r.indicator_no`.execute(db);
  await db.schema.dropTable('reports').execute();
  await db.schema.alterTable('reports_prev').renameTo('reports').execute();
  // PostgreSQL names the key's index after the constraint; SQLite's name is only in the table text
  if (isPostgres(db))
    await sql`alter table reports rename constraint reports_prev_pk to reports_pk`.execute(db);

  // NOT NULL needs a default on SQLite's ADD COLUMN; every row gets its state just below
  await db.schema
    .alterTable('indicators')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('indicators').addColumn('last_period_index', 'integer').execute();
  const series = await sql<{ indicator_id: string; state: Uint8Array; last_period_index: number | null }>`
    select indicator_id, state, last_period_index from indicator_series`.execute(db);
  for (const r of series.rows)
    await sql`update indicators set state = ${stateText(r.state)}, last_period_index = ${r.last_period_index}
      where id = ${r.indicator_id}`.execute(db);
  await db.schema.dropTable('indicator_series').execute();
}
