import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { BODIES_BY_NAME, CITY_CORDONES, councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { Rng } from './rng.js';

describeEachDialect('councils scenario', (database) => {
  let t: TestApp;
  let byName: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp(database());
    const shared = new Map<string, unknown>();
    for (const part of [identityScenario, councilsScenario]) {
      await part.load({
        services: t.services,
        rng: new Rng(7).fork(part.name),
        scale: 'city',
        shared,
        progress: () => {},
      });
    }
    byName = shared.get(BODIES_BY_NAME) as Map<string, string>;
  }, 60_000);

  it('elects every workplace delegate by a counted ballot', async () => {
    const { db } = database();
    const elections = await db.selectFrom('elections').select(['status', 'result']).execute();
    const workplaces = CITY_CORDONES.reduce((n, c) => n + c.workplaces.length, 0);
    expect(elections).toHaveLength(workplaces);
    for (const e of elections) {
      expect(e.status).toBe('closed');
      const result = JSON.parse(e.result!) as { status: string; count: { stages: unknown[] } };
      expect(result.status).toBe('counted');
      expect(result.count.stages).toHaveLength(2);
    }
    for (const cordon of CITY_CORDONES) {
      const seats = await db
        .selectFrom('seats')
        .select('holder_person_id')
        .where('council_id', '=', byName.get(cordon.name)!)
        .where('vacated_at', 'is', null)
        .execute();
      expect(seats).toHaveLength(cordon.workplaces.length);
      expect(seats.every((s) => s.holder_person_id !== null)).toBe(true);
    }
  });

  it('has motions decided, one pending with a vote against its mandate, and a recall in progress', async () => {
    const { db } = database();
    const closed = await db
      .selectFrom('motions')
      .select(['title', 'outcome'])
      .where('status', '=', 'closed')
      .execute();
    const outcomes = closed.map((m) => (JSON.parse(m.outcome!) as { status: string }).status).sort();
    expect(outcomes).toEqual(['adopted', 'adopted', 'rejected']);
    expect(await db.selectFrom('motions').select('id').where('status', '=', 'open').execute()).toHaveLength(
      1,
    );
    expect(await db.selectFrom('mandates').select('instruction').execute()).toEqual([{ instruction: 'for' }]);
    const petitions = await db.selectFrom('recall_petitions').select(['status', 'signature_count']).execute();
    expect(petitions).toEqual([{ status: 'open', signature_count: 4 }]);
  });
});
