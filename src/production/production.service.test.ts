import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  FIRST_REPORT_DAY,
  personPrincipal,
  reportDay,
  TEST_EPOCH,
} from '../../test/factories.js';
import { ManualClock } from '../core/clock.js';
import type { LiveEvent } from '../core/event-bus.js';
import type { Database } from '../db/database.js';
import { migrateDown, migrateUp } from '../db/migrator.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import type { EscalationService } from './escalation.js';
import { EscalationRunner } from './escalation-runner.js';
import { decodeMonitorState } from './monitor-state-codec.js';
import { productionDb } from './production-db.js';
import { periodIndex, periodOf } from './report-period.js';

const HOUR = 3_600_000;

/** Daily values around `level` with small deterministic noise. */
function series(days: number, level: (day: number) => number): number[] {
  let seed = 12345;
  return Array.from({ length: days }, (_, d) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.round(level(d) + ((seed / 2147483648) * 2 - 1) * 8);
  });
}

describe('report periods', () => {
  it('indexes days and Monday weeks, and refuses impossible dates', () => {
    expect(periodOf(periodIndex('1972-10-11', 'daily')!, 'daily')).toBe('1972-10-11');
    expect(periodIndex('1972-10-09', 'weekly')).not.toBeNull();
    expect(periodIndex('1972-10-11', 'weekly')).toBeNull();
    expect(periodIndex('1972-02-30', 'daily')).toBeNull();
    expect(periodOf(periodIndex('1972-10-09', 'weekly')! + 1, 'weekly')).toBe('1972-10-16');
  });
});

describeEachDialect('production register, reports, alerts and escalation', (database) => {
  let services: Services;
  let clock: ManualClock;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let workplaceA: string;
  let indicatorA: string;
  let indicatorB: string;

  const make = (db: Database, c: ManualClock) => createTestServices(db, c);

  beforeAll(async () => {
    clock = new ManualClock(TEST_EPOCH);
    services = await make(database(), clock);
    fed = await createFederation(services);
  });

  it('asks councils for a whole batch of bodies at once with the same answers as one by one', async () => {
    const bodies = Object.values(fed.bodies);
    for (const who of ['secretaryA', 'memberA', 'cordonDelegate', 'outsider'] as const) {
      const principal = personPrincipal(fed.people[who]);
      for (const action of ['body.report', 'body.view', 'body.manage'] as const) {
        const one = new Set<string>();
        for (const b of bodies) if (await services.councils.may(principal, action, b)) one.add(b);
        expect(await services.councils.mayEach(principal, action, bodies)).toEqual(one);
      }
    }
  });

  it('registers workplaces for the assembly officers or an administrator, and nobody else', async () => {
    const p = fed.people;
    const input = (bodyId: string) => ({
      bodyId,
      name: 'Textil Sumar',
      sector: 'textiles',
      latitude: -33.4895,
      longitude: -70.6156,
      workforce: 1200,
      status: 'occupied' as const,
      since: '1972-10-11',
    });
    await expect(
      services.production.register.createWorkplace(personPrincipal(p.memberA), input(fed.bodies.assemblyA)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      services.production.register.createWorkplace(personPrincipal(p.outsider), input(fed.bodies.assemblyA)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const a = await services.production.register.createWorkplace(
      personPrincipal(p.admin, { isAdmin: true }),
      input(fed.bodies.assemblyA),
    );
    expect(a).toMatchObject({ bodyId: fed.bodies.assemblyA, latitude: -33.4895, status: 'occupied' });
    workplaceA = a.id;
    await expect(
      services.production.register.createWorkplace(
        personPrincipal(p.secretaryA),
        input(fed.bodies.assemblyA),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const b = await services.production.register.createWorkplace(personPrincipal(p.secretaryB), {
      ...input(fed.bodies.assemblyB),
      name: 'Madeco',
      status: 'intervened',
    });
    await services.production.register.changeStatus(personPrincipal(p.secretaryA), workplaceA, {
      status: 'social-area',
      since: '1972-12-01',
      motionId: null,
    });
    const view = await services.production.register.workplace(workplaceA);
    expect(view.statusHistory.map((s) => s.status)).toEqual(['occupied', 'social-area']);
    await expect(
      services.production.register.changeStatus(personPrincipal(p.secretaryB), workplaceA, {
        status: 'returned',
        since: '1973-01-01',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const cloth = await services.production.register.createProduct(personPrincipal(p.secretaryA), {
      code: 'TEX-001',
      name: 'Tela de algodón',
      unit: 'm',
      category: 'textiles',
      basicGood: true,
    });
    const cotton = await services.production.register.createProduct(
      personPrincipal(p.admin, { isAdmin: true }),
      {
        code: 'RAW-COT',
        name: 'Algodón',
        unit: 'kg',
        category: 'raw',
        basicGood: false,
      },
    );
    await expect(
      services.production.register.createProduct(personPrincipal(p.memberA), {
        code: 'X',
        name: 'x',
        unit: 'u',
        category: 'c',
        basicGood: false,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      services.production.register.createProduct(personPrincipal(p.secretaryB), {
        code: 'TEX-001',
        name: 'again',
        unit: 'm',
        category: 'c',
        basicGood: false,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await services.production.register.setCapacities(personPrincipal(p.secretaryA), workplaceA, [
      { productId: cloth.id, period: '1972-10', quantity: 90_000 },
    ]);
    await services.production.register.setCapacities(personPrincipal(p.secretaryA), workplaceA, [
      { productId: cloth.id, period: '1972-10', quantity: 95_000 },
    ]);
    expect(await services.production.register.capacities(workplaceA)).toEqual([
      { productId: cloth.id, period: '1972-10', quantity: 95_000 },
    ]);
    await services.production.register.setTechnique(personPrincipal(p.secretaryA), workplaceA, {
      productId: cloth.id,
      labourMilliHours: 250,
      inputs: [{ productId: cotton.id, quantityMilli: 180 }],
    });
    expect(await services.production.register.techniques(workplaceA)).toEqual([
      { productId: cloth.id, labourMilliHours: 250, inputs: [{ productId: cotton.id, quantityMilli: 180 }] },
    ]);
    await expect(
      services.production.register.setTechnique(personPrincipal(p.memberA), workplaceA, {
        productId: cloth.id,
        labourMilliHours: 1,
        inputs: [],
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const [ind] = await services.production.register.createIndicators(
      personPrincipal(p.secretaryA),
      workplaceA,
      [{ name: 'Producción de tela', kind: 'output', productId: cloth.id, unit: 'm' }],
    );
    indicatorA = ind!.id;
    expect(ind).toMatchObject({
      frequency: 'daily',
      goodDirection: 'up',
      ackHours: { high: 4, medium: 24, low: 48 },
    });
    const [indB] = await services.production.register.createIndicators(personPrincipal(p.secretaryB), b.id, [
      { name: 'Ausentismo', kind: 'absenteeism', unit: 'people' },
    ]);
    indicatorB = indB!.id;
    // members and the delegates above see the indicators; an outsider and another workplace do not
    expect(
      await services.production.register.indicators(personPrincipal(p.memberA), workplaceA),
    ).toHaveLength(1);
    expect(
      await services.production.register.indicators(personPrincipal(p.nationDelegate), workplaceA),
    ).toHaveLength(1);
    await expect(
      services.production.register.indicators(personPrincipal(p.secretaryB), workplaceA),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps valid items, rejects each bad one with a reason, and is idempotent per period', async () => {
    const sec = personPrincipal(fed.people.secretaryA);
    const values = series(40, () => 1000);
    const items = values.map((value, d) => ({
      indicatorId: indicatorA,
      period: reportDay(d),
      value,
    }));
    const first = await services.production.reports.ingest(sec, items);
    expect(first).toMatchObject({ accepted: 40, duplicates: 0, rejected: [] });

    const again = await services.production.reports.ingest(sec, [
      ...items.slice(0, 3),
      { indicatorId: indicatorA, period: items[3]!.period, value: items[3]!.value + 1 },
      { indicatorId: indicatorA, period: '1972-08-10', value: Number.NaN },
      { indicatorId: indicatorA, period: '1972-08-10', value: 'Infinity' },
      { indicatorId: indicatorA, period: '1972-08-10', value: 12.5 },
      { indicatorId: indicatorA, period: '1972-13-01', value: 1 },
      { indicatorId: indicatorA, period: '1972-10-12', value: 1000 },
      { indicatorId: '01936f3e-7c7a-7b4e-9f2d-000000000000', period: '1972-08-10', value: 1 },
      { indicatorId: indicatorB, period: '1972-08-10', value: 1 },
    ]);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(again.rejected.map((r) => [r.index, r.field, r.code])).toEqual([
      [3, 'value', 'already-reported'],
      [4, 'value', 'invalid-value'],
      [5, 'value', 'invalid-value'],
      [6, 'value', 'invalid-value'],
      [7, 'period', 'invalid-period'],
      [8, 'period', 'period-in-future'],
      [9, 'indicatorId', 'unknown-indicator'],
      [10, 'indicatorId', 'unknown-indicator'],
    ]);
    expect(again.rejected[0]!.reason).toContain('already reported');
    // the same identical item twice in one batch counts once
    const twice = await services.production.reports.ingest(sec, [
      { indicatorId: indicatorA, period: reportDay(40), value: 1001 },
      { indicatorId: indicatorA, period: reportDay(40), value: 1001 },
    ]);
    expect(twice).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('checks who may report on every batch, also for indicators whose rows an earlier batch read', async () => {
    // the system's batch makes the service keep indicator B's header; the permission is still asked
    const system = { kind: 'system', name: 'test' } as const;
    expect(
      await services.production.reports.ingest(system, [
        { indicatorId: indicatorB, period: reportDay(0), value: 7 },
      ]),
    ).toMatchObject({ accepted: 1, rejected: [] });
    const byA = await services.production.reports.ingest(personPrincipal(fed.people.secretaryA), [
      { indicatorId: indicatorB, period: reportDay(1), value: 8 },
    ]);
    expect(byA.rejected.map((r) => r.code)).toEqual(['unknown-indicator']);
    const byB = await services.production.reports.ingest(personPrincipal(fed.people.secretaryB), [
      { indicatorId: indicatorB, period: reportDay(0), value: 7 },
      { indicatorId: indicatorB, period: reportDay(1), value: 8 },
    ]);
    expect(byB).toMatchObject({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('forecasts through gaps and raises one alert per episode with a deadline from its severity', async () => {
    const sec = personPrincipal(fed.people.secretaryA);
    // two missing days, then the level falls from 1000 to 400 and stays there (a lockout)
    const start = FIRST_REPORT_DAY + 43;
    const values = series(20, () => 400);
    const out = await services.production.reports.ingest(
      sec,
      values.map((value, d) => ({ indicatorId: indicatorA, period: periodOf(start + d, 'daily'), value })),
    );
    expect(out).toMatchObject({ accepted: 20, rejected: [] });
    expect(out.alertsRaised).toBe(1);
    const s = await services.production.alerts.series(sec, indicatorA, 200);
    expect(s.points).toHaveLength(61);
    expect(s.alerts).toHaveLength(1);
    const alert = s.alerts[0]!;
    expect(alert).toMatchObject({
      status: 'open',
      level: 0,
      levelName: 'workplace',
      bodyId: fed.bodies.assemblyA,
    });
    expect(['step', 'outlier', 'drift']).toContain(alert.kind);
    const hours = { high: 4, medium: 24, low: 48 }[alert.severity];
    expect(Date.parse(alert.deadline!) - clock.now()).toBe(hours * HOUR);
    expect(s.forecast?.period).toBe(periodOf(start + 20, 'daily'));
    expect(Math.abs(s.forecast!.value - 400)).toBeLessThan(50);
    const withBand = s.points.filter((p) => p.low !== null);
    expect(withBand.length).toBeGreaterThan(20);
    // the series is private to the workplace and the councils above
    await expect(
      services.production.alerts.series(personPrincipal(fed.people.outsider), indicatorA),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('never loses a forecast step when batches for one indicator run concurrently', async () => {
    const sec = personPrincipal(fed.people.secretaryA);
    const [ind] = await services.production.register.createIndicators(sec, workplaceA, [
      { name: 'Energía', kind: 'energy', unit: 'kWh' },
    ]);
    const batches = Array.from({ length: 6 }, (_, k) => [
      { indicatorId: ind!.id, period: reportDay(k), value: 500 + k },
    ]);
    const outs = await Promise.all(batches.map((b) => services.production.reports.ingest(sec, b)));
    expect(outs.reduce((n, o) => n + o.accepted, 0)).toBe(6);
    const row = await productionDb(database().db)
      .selectFrom('indicator_series')
      .select(['state', 'last_period_index'])
      .where('indicator_id', '=', ind!.id)
      .executeTakeFirstOrThrow();
    const state = decodeMonitorState(row.state);
    // every report that arrived in period order was forecast; a late one is stored only
    const series = await services.production.alerts.series(sec, ind!.id);
    expect(series.points).toHaveLength(6);
    const forecast = series.points.filter((p) => p.anomalyScore !== null).length;
    expect(state.forecaster.observed).toBe(forecast);
    expect(row.last_period_index).toBe(FIRST_REPORT_DAY + 5);
  });

  it('escalates unacknowledged alerts one level per deadline, exactly once across restarts', async () => {
    const [alert] = await services.production.alerts.board(
      personPrincipal(fed.people.memberA),
      fed.bodies.assemblyA,
      ['open'],
    );
    expect(alert).toBeDefined();
    // before the deadline nothing moves
    expect(await services.production.escalation.escalateDue()).toEqual({ escalated: 0, atTop: 0 });
    clock.set(Date.parse(alert!.deadline!) + 1);

    // "kill" the process between deadline and escalation: drop these services, build new ones
    const restarted = await make(database(), new ManualClock(clock.now()));
    const live: LiveEvent[] = [];
    const stops = [restarted.bus.subscribe((e) => live.push(e)), services.bus.subscribe((e) => live.push(e))];
    const [r1, r2] = await Promise.all([
      restarted.production.escalation.escalateDue(),
      services.production.escalation.escalateDue(),
    ]);
    for (const stop of stops) stop();
    expect(r1.escalated + r2.escalated).toBe(1);
    // the cordón's delegates are told live (the SSE stream shows events to those who may view the body)
    expect(
      live.filter((e) => e.action === 'production.alert-escalated').map((e) => [e.subjectId, e.scopeBodyId]),
    ).toEqual([[alert!.id, fed.bodies.cordon]]);
    expect(await restarted.production.escalation.escalateDue()).toEqual({ escalated: 0, atTop: 0 });
    const atCordon = await restarted.production.alerts.board(
      personPrincipal(fed.people.cordonDelegate),
      fed.bodies.cordon,
      ['open'],
    );
    expect(atCordon.map((a) => [a.id, a.level, a.levelName])).toEqual([[alert!.id, 1, 'cordon']]);
    // the cordón's members were told through an event scoped to the cordón
    const page = await restarted.audit.list({ subjectId: alert!.id, limit: 10 });
    const escalatedEvents = page.events.filter((e) => e.action === 'production.alert-escalated');
    expect(escalatedEvents.map((e) => e.scopeBodyId)).toEqual([fed.bodies.cordon]);

    // on up: region, then nation, then the clock stops at the top
    for (const [body, level] of [
      [fed.bodies.region, 2],
      [fed.bodies.nation, 3],
    ] as const) {
      const now = await restarted.production.alerts.alert(
        personPrincipal(fed.people.nationDelegate),
        alert!.id,
      );
      const later = new ManualClock(Date.parse(now.deadline!) + 1);
      const again = await make(database(), later);
      expect(await again.production.escalation.escalateDue()).toEqual({ escalated: 1, atTop: 0 });
      expect(await again.production.escalation.escalateDue()).toEqual({ escalated: 0, atTop: 0 });
      const moved = await again.production.alerts.alert(
        personPrincipal(fed.people.nationDelegate),
        alert!.id,
      );
      expect([moved.bodyId, moved.level]).toEqual([body, level]);
    }
    const top = await restarted.production.alerts.alert(
      personPrincipal(fed.people.nationDelegate),
      alert!.id,
    );
    const end = await make(database(), new ManualClock(Date.parse(top.deadline!) + 1));
    expect(await end.production.escalation.escalateDue()).toEqual({ escalated: 0, atTop: 1 });
    const final = await end.production.alerts.alert(personPrincipal(fed.people.nationDelegate), alert!.id);
    expect(final).toMatchObject({ level: 3, status: 'open', deadline: null });
  });

  it('lets those responsible acknowledge, comment and resolve, and nobody else', async () => {
    const [alert] = await services.production.alerts.board(
      personPrincipal(fed.people.nationDelegate),
      fed.bodies.nation,
      ['open'],
    );
    const id = alert!.id;
    await expect(
      services.production.alerts.acknowledge(personPrincipal(fed.people.memberA), id),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      services.production.alerts.acknowledge(personPrincipal(fed.people.outsider), id),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const comment = await services.production.alerts.comment(
      personPrincipal(fed.people.memberA),
      id,
      'Lockout by the owners since Monday',
    );
    expect(comment.text).toContain('Lockout');
    const acked = await services.production.alerts.acknowledge(
      personPrincipal(fed.people.nationDelegate),
      id,
    );
    expect(acked).toMatchObject({ status: 'acknowledged', deadline: null });
    await expect(
      services.production.alerts.acknowledge(personPrincipal(fed.people.secretaryA), id),
    ).rejects.toMatchObject({ code: 'alert-closed' });
    const resolved = await services.production.alerts.resolve(
      personPrincipal(fed.people.secretaryA),
      id,
      'Workers reopened the plant',
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Workers reopened the plant' });
    const full = await services.production.alerts.alert(personPrincipal(fed.people.memberA), id);
    expect(full.comments).toHaveLength(1);
    expect(
      await services.production.alerts.board(personPrincipal(fed.people.nationDelegate), fed.bodies.nation),
    ).toEqual([]);
    await expect(
      services.production.alerts.board(personPrincipal(fed.people.outsider), fed.bodies.nation),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describeEachDialect(
  'production migration',
  (database) => {
    // introspection lists every schema's tables on PostgreSQL; ask the search path instead
    const exists = async (table: string) => {
      try {
        await sql`select 1 from ${sql.table(table)} limit 1`.execute(database().db);
        return true;
      } catch {
        return false;
      }
    };
    it('goes up and down', async () => {
      expect((await migrateUp(database().db)).status).toBe('ok');
      expect(await exists('reports')).toBe(true);
      // down reverts only the newest migration; walk down until 0003 is gone
      for (let i = 0; i < 20 && (await exists('workplaces')); i++)
        expect((await migrateDown(database().db)).status).toBe('ok');
      for (const table of ['workplaces', 'reports', 'alerts', 'alert_comments', 'indicators'])
        expect(await exists(table)).toBe(false);
      expect(await exists('bodies')).toBe(true);
      expect((await migrateUp(database().db)).status).toBe('ok');
      expect(await exists('alerts')).toBe(true);
    });
  },
  { migrate: false },
);

describe('escalation runner', () => {
  it('reports a failed run and keeps going', async () => {
    let calls = 0;
    const failing = {
      escalateDue: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unreachable');
        return { escalated: 2, atTop: 0 };
      },
    } as unknown as EscalationService;
    const errors: unknown[] = [];
    const runner = new EscalationRunner(failing);
    runner.start(60_000, (e) => errors.push(e));
    expect(runner.active).toBe(true);
    expect(await runner.tick()).toBeNull();
    expect(await runner.tick()).toEqual({ escalated: 2, atTop: 0 });
    expect(errors).toHaveLength(1);
    await runner.stop();
    expect(runner.active).toBe(false);
  });
});
