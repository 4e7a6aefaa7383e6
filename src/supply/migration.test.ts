import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import * as m0004 from '../db/migrations/0004-supply.js';
import { describeEachDialect } from '../db/test-databases.js';

describeEachDialect('migration 0004-supply', (database) => {
  it('goes down and up again', async () => {
    const db = database().db;
    const count = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from supply_households`
            .execute(db)
            .catch(() => ({ rows: [{ n: -1 }] }))
        ).rows[0]?.n,
      );
    expect(await count()).toBe(0);
    await m0004.down(db as unknown as Kysely<unknown>);
    expect(await count()).toBe(-1);
    await m0004.up(db as unknown as Kysely<unknown>);
    expect(await count()).toBe(0);
  });
});
