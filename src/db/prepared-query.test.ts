import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { preparedQuery } from './prepared-query.js';
import type { Tables } from './tables.js';
import { describeEachDialect } from './test-databases.js';

describeEachDialect('prepared queries', (database) => {
  const byKindAndName = preparedQuery((db: Kysely<Tables>, kind: string, name: string) =>
    db
      .selectFrom('bodies')
      .select(['id', 'name'])
      .where('kind', '=', kind)
      .where('name', '>=', name)
      .where('created_at', '!=', 'never')
      .orderBy('name'),
  );

  it('returns what the built query returns, for every new set of arguments', async () => {
    const { db } = database();
    await db
      .insertInto('bodies')
      .values([
        { id: 'a', kind: 'cordon', name: 'Cerrillos', created_at: 't' },
        { id: 'b', kind: 'cordon', name: 'Vicuña Mackenna', created_at: 't' },
        { id: 'c', kind: 'supply-committee', name: 'JAP La Victoria', created_at: 't' },
      ])
      .execute();
    expect(await byKindAndName(db, 'cordon', 'A')).toEqual([
      { id: 'a', name: 'Cerrillos' },
      { id: 'b', name: 'Vicuña Mackenna' },
    ]);
    expect(await byKindAndName(db, 'cordon', 'D')).toEqual([{ id: 'b', name: 'Vicuña Mackenna' }]);
    expect(await byKindAndName(db, 'supply-committee', '')).toEqual([{ id: 'c', name: 'JAP La Victoria' }]);
  });

  it('refuses a builder that does not use every argument as a parameter', async () => {
    const { db } = database();
    const broken = preparedQuery((d: Kysely<Tables>, _unused: string) => d.selectFrom('bodies').select('id'));
    await expect(broken(db, 'x')).rejects.toThrow(/every argument/);
  });
});
