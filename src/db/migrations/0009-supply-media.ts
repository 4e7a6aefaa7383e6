import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { householdTerms } from '../../supply/search-terms.js';

// Portable as 0004: text ids and times; photo bytes are a BLOB on SQLite and a bytea on PostgreSQL
// (both read back as a Buffer). Meanings are documented in src/supply/supply.tables.ts.

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

type Household = { id: string; committee_id: string; address: string; name: string | null };
const BACKFILL_PAGE = 2000;

/**
 * Supply, second part: an optional household name, the household search index (one row per word
 * of name and address and per card code, so a fragment is found with a B-tree range on both
 * dialects), and photos of price reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Private keys are sealed (AES-256-GCM) from now on. The key-encryption key is the deployment's
  // (SECRET_KEY_FILE), which a schema migration does not see: the PEM rows already there are sealed
  // by SupplyService.create at the next start, before anything can sign (src/supply/cards.service.ts).
  await db.schema
    .alterTable('supply_committee_keys')
    .renameColumn('private_key_pem', 'private_key_sealed')
    .execute();
  await db.schema.alterTable('supply_households').addColumn('name', 'text').execute();

  await db.schema
    .createTable('supply_household_terms')
    .addColumn('committee_id', 'text', (c) => c.notNull())
    // Normalised word (lower case, no accents) or `#` + card code; see src/supply/search-terms.ts.
    // Byte order on both dialects (SQLite's BINARY; "C" on PostgreSQL, whose default collation
    // may ignore punctuation), so the store's prefix range is a prefix match served by the key.
    .addColumn('term', 'text', (c) =>
      isSqlite(db) ? c.notNull() : c.modifyFront(sql`collate "C"`).notNull(),
    )
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    .addPrimaryKeyConstraint('supply_household_terms_pk', ['committee_id', 'term', 'household_id'])
    .execute();
  await db.schema
    .createIndex('supply_household_terms_household_idx')
    .on('supply_household_terms')
    // (household, term): a further fragment is one seek per household found by the first.
    .columns(['household_id', 'term'])
    .execute();

  // Households registered before this migration get their terms (names are all null then).
  let after = '';
  for (;;) {
    const page = (
      await sql<Household>`select id, committee_id, address, name from supply_households where id > ${after} order by id limit ${BACKFILL_PAGE}`.execute(
        db,
      )
    ).rows;
    const last = page.at(-1);
    if (!last) break;
    const rows = page.flatMap((h) =>
      householdTerms(h).map((term) => ({ committee_id: h.committee_id, term, household_id: h.id })),
    );
    for (let i = 0; i < rows.length; i += 300) {
      await db
        .insertInto('supply_household_terms' as never)
        .values(rows.slice(i, i + 300) as never)
        .execute();
    }
    after = last.id;
  }

  await db.schema
    .createTable('supply_report_photos')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('supply_price_reports.id'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('bytes', isSqlite(db) ? 'blob' : sql`bytea`, (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Drops the photos and the search index, and the household name. Sealed private keys stay sealed
 * (opening them needs the deployment's key, which a migration does not have).
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('supply_report_photos').ifExists().execute();
  await db.schema.dropTable('supply_household_terms').ifExists().execute();
  await db.schema.alterTable('supply_households').dropColumn('name').execute();
  await db.schema
    .alterTable('supply_committee_keys')
    .renameColumn('private_key_sealed', 'private_key_pem')
    .execute();
}
