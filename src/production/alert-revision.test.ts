import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  reportDay,
} from '../../test/factories.js';
import type { LiveEvent } from '../core/event-bus.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { seededRandom } from './core/seeded-random.js';

/** 60 quiet days around 1000 (σ 8), then from day 60 either a new level or a trend that turned. */
function values(seed: number, after: (k: number) => number): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: 80 }, (_, d) =>
    Math.round(1000 + 8 * r.normal() + (d >= 60 ? after(d - 59) : 0)),
  );
}

describeEachDialect('alerts renamed when the trend turned', (database) => {
  let services: Services;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let indicators: string[];

  beforeAll(async () => {
    services = await createTestServices(database());
    fed = await createFederation(services);
    const workplace = await createTestWorkplace(services, fed.bodies.assemblyA, 'Textil Progreso');
    indicators = (
      await services.production.register.createIndicators(
        personPrincipal(fed.people.secretaryA),
        workplace.id,
        [
          { name: 'Telares', kind: 'custom', unit: 'looms' },
          { name: 'Hilos', kind: 'custom', unit: 'kg' },
          { name: 'Paños', kind: 'custom', unit: 'm' },
        ],
      )
    ).map((i) => i.id);
  });

  const sec = () => personPrincipal(fed.people.secretaryA);
  const alertsOf = async (indicatorId: string) =>
    (await services.production.alerts.series(sec(), indicatorId, 200)).alerts;
  const revisedEvents = async (alertId: string) =>
    (await services.audit.list({ subjectId: alertId, limit: 20 })).events.filter(
      (e) => e.action === 'production.alert-revised',
    );

  it('renames a step alert raised by an earlier batch, records it and tells the board', async () => {
    const id = indicators[0]!;
    const vs = values(1, (k) => 60 * k);
    const live: LiveEvent[] = [];
    const stop = services.bus.subscribe((e) => live.push(e));
    // one report a day, as a workplace sends them: the alert comes with the turn's first values,
    // the evidence that it is a turn a few days later
    for (const [d, value] of vs.entries())
      expect(
        await services.production.reports.ingest(sec(), [{ indicatorId: id, period: reportDay(d), value }]),
      ).toMatchObject({
        accepted: 1,
        rejected: [],
      });
    stop();
    const alerts = await alertsOf(id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.kind).toBe('slope');
    const events = await revisedEvents(alerts[0]!.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.scopeBodyId).toBe(fed.bodies.assemblyA);
    expect(events[0]!.payload).toMatchObject({ indicatorId: id, to: 'slope' });
    expect(['step', 'drift']).toContain((events[0]!.payload as { from: string }).from);
    expect(live.filter((e) => e.action === 'production.alert-revised')).toHaveLength(1);
  });

  it('raises the alert with its final kind when the turn and its evidence come in one batch', async () => {
    const id = indicators[1]!;
    const vs = values(2, (k) => 60 * k);
    const out = await services.production.reports.ingest(
      sec(),
      vs.map((value, d) => ({ indicatorId: id, period: reportDay(d), value })),
    );
    expect(out).toMatchObject({ accepted: 80, alertsRaised: 1, rejected: [] });
    const alerts = await alertsOf(id);
    expect(alerts.map((a) => a.kind)).toEqual(['slope']);
    expect(await revisedEvents(alerts[0]!.id)).toEqual([]);
  });

  it('leaves a level shift a step', async () => {
    const id = indicators[2]!;
    const vs = values(3, () => 120);
    for (const [d, value] of vs.entries())
      await services.production.reports.ingest(sec(), [{ indicatorId: id, period: reportDay(d), value }]);
    const alerts = await alertsOf(id);
    expect(alerts.map((a) => a.kind)).toEqual(['step']);
    expect(await revisedEvents(alerts[0]!.id)).toEqual([]);
  });
});
