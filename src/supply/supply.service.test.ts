import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSupplyCommittees, createTestApp, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { PersonPrincipal, TokenPrincipal } from '../identity/principal.js';
import { base64url } from './core/base64url.js';
import type { MemberInput } from './households.service.js';
import { supplyDb } from './supply-db.js';

const WEEK = '1972-W42'; // 16–22 October 1972, the week of the stoppage
let registry = 1_000_000;
const person = (ageBand: MemberInput['ageBand'], extra: Partial<MemberInput> = {}): MemberInput => ({
  registryNumber: `${registry++}-${registry % 10}`,
  ageBand,
  ...extra,
});

describeEachDialect('supply services', (database) => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof createSupplyCommittees>>;
  let milk = '';
  let point = '';
  const households: Record<'h1' | 'h2' | 'h3', string> = { h1: '', h2: '', h3: '' };

  const registered = async (committee: string, members: MemberInput[], who: PersonPrincipal = s.chairA) => {
    const outcome = await t.services.supply.households.register(who, committee, {
      address: 'Pasaje 3, casa 14',
      members,
    });
    if (outcome.status !== 'registered') throw new Error(`not registered: ${JSON.stringify(outcome)}`);
    return outcome.householdId;
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    s = await createSupplyCommittees(t.services);
    const { entitlements, claims } = t.services.supply;
    milk = (await entitlements.addGood(s.chairA, s.committeeA, { code: 'milk', name: 'Leche', unit: 'mL' }))
      .id;
    await entitlements.adoptRules(s.chairA, s.committeeA, {
      motionId: null,
      rules: [
        // 0.5 L a day per child under 15, first under scarcity; 0.25 L a day for everyone else
        { goodId: milk, category: 'child', quantity: 500, per: 'day', priority: 0 },
        { goodId: milk, category: 'adult', quantity: 250, per: 'day', priority: 1 },
      ],
    });
    households.h1 = await registered(s.committeeA, [person('0-4'), person('5-14'), person('15-64')]);
    households.h2 = await registered(s.committeeA, [person('15-64')]);
    households.h3 = await registered(s.committeeA, [person('5-14'), person('15-64', { pregnant: true })]);
    point = (await claims.addPoint(s.chairA, s.committeeA, 'Sede vecinal')).id;
    await claims.receiveStock(s.chairA, point, milk, 100_000);
  });

  describe('households', () => {
    it('reports a person already registered, naming the household only within the committee', async () => {
      const nurse = person('15-64');
      await registered(s.committeeA, [nurse]);
      const here = await t.services.supply.households.register(s.chairA, s.committeeA, {
        address: 'otra',
        members: [person('65+'), { ...nurse, registryNumber: nurse.registryNumber.replace('-', '') }],
      });
      expect(here).toMatchObject({
        status: 'duplicate',
        duplicates: [{ index: 1, where: 'this-committee' }],
      });
      if (here.status === 'duplicate') expect(here.duplicates[0]!.householdId).toBeTruthy();
      const elsewhere = await t.services.supply.households.register(s.chairB, s.committeeB, {
        address: 'x',
        members: [nurse],
      });
      expect(elsewhere).toEqual({
        status: 'duplicate',
        duplicates: [{ index: 0, where: 'another-committee', householdId: null }],
      });
      const twice = person('15-64');
      const same = await t.services.supply.households.register(s.chairB, s.committeeB, {
        address: 'x',
        members: [twice, twice],
      });
      expect(same).toMatchObject({ status: 'duplicate', duplicates: [{ index: 1, where: 'same-request' }] });
    });

    it('registers a person once when two registrations race', async () => {
      const twin = person('15-64');
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.services.supply.households.register(s.chairA, s.committeeA, {
            address: 'carrera',
            members: [twin],
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'registered')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(5);
    });

    it('lets only officers register and list; others get 403', async () => {
      for (const who of [s.memberA, s.outsider, s.chairB]) {
        await expect(registered(s.committeeA, [person('15-64')], who)).rejects.toMatchObject({
          code: 'forbidden',
        });
        await expect(
          t.services.supply.households.list(who, s.committeeA, { limit: 10 }),
        ).rejects.toMatchObject({ code: 'forbidden' });
      }
      const page = await t.services.supply.households.list(s.chairA, s.committeeA, { limit: 2 });
      expect(page.households).toHaveLength(2);
      expect(page.total).toBeGreaterThanOrEqual(4);
      expect(page.nextAfter).toBe(page.households[1]!.id);
      expect(page.households.find((h) => h.id === households.h1)?.members.map((m) => m.needs)).toBeDefined();
    });

    it('moves a household to another committee, keeping the history', async () => {
      const h = await registered(s.committeeA, [person('65+')]);
      const move = await t.services.supply.households.move(s.chairA, h, {
        toCommitteeId: s.committeeB,
        address: 'Villa Francia 9',
      });
      expect(move).toMatchObject({
        fromCommitteeId: s.committeeA,
        toCommitteeId: s.committeeB,
        toAddress: 'Villa Francia 9',
      });
      // now committee B's: A's chair may no longer move it, B's may see its history
      await expect(t.services.supply.households.history(s.chairA, h)).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await t.services.supply.households.history(s.chairB, h)).toHaveLength(1);
      await expect(
        t.services.supply.households.move(s.chairA, h, { toCommitteeId: s.committeeA, address: 'y' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('delivery → allocation → card → claim', () => {
    it('splits a short delivery children first, confirms it, and honours exactly one claim', async () => {
      const { allocation, cards, claims, entitlements } = t.services.supply;
      const totals = await entitlements.committeeTotals(s.committeeA, WEEK);
      const milkTotal = totals.find((g) => g.goodId === milk)!;
      // h1: 2 children × 3,500 + 1,750; h2: 1,750; h3: 3,500 + 1,750; plus the test above's adults
      expect(milkTotal.units).toBeGreaterThanOrEqual(15_750);

      const delivery = await allocation.recordDelivery(s.chairA, s.committeeA, {
        goodId: milk,
        period: WEEK,
        quantity: 12_000,
      });
      await expect(allocation.preview(s.memberA, delivery.id)).rejects.toMatchObject({ code: 'forbidden' });
      const preview = await allocation.preview(s.chairA, delivery.id);
      expect(preview.total).toBe(12_000);
      expect(preview.awards.reduce((n, a) => n + a.award, 0)).toBe(12_000);
      const award = (h: string) => preview.awards.find((a) => a.householdId === h)!.award;
      // children's 10,500 mL served in full, the 1,500 left shared equally per adult
      expect(award(households.h1) - 7_000).toBe(award(households.h2));
      expect(award(households.h3) - 3_500).toBe(award(households.h2));
      expect(await allocation.confirm(s.chairA, delivery.id, 'not the digest')).toMatchObject({
        status: 'stale-preview',
      });
      expect(await allocation.confirm(s.chairA, delivery.id, preview.digest)).toMatchObject({
        status: 'confirmed',
        total: 12_000,
      });
      expect(await allocation.confirm(s.chairA, delivery.id, preview.digest)).toEqual({
        status: 'already-confirmed',
      });

      const card = await cards.issue(s.chairA, households.h1, WEEK);
      expect(card.items).toEqual([{ goodId: milk, itemNo: 0, quantity: award(households.h1) }]);
      const keys = await cards.publicKeys(s.committeeA);
      expect(base64url.decode(keys[0]!.publicKey)?.length).toBe(32);

      const claim = {
        key: 'claim-h1-milk-1',
        pointId: point,
        goodId: milk,
        period: WEEK,
        quantity: award(households.h1),
        card: card.token,
      };
      const first = await claims.claim(s.tokenA, s.committeeA, claim);
      expect(first).toMatchObject({ status: 'recorded', claim: { householdId: households.h1 } });
      expect(await claims.claim(s.tokenA, s.committeeA, claim)).toMatchObject({ status: 'replayed' });
      expect(await claims.claim(s.chairA, s.committeeA, { ...claim, key: 'claim-h1-milk-2' })).toMatchObject({
        status: 'already-claimed',
      });
      const stock = await claims.stock(s.tokenA, point);
      expect(stock.stock).toEqual([{ goodId: milk, quantity: 100_000 - award(households.h1) }]);
      const progress = await claims.progress(s.memberA, s.committeeA, WEEK);
      expect(progress).toEqual([{ goodId: milk, claims: 1, units: award(households.h1) }]);

      const refused = await t.services.audit.list({ subjectId: point, limit: 5 });
      expect(refused.events[0]).toMatchObject({
        action: 'supply.claim-refused',
        payload: { reason: 'already-claimed' },
      });
    });

    it('refuses beyond entitlement, forged, other-period and foreign cards, and wrong callers', async () => {
      const { cards, claims } = t.services.supply;
      const base = { pointId: point, goodId: milk, period: WEEK, householdId: households.h2 };
      expect(
        await claims.claim(s.chairA, s.committeeA, { ...base, key: 'too-much-1', quantity: 999_999 }),
      ).toMatchObject({
        status: 'beyond-entitlement',
        asked: 999_999,
      });
      const card = await cards.issue(s.chairA, households.h3, WEEK);
      const bytes = base64url.decode(card.token)!;
      bytes[bytes.length - 70]! ^= 1; // alter the payload's last quantity byte
      const forged = await claims.claim(s.tokenA, s.committeeA, {
        ...base,
        householdId: undefined,
        key: 'forged-1',
        quantity: 1,
        card: base64url.encode(bytes),
      });
      expect(forged).toMatchObject({ status: 'card-refused', verdict: 'forged' });
      const nextWeek = await claims.claim(s.tokenA, s.committeeA, {
        ...base,
        householdId: undefined,
        key: 'period-1',
        quantity: 1,
        period: '1972-W43',
        card: card.token,
      });
      expect(nextWeek).toMatchObject({ status: 'card-refused', verdict: 'wrong-period' });
      t.clock.set(Date.parse('1972-10-23T00:00:01Z'));
      const late = await claims.claim(s.tokenA, s.committeeA, {
        ...base,
        householdId: undefined,
        key: 'expired-1',
        quantity: 1,
        card: card.token,
      });
      expect(late).toMatchObject({ status: 'card-refused', verdict: 'expired' });
      t.clock.set(Date.parse('1972-10-17T10:00:00Z'));
      expect(
        await claims.claim(s.tokenA, s.committeeA, {
          ...base,
          householdId: undefined,
          key: 'junk-card-1',
          quantity: 1,
          card: 'not a card',
        }),
      ).toMatchObject({
        status: 'card-refused',
        verdict: 'malformed',
      });
      // committee B's genuine card at committee A
      const hB = await t.services.supply.households.register(s.chairB, s.committeeB, {
        address: 'b',
        members: [person('15-64')],
      });
      if (hB.status !== 'registered') throw new Error('not registered');
      const cardB = await cards.issue(s.chairB, hB.householdId, WEEK);
      expect(
        await claims.claim(s.tokenA, s.committeeA, {
          ...base,
          householdId: undefined,
          key: 'foreign-1',
          quantity: 1,
          card: cardB.token,
        }),
      ).toMatchObject({
        status: 'card-refused',
        verdict: 'unknown-key',
      });
      // another committee's household by id: unknown here
      expect(
        await claims.claim(s.tokenA, s.committeeA, {
          ...base,
          householdId: hB.householdId,
          key: 'foreign-2',
          quantity: 1,
        }),
      ).toEqual({
        status: 'unknown-household',
      });
      // wrong callers: a plain member, an outsider, committee B's token, and a point of B
      for (const who of [s.memberA, s.outsider, s.tokenB] as (PersonPrincipal | TokenPrincipal)[]) {
        await expect(
          claims.claim(who, s.committeeA, { ...base, key: 'who-1', quantity: 1 }),
        ).rejects.toMatchObject({ code: 'forbidden' });
      }
      const pointB = await claims.addPoint(s.chairB, s.committeeB, 'B');
      await expect(
        claims.claim(s.tokenA, s.committeeA, { ...base, pointId: pointB.id, key: 'who-2', quantity: 1 }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('records exactly one of 20 concurrent identical claims, and one of 20 with different keys', async () => {
      const { claims } = t.services.supply;
      const h = await registered(s.committeeA, [person('15-64')]);
      const base = { pointId: point, goodId: milk, period: '1972-W44', householdId: h, quantity: 1_000 };
      const same = await Promise.all(
        Array.from({ length: 20 }, () =>
          claims.claim(s.tokenA, s.committeeA, { ...base, key: 'same-key-20' }),
        ),
      );
      expect(same.filter((o) => o.status === 'recorded')).toHaveLength(1);
      expect(same.filter((o) => o.status === 'replayed')).toHaveLength(19);
      const other = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          claims.claim(s.tokenA, s.committeeA, { ...base, period: '1972-W45', key: `different-key-${i}` }),
        ),
      );
      expect(other.filter((o) => o.status === 'recorded')).toHaveLength(1);
      expect(other.filter((o) => o.status === 'already-claimed')).toHaveLength(19);
      const rows = await supplyDb(database().db)
        .selectFrom('supply_claims')
        .select('id')
        .where('household_id', '=', h)
        .execute();
      expect(rows).toHaveLength(2);
    });

    it('records each household once when two instances take claims for the same households together', async () => {
      // a second server instance on the same database: its own group of claims, its own transaction
      const other = await createTestApp(database());
      const hs: string[] = [];
      for (let i = 0; i < 6; i++) hs.push(await registered(s.committeeA, [person('15-64')]));
      const period = '1972-W50';
      const before = (await t.services.supply.claims.stock(s.tokenA, point)).stock[0]!.quantity;
      const claim = (services: typeof t.services, i: number, key: string) =>
        services.supply.claims.claim(s.tokenA, s.committeeA, {
          key,
          pointId: point,
          goodId: milk,
          period,
          householdId: hs[i]!,
          quantity: 1_000,
        });
      const outcomes = await Promise.all(
        hs.flatMap((_, i) => [
          claim(t.services, i, `two-a-${i}`),
          claim(other.services, i, `two-b-${i}`),
          // the same key at both instances: one handover, the other answer a replay of it
          claim(other.services, i, `two-a-${i}`),
        ]),
      );
      for (const [i, householdId] of hs.entries()) {
        const [a, b, sameKey] = outcomes.slice(3 * i, 3 * i + 3);
        const rows = await supplyDb(database().db)
          .selectFrom('supply_claims')
          .selectAll()
          .where('household_id', '=', householdId)
          .where('period', '=', period)
          .execute();
        expect(rows).toHaveLength(1);
        if (rows[0]!.idempotency_key === `two-b-${i}`) {
          expect([a!.status, b!.status, sameKey!.status]).toEqual([
            'already-claimed',
            'recorded',
            'already-claimed',
          ]);
        } else {
          // key two-a was recorded, by whichever instance got to it first; the other replays it
          expect(rows[0]!.idempotency_key).toBe(`two-a-${i}`);
          expect([a!.status, sameKey!.status].sort()).toEqual(['recorded', 'replayed']);
          expect(b!.status).toBe('already-claimed');
        }
      }
      const after = (await t.services.supply.claims.stock(s.tokenA, point)).stock[0]!.quantity;
      expect(before - after).toBe(hs.length * 1_000);
      await other.app.close();
    });

    it('keeps exactly one claim when online claims and an offline sync race for the same households', async () => {
      const { claims } = t.services.supply;
      const hs = [];
      for (let i = 0; i < 5; i++) hs.push(await registered(s.committeeA, [person('15-64')]));
      const period = '1972-W48';
      const online = hs.map((householdId, i) =>
        claims.claim(s.tokenA, s.committeeA, {
          key: `race-online-${i}`,
          pointId: point,
          goodId: milk,
          period,
          householdId,
          quantity: 1_000,
        }),
      );
      const offline = claims.sync(
        s.tokenA,
        s.committeeA,
        point,
        hs.map((householdId, i) => ({
          key: `race-offline-${i}`,
          goodId: milk,
          period,
          householdId,
          quantity: 1_000,
          claimedAt: '1972-11-28T10:00:00.000Z',
        })),
      );
      const [onlineOutcomes, offlineOutcomes] = await Promise.all([Promise.all(online), offline]);
      for (const [i, householdId] of hs.entries()) {
        const rows = await supplyDb(database().db)
          .selectFrom('supply_claims')
          .select('id')
          .where('household_id', '=', householdId)
          .where('period', '=', period)
          .execute();
        expect(rows).toHaveLength(1);
        // whichever came second was refused online or kept as a flag, never lost
        const won = [onlineOutcomes[i]!.status === 'recorded', offlineOutcomes[i]!.status === 'recorded'];
        expect(won.filter(Boolean)).toHaveLength(1);
        if (!won[0]) expect(onlineOutcomes[i]!.status).toBe('already-claimed');
        if (!won[1]) expect(offlineOutcomes[i]!.status).toBe('flagged');
      }
    });

    it('never lets claims exceed what is due (property)', async () => {
      const { claims } = t.services.supply;
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 4 }),
          fc.constantFrom<MemberInput['ageBand']>('0-4', '15-64', '65+'),
          async (asks, band) => {
            run++;
            const h = await registered(s.committeeA, [person(band)]);
            const period = '1972-W46';
            // a week of milk: 500 mL a day for a child, 250 mL a day for anyone 15 or over
            const due = band === '0-4' ? 3_500 : 1_750;
            let taken = 0;
            for (const [i, quantity] of asks.entries()) {
              const o = await claims.claim(s.tokenA, s.committeeA, {
                pointId: point,
                goodId: milk,
                period,
                householdId: h,
                quantity,
                key: `prop-${run}-${i}`,
              });
              if (o.status === 'recorded') taken += quantity;
            }
            expect(taken).toBeLessThanOrEqual(due);
          },
        ),
        { numRuns: 12 },
      );
    });
  });

  describe('offline sync', () => {
    it('applies each offline claim once and keeps a double claim flagged for the committee', async () => {
      const { claims, allocation } = t.services.supply;
      const preview = (await allocation.deliveries(s.chairA, s.committeeA)).find((d) => d.period === WEEK);
      expect(preview?.status).toBe('confirmed');
      const h = await registered(s.committeeA, [person('15-64')]);
      const online = await claims.claim(s.chairA, s.committeeA, {
        key: 'online-h-1',
        pointId: point,
        goodId: milk,
        period: '1972-W47',
        householdId: h,
        quantity: 1_000,
      });
      expect(online.status).toBe('recorded');
      const before = (await claims.stock(s.chairA, point)).stock[0]!.quantity;
      const batch = [
        {
          key: 'offline-1',
          goodId: milk,
          period: '1972-W47',
          householdId: h,
          quantity: 1_000,
          claimedAt: '1972-11-21T09:00:00.000Z',
        },
        {
          key: 'offline-2',
          goodId: milk,
          period: '1972-W47',
          householdId: households.h2,
          quantity: 1_750,
          claimedAt: '1972-11-21T09:05:00.000Z',
        },
        {
          key: 'offline-3',
          goodId: milk,
          period: '1972-W47',
          householdId: households.h2,
          quantity: 1_750,
          claimedAt: '1972-11-21T09:30:00.000Z',
        },
      ];
      const first = await claims.sync(s.tokenA, s.committeeA, point, batch);
      expect(first.map((o) => [o.key, o.status])).toEqual([
        ['offline-1', 'flagged'],
        ['offline-2', 'recorded'],
        ['offline-3', 'flagged'],
      ]);
      const again = await claims.sync(s.tokenA, s.committeeA, point, batch);
      expect(again.map((o) => o.status)).toEqual(['flagged', 'replayed', 'flagged']);
      expect(again[0]).toMatchObject({ flagId: (first[0] as { flagId: string }).flagId });
      const flags = await claims.flags(s.chairA, s.committeeA);
      expect(flags.filter((f) => f.period === '1972-W47').map((f) => [f.key, f.reason])).toEqual(
        expect.arrayContaining([
          ['offline-1', 'double-claim'],
          ['offline-3', 'double-claim'],
        ]),
      );
      expect(flags.find((f) => f.key === 'offline-1')?.firstClaimId).toBe(
        (online as { claim: { id: string } }).claim.id,
      );
      // the goods left the point: three handovers taken from stock, once each
      expect((await claims.stock(s.chairA, point)).stock[0]!.quantity).toBe(before - 1_000 - 1_750 - 1_750);
      await expect(claims.flags(s.memberA, s.committeeA)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(claims.sync(s.tokenB, s.committeeA, point, batch)).rejects.toMatchObject({
        code: 'forbidden',
      });
    });
  });

  describe('deliveries from logistics', () => {
    it("raises a point's stock inside the caller's transaction, converting L to mL", async () => {
      const { claims } = t.services.supply;
      const before = (await claims.stock(s.chairA, point)).stock.find((g) => g.goodId === milk)!.quantity;
      const outcome = await t.services.audit.runCommand(
        { actor: { kind: 'system', name: 'logistics' } },
        async (c) =>
          claims.stockDeliveredIn(c.trx, {
            pointId: point,
            goods: [
              { good: 'milk', quantity: 12, unit: 'L' },
              { good: 'flour', quantity: 50, unit: 'kg' },
              { good: 'milk', quantity: 3, unit: 'crates' },
            ],
            at: '1972-10-18T07:00:00.000Z',
          }),
      );
      expect(outcome).toEqual({
        placed: 1,
        skipped: [
          { good: 'flour', reason: 'not in the committee basket' },
          { good: 'milk', reason: 'cannot convert crates to mL' },
        ],
      });
      expect((await claims.stock(s.chairA, point)).stock.find((g) => g.goodId === milk)!.quantity).toBe(
        before + 12_000,
      );
      expect(
        await claims.stockDeliveredIn(database().db, {
          pointId: null,
          goods: [{ good: 'milk', quantity: 1, unit: 'L' }],
          at: '1972-10-18T07:00:00.000Z',
        }),
      ).toMatchObject({
        placed: 0,
      });
    });
  });

  describe('prices and hoarding reports', () => {
    it('keeps a price list by region and runs reports open → checked → resolved', async () => {
      const { prices } = t.services.supply;
      await prices.adoptPrice(s.chairA, s.committeeA, {
        goodCode: 'milk',
        unit: 'L',
        priceCentesimos: 380,
        motionId: null,
      });
      t.clock.advance(1000);
      await prices.adoptPrice(s.chairA, s.committeeA, {
        goodCode: 'milk',
        unit: 'L',
        priceCentesimos: 400,
        motionId: null,
      });
      expect(await prices.priceList(s.committeeA)).toMatchObject([
        { goodCode: 'milk', priceCentesimos: 400 },
      ]);
      await expect(
        prices.adoptPrice(s.memberA, s.committeeA, {
          goodCode: 'oil',
          unit: 'L',
          priceCentesimos: 1,
          motionId: null,
        }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });

      const { id } = await prices.report(s.outsider, s.committeeA, {
        kind: 'overprice',
        goodCode: 'milk',
        place: 'Almacén El Sol, Pasaje 4',
        priceCentesimos: 900,
        description: 'vende la leche al doble',
        anonymous: true,
      });
      const events = await t.services.audit.list({ subjectId: id, limit: 5 });
      expect(events.events[0]!.actorId).toBeNull();
      const board = await prices.board(s.memberA, s.committeeA);
      expect(board[0]).toMatchObject({ id, status: 'open' });
      expect(JSON.stringify(board)).not.toContain(s.outsider.personId);
      await expect(prices.board(s.outsider, s.committeeA)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(prices.advance(s.memberA, id, { to: 'checked', notes: 'x' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await prices.advance(s.chairA, id, { to: 'resolved', notes: 'x' })).toEqual({
        status: 'wrong-step',
        current: 'open',
      });
      expect(await prices.advance(s.chairA, id, { to: 'checked', notes: 'visitado' })).toMatchObject({
        status: 'advanced',
      });
      const done = await prices.advance(s.chairA, id, { to: 'resolved', notes: 'precio corregido' });
      expect(done).toMatchObject({
        status: 'advanced',
        report: { status: 'resolved', notes: 'visitado\nprecio corregido' },
      });
    });
  });
});
