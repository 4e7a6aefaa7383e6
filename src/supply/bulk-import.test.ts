import { beforeAll, expect, it } from 'vitest';
import { createSupplyCommittees, createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { weekOf } from './period.js';
import { supplyDb } from './supply-db.js';

let registry = 7_000_000;
const person = (ageBand: '0-4' | '5-14' | '15-64' | '65+', pregnant = false) => ({
  registryNumber: `${registry++}-${registry % 10}`,
  ageBand,
  pregnant,
});

// The bulk paths of the scenario loads: households in large statements, past claims checked
// against entitlements, one audit event per call.
describeEachDialect('supply bulk imports', (database) => {
  let t: TestApp;
  let committee = '';
  let other = '';
  let ids: string[] = [];
  let goods = new Map<string, string>();
  let point = '';
  let week = '';

  beforeAll(async () => {
    t = await createTestApp(database());
    const s = await createSupplyCommittees(t.services);
    committee = s.committeeA;
    other = s.committeeB;
    const { supply } = t.services;
    goods = await supply.entitlements.importBasket(
      committee,
      {
        goods: [{ code: 'milk', name: 'Leche', unit: 'mL' }],
        rules: [{ goodCode: 'milk', category: 'child', quantity: 500, per: 'day', priority: 0 }],
        motionId: null,
      },
      'test',
    );
    // 6,000 households: more rows than one statement carries on either database
    ids = await supply.households.registerMany(
      committee,
      Array.from({ length: 6_000 }, (_, i) => ({
        address: `Pasaje ${i}`,
        members: [person('15-64'), person(i % 2 === 0 ? '0-4' : '15-64')],
      })),
      'test',
    );
    week = weekOf(t.services.clock.now() - 7 * 86_400_000);
    point = await supply.claims.importPoint(
      committee,
      'Sede',
      [{ goodId: goods.get('milk')!, units: 10_000_000 }],
      'test',
    );
  });

  it('registers thousands of households with their members in one audited command', async () => {
    const db = supplyDb(database().db);
    expect(ids).toHaveLength(6_000);
    const members = await db
      .selectFrom('supply_members')
      .innerJoin('supply_households', 'supply_households.id', 'supply_members.household_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('supply_households.committee_id', '=', committee)
      .executeTakeFirstOrThrow();
    expect(Number(members.n)).toBe(12_000);
    const events = await database()
      .db.selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'supply.households-imported')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([{ households: 6_000, members: 12_000 }]);
  });

  it('refuses a person registered twice, loading nothing of the batch', async () => {
    const twice = person('15-64');
    await expect(
      t.services.supply.households.registerMany(
        other,
        [
          { address: 'a', members: [twice] },
          { address: 'b', members: [{ ...twice }] },
        ],
        'test',
      ),
    ).rejects.toThrow();
    const db = supplyDb(database().db);
    expect(
      await db.selectFrom('supply_households').select('id').where('committee_id', '=', other).execute(),
    ).toEqual([]);
  });

  it('imports past claims within entitlements, lowers the stock once and records one event', async () => {
    const milk = goods.get('milk')!;
    const claims = ids.slice(0, 3_000).flatMap((householdId, i) =>
      i % 2 === 0
        ? [
            {
              key: `past-${householdId}`,
              goodId: milk,
              period: week,
              householdId,
              quantity: 3_500,
              claimedAt: '2026-01-01T10:00:00.000Z',
            },
          ]
        : [],
    );
    const recorded = await t.services.supply.claims.importHistory(committee, point, claims, 'test');
    expect(recorded).toBe(1_500);
    const db = supplyDb(database().db);
    const stock = await db
      .selectFrom('supply_point_stock')
      .select('quantity')
      .where('point_id', '=', point)
      .executeTakeFirstOrThrow();
    expect(Number(stock.quantity)).toBe(10_000_000 - 1_500 * 3_500);
    const events = await database()
      .db.selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'supply.claims-imported')
      .execute();
    expect(events).toHaveLength(1);
    // the online path now refuses the same household, good and period
    const again = await t.services.supply.claims.importClaims(
      committee,
      [
        {
          key: 'online-again-1',
          pointId: point,
          goodId: milk,
          period: week,
          householdId: ids[0]!,
          quantity: 1,
        },
      ],
      'test',
    );
    expect(again[0]!.status).toBe('already-claimed');
  });

  it('refuses a past claim beyond entitlement or of another committee, recording nothing', async () => {
    const milk = goods.get('milk')!;
    const claim = (householdId: string, quantity: number) => ({
      key: `bad-${householdId}-${quantity}`,
      goodId: milk,
      period: week,
      householdId,
      quantity,
      claimedAt: '2026-01-01T10:00:00.000Z',
    });
    // ids[1] has no child: no milk is due
    await expect(
      t.services.supply.claims.importHistory(committee, point, [claim(ids[1]!, 1)], 'test'),
    ).rejects.toThrow(/0 due/);
    await expect(
      t.services.supply.claims.importHistory(committee, point, [claim(ids[2]!, 3_501)], 'test'),
    ).rejects.toThrow(/3501 asked, 3500 due/);
    await expect(
      t.services.supply.claims.importHistory(committee, point, [claim('not-a-household', 1)], 'test'),
    ).rejects.toThrow(/not of committee/);
    const db = supplyDb(database().db);
    const bad = await db
      .selectFrom('supply_claims')
      .select('id')
      .where('idempotency_key', 'like', 'bad-%')
      .execute();
    expect(bad).toEqual([]);
  });
});
