import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBody, createPrincipal, createTestApp, type TestApp } from '../../test/factories.js';
import { migrateDown, migrateUp } from '../db/migrator.js';
import { describeEachDialect, openTestDatabase } from '../db/test-databases.js';
import { findCycle } from './affiliation-cycle.js';
import { seatsFor, surplusSeats } from './seat-rule.js';
import { seatWeights } from './seat-weights.js';

describeEachDialect('affiliations', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(database());
  });

  it('refuses an affiliation that closes a cycle, naming its bodies, and changes nothing', async () => {
    const chair = await createPrincipal(t.services);
    const officer = (name: string, kind: string) =>
      createBody(t.services, { kind, name, members: [{ personId: chair.personId, role: 'chair' }] });
    const cordon = await officer('Cordón Cerrillos', 'cordon');
    const region = await officer('Consejo Regional', 'regional-council');
    const nation = await officer('Asamblea Nacional', 'national-assembly');
    const { councils } = t.services;
    await councils.affiliate(chair, cordon, { councilId: region, rule: { kind: 'fixed', seats: 2 } });
    await councils.affiliate(chair, region, { councilId: nation, rule: { kind: 'fixed', seats: 1 } });
    const before = (await councils.federation()).affiliations.length;
    await expect(
      councils.affiliate(chair, nation, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } }),
    ).rejects.toMatchObject({
      code: 'affiliation-cycle',
      field: 'body.councilId',
      message: expect.stringContaining(
        'Asamblea Nacional → Cordón Cerrillos → Consejo Regional → Asamblea Nacional',
      ),
    });
    await expect(
      councils.affiliate(chair, cordon, { councilId: region, rule: { kind: 'fixed', seats: 1 } }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await councils.federation()).affiliations.length).toBe(before);
    expect((await councils.seats(chair, region)).length).toBe(2);
    expect(await councils.councilAbove(cordon)).toBe(region);
    expect(await councils.councilAbove(region)).toBe(nation);
    expect(await councils.councilAbove(nation)).toBeNull();
  });

  it('refuses affiliating to a body that is not a council, and lets only officers affiliate', async () => {
    const chair = await createPrincipal(t.services);
    const member = await createPrincipal(t.services);
    const a = await createBody(t.services, {
      members: [
        { personId: chair.personId, role: 'chair' },
        { personId: member.personId, role: 'member' },
      ],
    });
    const b = await createBody(t.services);
    const cordon = await createBody(t.services, { kind: 'cordon' });
    await expect(
      t.services.councils.affiliate(chair, a, { councilId: b, rule: { kind: 'fixed', seats: 1 } }),
    ).rejects.toMatchObject({ code: 'not-found', field: 'body.councilId' });
    await expect(
      t.services.councils.affiliate(member, a, { councilId: cordon, rule: { kind: 'fixed', seats: 1 } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('migration 0002', () => {
  it('goes down and up again on SQLite', async () => {
    const test = await openTestDatabase('sqlite');
    try {
      const { db } = test.database;
      // Later migrations (other areas) come down first; 0002 is reverted when it is the last.
      for (;;) {
        const status = await migrateDown(db);
        expect(status.status).toBe('ok');
        if (status.status !== 'ok' || status.ran.includes('0002-councils')) break;
      }
      await expect(db.selectFrom('ballots').selectAll().execute()).rejects.toThrow();
      expect((await migrateUp(db)).status).toBe('ok');
      expect(await db.selectFrom('ballots').selectAll().execute()).toEqual([]);
    } finally {
      await test.dispose();
    }
  });
});

describe('seat rules', () => {
  it('gives one seat per full N members, never fewer than the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 5 }),
        (n, per, min) => {
          const seats = seatsFor({ kind: 'per-members', membersPerSeat: per, minSeats: min }, n);
          expect(seats).toBe(Math.max(min, Math.floor(n / per)));
          expect(
            seatsFor({ kind: 'per-members', membersPerSeat: per, minSeats: min }, n + per),
          ).toBeGreaterThanOrEqual(seats);
        },
      ),
    );
  });

  it('vacates exactly the surplus, vacant seats first, then the most recently filled', () => {
    const seat = fc.record({
      id: fc.uuid(),
      holderPersonId: fc.option(fc.uuid(), { nil: null }),
      since: fc.constantFrom('1972-01-01', '1972-06-01', '1972-10-11'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(seat, { selector: (s) => s.id, maxLength: 12 }),
        fc.integer({ min: 0, max: 14 }),
        (seats, keep) => {
          const normal = seats.map((s) => (s.holderPersonId ? s : { ...s, since: null }));
          const out = surplusSeats(normal, keep);
          expect(out.length).toBe(Math.max(0, normal.length - keep));
          const kept = normal.filter((s) => !out.includes(s.id));
          const gone = normal.filter((s) => out.includes(s.id));
          // No held seat goes while a vacant one stays; no older tenure goes while a newer one stays.
          if (gone.some((s) => s.holderPersonId)) expect(kept.every((s) => s.holderPersonId)).toBe(true);
          for (const g of gone.filter((s) => s.holderPersonId))
            for (const k of kept) expect(k.since! <= g.since!).toBe(true);
        },
      ),
    );
  });

  it('splits a constituency’s membership over its seats exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 10_000 })), {
          maxLength: 10,
        }),
        (spec) => {
          const seats = spec.flatMap(([c], i) => [{ id: `s${i}`, constituencyId: `c${c}` }]);
          const counts = new Map(spec.map(([c, n]) => [`c${c}`, n]));
          const { bySeat, total } = seatWeights(seats, counts);
          expect([...bySeat.values()].reduce((a, b) => a + b, 0)).toBe(total);
          for (const c of new Set(seats.map((s) => s.constituencyId))) {
            const mine = seats.filter((s) => s.constituencyId === c).map((s) => bySeat.get(s.id)!);
            expect(mine.reduce((a, b) => a + b, 0)).toBe(Math.max(counts.get(c)!, mine.length));
          }
        },
      ),
    );
  });

  it('finds the cycle a new edge would close', () => {
    expect(
      findCycle(
        [
          { bodyId: 'C', councilId: 'D' },
          { bodyId: 'D', councilId: 'B' },
        ],
        'B',
        'C',
      ),
    ).toEqual(['B', 'C', 'D', 'B']);
    expect(findCycle([{ bodyId: 'A', councilId: 'B' }], 'A', 'C')).toBeNull();
    expect(findCycle([], 'A', 'A')).toEqual(['A', 'A']);
  });
});
