import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { defaultConfig } from '../core/config.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { PersonPrincipal } from '../identity/principal.js';
import { createServices, type Services } from '../server/services.js';
import { BODIES_BY_NAME, councilsScenario } from './councils.scenario.js';
import { DEMO_PEOPLE, identityScenario } from './identity.scenario.js';
import { logisticsScenario } from './logistics.scenario.js';
import {
  type ChronicleEntry,
  OCTOBER_1972,
  OCTOBER_CHRONICLE,
  OCTOBER_DAYS,
  octoberScenario,
} from './october.scenario.js';
import { productionScenario } from './production.scenario.js';
import { Rng } from './rng.js';
import { SCENARIO_PARTS } from './scenario.js';
import { supplyScenario } from './supply.scenario.js';

// The load's own time is 20 November 1972, noon: day 0 of the part, so day −40 is 11 October 1972.
const NOW = Date.parse('1972-11-20T12:00:00.000Z');
const DAY_MS = 86_400_000;

function person(personId: string): PersonPrincipal {
  return {
    kind: 'person',
    accountId: '',
    personId,
    username: '',
    displayName: '',
    isAdmin: false,
    locale: 'es',
    sessionId: '',
    csrfToken: '',
  };
}

it('runs last, after every part it reads', () => {
  expect(SCENARIO_PARTS.at(-1)).toBe(octoberScenario);
});

describeEachDialect('"Santiago, October 1972": 90 days of events', (database) => {
  let services: Services;
  let chronicle: ChronicleEntry[];
  let bodies: Map<string, string>;
  let demo: Map<string, string>;
  const of = (kind: ChronicleEntry['kind']) => chronicle.filter((e) => e.kind === kind);

  beforeAll(async () => {
    services = await createServices(database(), defaultConfig({ logLevel: 'silent' }), new ManualClock(NOW));
    const shared = new Map<string, unknown>();
    const root = new Rng(1972);
    // 75 households per JAP (3,000 in all), not the demo's 300,000
    for (const part of [
      identityScenario,
      councilsScenario,
      productionScenario,
      supplyScenario,
      logisticsScenario,
      octoberScenario,
    ])
      await part.load({
        services,
        rng: root.fork(part.name),
        scale: 'city',
        shared,
        householdsPerCommittee: 75,
        progress: () => {},
      });
    chronicle = shared.get(OCTOBER_CHRONICLE) as ChronicleEntry[];
    bodies = shared.get(BODIES_BY_NAME) as Map<string, string>;
    demo = shared.get(DEMO_PEOPLE) as Map<string, string>;
  }, 180_000);

  it('spreads its events over the 90 days ending at the load, in time order, and the audit chain holds', async () => {
    const days = new Set(chronicle.map((e) => e.day));
    expect(Math.min(...days)).toBeLessThanOrEqual(-(OCTOBER_DAYS - 10));
    expect(Math.max(...days)).toBe(0);
    expect(days.size).toBeGreaterThan(30);
    for (const [i, e] of chronicle.entries()) {
      const at = Date.parse(e.at);
      // each event falls on its day: day d is the date d days before the load
      expect(new Date(at).toISOString().slice(0, 10)).toBe(
        new Date(NOW + e.day * DAY_MS).toISOString().slice(0, 10),
      );
      if (i > 0) expect(at).toBeGreaterThanOrEqual(Date.parse(chronicle[i - 1]!.at));
      if (e.day === 0) expect(at).toBeGreaterThanOrEqual(NOW);
      else expect(at).toBeLessThan(NOW);
    }
    expect(await services.audit.verify()).toMatchObject({ status: 'intact' });
  });

  it('records each event in the audit log at its date, under a meaningful action', async () => {
    const expected: [ChronicleEntry['kind'], string, string][] = [
      ['truck-withdrawn', 'vehicleId', 'logistics.vehicle-returned'],
      ['truck-requisitioned', 'vehicleId', 'logistics.vehicle-requisitioned'],
      ['stop-failed', 'shipmentId', 'logistics.stop-failed'],
      ['resupply-requested', 'requestId', 'supply.resupply-requested'],
      ['price-report-resolved', 'reportId', 'supply.price-report-advanced'],
      ['alert-escalated', 'alertId', 'production.alert-escalated'],
      ['delegate-recalled', 'seatId', 'councils.delegate-recalled'],
    ];
    for (const [kind, role, action] of expected) {
      const [e] = of(kind);
      const { events } = await services.audit.list({ subjectId: e!.ids[role]!, limit: 50 });
      expect(events.filter((a) => a.action === action).map((a) => a.occurredAt)).toContain(e!.at);
    }
  });

  it('has owners withdraw their trucks when the stoppage is declared and the cordón requisition them and idle ones', async () => {
    const withdrawn = of('truck-withdrawn');
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const e of withdrawn) {
      expect(e.day).toBe(OCTOBER_1972.stoppageDeclared);
      const truck = await services.logistics.pool.get(e.ids.vehicleId!);
      expect(truck.history.map((h) => h.status).slice(0, 2)).toEqual(['volunteered', 'returned']);
      expect(truck.history[1]).toMatchObject({ recordedAt: e.at, note: expect.stringContaining('Paro') });
    }
    const requisitioned = of('truck-requisitioned');
    expect(requisitioned.length).toBeGreaterThanOrEqual(withdrawn.length);
    const retaken = requisitioned.filter((e) => withdrawn.some((w) => w.ids.vehicleId === e.ids.vehicleId));
    expect(retaken.length).toBeGreaterThan(0);
    for (const e of requisitioned) {
      const truck = await services.logistics.pool.get(e.ids.vehicleId!);
      expect(truck.history.find((h) => h.status === 'requisitioned')?.recordedAt).toBe(e.at);
    }
    // when the stoppage ends some go back to their owners
    const returned = of('truck-returned');
    expect(returned.length).toBeGreaterThan(0);
    for (const e of returned)
      expect((await services.logistics.pool.get(e.ids.vehicleId!)).status).toBe('returned');
  });

  it('delivers with the next plan a shipment whose road was cut', async () => {
    const [rerouted] = of('shipment-rerouted');
    const shipmentId = rerouted!.ids.shipmentId!;
    expect((await services.logistics.shipments.get(shipmentId)).status).toBe('delivered');
    const failedStop = (await services.logistics.planning.get(rerouted!.ids.failedPlanId!)).routes
      .flatMap((r) => r.stops)
      .find((s) => s.shipmentId === shipmentId);
    expect(failedStop?.status).toBe('failed');
    const deliveredStop = (await services.logistics.planning.get(rerouted!.ids.planId!)).routes
      .flatMap((r) => r.stops)
      .find((s) => s.shipmentId === shipmentId);
    expect(deliveredStop?.status).toBe('delivered');
    expect(of('stop-failed').map((e) => e.ids.shipmentId)).toEqual([shipmentId]);
    // its truck came back damaged, was out of service a day and is back in the pool
    const [damaged] = of('truck-out-of-service');
    const truck = await services.logistics.pool.get(damaged!.ids.vehicleId!);
    expect(truck.history.map((h) => h.status).slice(-2)).toEqual(['out-of-service', 'requisitioned']);
    expect(truck.history.at(-1)!.recordedAt).toBe(of('truck-back-in-service')[0]!.at);
    expect(truck.status).toBe('requisitioned');
  });

  it("delivers JAP La Legua's resupply request and raises its stock", async () => {
    const [requested] = of('resupply-requested');
    const [delivered] = of('resupply-delivered');
    expect(delivered!.ids.requestId).toBe(requested!.ids.requestId);
    const japId = requested!.ids.committeeId!;
    const regional = bodies.get('Consejo Regional Metropolitano')!;
    const chair = (await services.councils.seats(person(demo.get('carmen')!), regional)).find(
      (s) => s.constituencyId === japId,
    )!.holderPersonId!;
    const [request] = await services.supply.resupply.list(person(chair), japId);
    expect(request).toMatchObject({
      id: requested!.ids.requestId,
      status: 'delivered',
      deliveredAt: delivered!.at,
    });
    expect((await services.logistics.shipments.get(request!.shipmentId!)).status).toBe('delivered');
    // before the delivery the point held about a quarter of the week; now at least what was asked
    const { stock } = await services.supply.claims.stock(person(chair), request!.pointId);
    for (const line of request!.lines)
      expect(stock.find((s) => s.goodId === line.goodId)?.quantity ?? 0).toBeGreaterThanOrEqual(
        line.quantity,
      );
  });

  it('has price and hoarding reports rise during the stoppage and the JAPs resolve them', async () => {
    const reported = of('price-reported');
    const rate = (from: number, to: number) =>
      reported.filter((e) => e.day >= from && e.day <= to).length / (to - from + 1);
    expect(rate(OCTOBER_1972.stoppageDeclared, OCTOBER_1972.stoppageEnds)).toBeGreaterThan(
      2 * rate(-(OCTOBER_DAYS - 1), OCTOBER_1972.stoppageDeclared - 1),
    );
    const resolved = of('price-report-resolved');
    expect(resolved.length).toBeGreaterThan(5);
    const regional = bodies.get('Consejo Regional Metropolitano')!;
    const chairs = new Map(
      (await services.councils.seats(person(demo.get('carmen')!), regional)).map((s) => [
        s.constituencyId,
        s.holderPersonId!,
      ]),
    );
    for (const e of resolved.slice(0, 5)) {
      const japId = e.ids.committeeId!;
      const board = await services.supply.prices.board(person(chairs.get(japId)!), japId, 'resolved');
      const report = board.find((r) => r.id === e.ids.reportId);
      expect(report).toMatchObject({
        status: 'resolved',
        updatedAt: e.at,
        notes: expect.stringContaining('DIRINCO'),
      });
      expect(Date.parse(report!.reportedAt)).toBeLessThan(Date.parse(e.at));
    }
  });

  it("raises an alert on Textil Sumar's cotton when the stoppage cuts deliveries; it climbs to the cordón, which handles it", async () => {
    const [raised] = of('alert-raised');
    expect(raised!.day).toBeGreaterThanOrEqual(OCTOBER_1972.stoppageDeclared);
    const sumar = (await services.production.register.listWorkplaces()).find(
      (w) => w.name === 'Textil Sumar',
    )!;
    const [alert] = (await services.production.alerts.ofWorkplaceForSystem(sumar.id, ['resolved'])).filter(
      (a) => a.id === raised!.ids.alertId,
    );
    const cordonId = bodies.get('Cordón Vicuña Mackenna')!;
    expect(alert).toMatchObject({ level: 1, bodyId: cordonId, raisedAt: raised!.at });
    const escalated = of('alert-escalated').find((e) => e.ids.alertId === alert!.id)!;
    const acknowledged = of('alert-acknowledged').find((e) => e.ids.alertId === alert!.id)!;
    const resolved = of('alert-resolved').find((e) => e.ids.alertId === alert!.id)!;
    expect(Date.parse(escalated.at)).toBeGreaterThan(Date.parse(raised!.at));
    expect(alert!.acknowledgedAt).toBe(acknowledged.at);
    expect(alert!.resolvedAt).toBe(resolved.at);
    expect(Date.parse(resolved.at)).toBeGreaterThan(Date.parse(acknowledged.at));
    expect(resolved.day).toBeLessThan(OCTOBER_1972.stoppageEnds);
  });

  it('has the cordón take escalated alerts in hand and resolve one of the lockout’s', async () => {
    const acknowledged = of('alert-acknowledged');
    expect(acknowledged.length).toBeGreaterThan(0);
    const perlak = (await services.production.register.listWorkplaces()).find((w) => w.name === 'Perlak')!;
    const resolved = await services.production.alerts.ofWorkplaceForSystem(perlak.id, ['resolved']);
    const ids = new Set(of('alert-resolved').map((e) => e.ids.alertId));
    const handled = resolved.filter((a) => ids.has(a.id));
    expect(handled.length).toBeGreaterThan(0);
    for (const a of handled) {
      expect(a.level).toBeGreaterThan(0);
      expect(Date.parse(a.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(a.raisedAt));
    }
    // one of the lockout's alerts is left climbing, unanswered, on the cordón's board
    const open = await services.production.alerts.ofWorkplaceForSystem(perlak.id, ['open']);
    expect(open.filter((a) => a.level > 0)).toHaveLength(1);
  });

  it('recalls by petition the delegate who voted against the mandate and seats the by-election’s winner', async () => {
    const [recalled] = of('delegate-recalled');
    const [replaced] = of('delegate-replaced');
    const cordonId = bodies.get('Cordón Cerrillos-Maipú')!;
    const fensa = bodies.get('Fensa')!;
    const seats = await services.councils.seats(person(demo.get('jorge')!), cordonId, true);
    const old = seats.find((s) => s.seatId === recalled!.ids.seatId)!;
    expect(old).toMatchObject({ holderPersonId: recalled!.ids.personId, vacateReason: 'recalled' });
    const live = (await services.councils.seats(person(demo.get('jorge')!), cordonId)).filter(
      (s) => s.constituencyId === fensa,
    );
    expect(live.map((s) => s.holderPersonId)).toEqual([replaced!.ids.personId]);
    expect(replaced!.ids.personId).not.toBe(recalled!.ids.personId);
    expect(Date.parse(live[0]!.since ?? '')).toBeGreaterThanOrEqual(Date.parse(old.since ?? ''));
  });
});
