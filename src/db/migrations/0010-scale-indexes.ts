import type { Kysely } from 'kysely';

// Indexes for the country scale (30,000 workplaces, 31,000 bodies, 20,000 parcels): the
// federation (`GET /api/bodies`) and the register (`GET /api/workplaces`) are read in name order,
// the land ledger reads every status change in time order and the land page the parcels by region
// and name; without an index in that order PostgreSQL sorts every row on each request, spilling
// to disk past work_mem (about 170 ms of the federation's answer and 250 ms of the ledger's at
// country scale, measured by `npm run bench -- country`). Portable, as every migration.

/** Indexes in the orders the pages read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bodies_name_idx').on('bodies').columns(['name', 'id']).execute();
  await db.schema.createIndex('workplaces_name_idx').on('workplaces').columns(['name', 'id']).execute();
  await db.schema
    .createIndex('parcel_statuses_since_idx')
    .on('parcel_statuses')
    .columns(['since', 'id'])
    .execute();
  await db.schema
    .createIndex('parcels_listing_idx')
    .on('parcels')
    .columns(['region', 'name', 'id'])
    .execute();
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('parcels_listing_idx').execute();
  await db.schema.dropIndex('parcel_statuses_since_idx').execute();
  await db.schema.dropIndex('workplaces_name_idx').execute();
  await db.schema.dropIndex('bodies_name_idx').execute();
}
