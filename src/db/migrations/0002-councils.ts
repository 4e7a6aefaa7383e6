import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Portable types only, as in 0001: ids and times are text, counts integer, flags integer 0/1.

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * Councils: body rules and member counts, affiliations with seat rules, elections with secret
 * ballots, recall petitions, meetings, motions with amendments and votes, mandates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Secret tables keep rows in the order of a random key, not of insertion: on SQLite a
  // WITHOUT ROWID table has no hidden rowid that would count ballots as they arrive.
  const secret = isSqlite(db) ? sql`without rowid` : sql``;

  await db.schema
    .createTable('body_settings')
    .addColumn('body_id', 'text', (c) => c.primaryKey().references('bodies.id'))
    // Kept with every membership change so that a petition's threshold is read in O(1).
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recall_share_pct', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('quorum', 'integer')
    .addColumn('threshold', 'text', (c) => c.notNull().defaultTo('majority-of-votes-cast'))
    .addColumn('abstentions', 'text', (c) => c.notNull().defaultTo('excluded'))
    .addColumn('weighted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('secret_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('affiliations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('council_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('seat_rule', 'text', (c) => c.notNull())
    .addColumn('seats_fixed', 'integer')
    .addColumn('members_per_seat', 'integer')
    .addColumn('min_seats', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('affiliations_body_idx').on('affiliations').column('body_id').execute();
  await db.schema.createIndex('affiliations_council_idx').on('affiliations').column('council_id').execute();

  await db.schema.alterTable('seats').addColumn('vacate_reason', 'text').execute();
  await db.schema
    .createIndex('seats_council_idx')
    .on('seats')
    .columns(['council_id', 'constituency_id'])
    .execute();

  await db.schema
    .createTable('elections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('council_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ballots_cast', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lot_seed', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('elections_body_idx').on('elections').column('body_id').execute();

  await db.schema
    .createTable('election_candidates')
    .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('nominated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('election_candidates_pk', ['election_id', 'person_id'])
    .execute();

  // Who voted, with nothing else: no time, no order, no link to the ballot.
  await db.schema
    .createTable('election_participation')
    .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('election_participation_pk', ['election_id', 'person_id'])
    .modifyEnd(secret)
    .execute();

  // What was voted, with nothing else: a random (UUIDv4) id, the ranking and the receipt.
  await db.schema
    .createTable('ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('election_id', 'text', (c) => c.notNull().references('elections.id'))
    .addColumn('ranking', 'text', (c) => c.notNull())
    .addColumn('receipt', 'text', (c) => c.notNull())
    .modifyEnd(secret)
    .execute();
  await db.schema.createIndex('ballots_election_idx').on('ballots').column('election_id').execute();

  await db.schema
    .createTable('recall_petitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('council_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('seat_id', 'text', (c) => c.notNull().references('seats.id'))
    .addColumn('delegate_person_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signature_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('recall_petitions_body_idx').on('recall_petitions').column('body_id').execute();

  await db.schema
    .createTable('recall_signatures')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('recall_petitions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recall_signatures_pk', ['petition_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('motions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('meeting_id', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recall_seat_id', 'text')
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('quorum', 'integer')
    .addColumn('abstentions', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('motions_body_idx').on('motions').columns(['body_id', 'status']).execute();
  await db.schema.createIndex('motions_parent_idx').on('motions').column('parent_id').execute();

  await db.schema
    .createTable('motion_votes')
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addPrimaryKeyConstraint('motion_votes_pk', ['motion_id', 'person_id'])
    .execute();
  await db.schema.createIndex('motion_votes_person_idx').on('motion_votes').column('person_id').execute();

  await db.schema
    .createTable('motion_participation')
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('motion_participation_pk', ['motion_id', 'person_id'])
    .modifyEnd(secret)
    .execute();

  await db.schema
    .createTable('motion_secret_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .modifyEnd(secret)
    .execute();
  await db.schema
    .createIndex('motion_secret_votes_motion_idx')
    .on('motion_secret_votes')
    .column('motion_id')
    .execute();

  await db.schema
    .createTable('mandates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id'))
    .addColumn('instruction', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mandates_body_motion_uq', ['body_id', 'motion_id'])
    .execute();

  // Bodies founded before this migration get their settings row with the members they have.
  await sql`insert into body_settings (body_id, member_count)
    select b.id, (select count(*) from memberships m where m.body_id = b.id and m.left_at is null)
    from bodies b`.execute(db);
}

/** Drops everything `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'mandates',
    'motion_secret_votes',
    'motion_participation',
    'motion_votes',
    'motions',
    'meeting_attendance',
    'meetings',
    'recall_signatures',
    'recall_petitions',
    'ballots',
    'election_participation',
    'election_candidates',
    'elections',
    'affiliations',
    'body_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('seats_council_idx').execute();
  await db.schema.alterTable('seats').dropColumn('vacate_reason').execute();
}
