import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultConfig } from '../src/core/config.js';
import { newId } from '../src/core/ids.js';
import { openDatabase } from '../src/db/database.js';
import { dropSchema, migrateUp } from '../src/db/migrator.js';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { createLogisticsArea } from '../src/logistics/logistics-area.js';
import { createServices } from '../src/server/services.js';

// `npm run bench -- dispatch [--shipments N] [--trucks N] [--seconds S] [--dialect sqlite|postgres]`
// (PostgreSQL: a fresh schema of TEST_DATABASE_URL.)
// The route-planning service end to end, on a migrated database: N requested shipments (1,000 by
// default) from one depot to distribution points scattered over Santiago, T trucks (50), then
// 1. the request path: how long `planning.start` takes to claim the shipments and return (the
//    HTTP call answers 202 after it), and the worst event-loop delay while the router runs in its
//    worker (sampled every 5 ms — the request path never blocks on the solve);
// 2. start → plan written: solver seconds (the budget, S = 2 by default) plus building the
//    problem and writing routes, stops and unplaced shipments in one command;
// 3. dispatch and 200 driver records (picked-up + delivered), per record.

const SYSTEM = { kind: 'system', name: 'bench' } as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

export default async function (args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      shipments: { type: 'string', default: '1000' },
      trucks: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '2' },
      dialect: { type: 'string', default: 'sqlite' },
    },
  });
  const n = Number(values.shipments);
  const trucks = Number(values.trucks);
  const seconds = Number(values.seconds);
  const dialect = values.dialect === 'postgres' ? 'postgres' : 'sqlite';
  // PostgreSQL: a fresh schema of TEST_DATABASE_URL, dropped afterwards
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_dispatch_${process.pid}`;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const database = await openDatabase(
    dialect === 'postgres' ? { kind: 'postgres', url, schema } : { kind: 'sqlite', path: ':memory:' },
  );
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    const logistics = createLogisticsArea(database, services.audit, services.councils, { seconds });
    const bodyId = newId();
    const r = rng(1972);
    const [depot, ...points] = await logistics.places.importMany(SYSTEM, [
      { name: 'Bodega Vicuña Mackenna', kind: 'depot', latitude: -33.4985, longitude: -70.6105, bodyId },
      ...Array.from({ length: 200 }, (_, i) => ({
        name: `Punto ${i + 1}`,
        kind: 'distribution-point' as const,
        latitude: -33.38 - r() * 0.2,
        longitude: -70.54 - r() * 0.24,
      })),
    ]);
    const driver = newId();
    await logistics.pool.importMany(
      SYSTEM,
      Array.from({ length: trucks }, (_, i) => ({
        plate: `HB-${1000 + i}`,
        capacityKg: (3 + (i % 10)) * 1000,
        capacityM3: 20,
        owner: 'Transportes Andes',
        depotPlaceId: depot!,
        driverAccountId: driver,
        history: [{ status: 'requisitioned' as const, bodyId, at: '1972-10-14T09:00:00.000Z' }],
      })),
    );
    const day = '1972-10-20';
    await logistics.shipments.importMany(
      SYSTEM,
      Array.from({ length: n }, () => {
        const kg = 50 + Math.floor(r() * 600);
        return {
          bodyId,
          fromPlaceId: depot!,
          toPlaceId: points[Math.floor(r() * points.length)]!,
          priority: 'food' as const,
          weightKg: kg,
          dueDate: day,
          goods: [{ good: 'harina', quantity: kg, unit: 'kg' }],
        };
      }),
    );

    let worstLagMs = 0;
    let last = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      worstLagMs = Math.max(worstLagMs, now - last - 5);
      last = now;
    }, 5);
    const t0 = performance.now();
    const started = await logistics.planning.start(SYSTEM, { bodyId, date: day });
    const tStart = performance.now() - t0;
    last = performance.now();
    worstLagMs = 0;
    await logistics.planning.settled(started.id);
    const tDone = performance.now() - t0;
    clearInterval(sampler);
    const plan = await logistics.planning.get(started.id);

    console.log(`dispatch bench: ${dialect}, ${n} shipments, ${trucks} trucks, solver budget ${seconds} s`);
    console.log(`  start (claim ${plan.shipmentCount} shipments, return 202): ${tStart.toFixed(1)} ms`);
    console.log(`  worst event-loop delay while solving: ${worstLagMs.toFixed(1)} ms`);
    console.log(
      `  start → plan written: ${(tDone / 1000).toFixed(2)} s (solve incl. problem and writes ${plan.solveMs} ms), status ${plan.status}`,
    );
    console.log(
      `  plan: ${plan.routes.length} routes, ${plan.routes.reduce((s, x) => s + x.stops.length, 0)} stops, ${(
        (plan.distanceM ?? 0) / 1000
      ).toFixed(1)} km, ${plan.unplaced.length} unplaced, ${plan.iterations} iterations`,
    );

    const d0 = performance.now();
    await logistics.dispatch.dispatch(SYSTEM, plan.id);
    const tDispatch = performance.now() - d0;
    const me: PersonPrincipal = {
      kind: 'person',
      accountId: driver,
      personId: driver,
      username: 'chofer',
      displayName: 'Chofer',
      isAdmin: false,
      locale: 'es',
      sessionId: 'bench',
      csrfToken: 'bench',
    };
    const stops = plan.routes.flatMap((x) => x.stops).slice(0, 100);
    const e0 = performance.now();
    for (const s of stops) {
      await logistics.dispatch.record(me, s.id, 'picked-up');
      await logistics.dispatch.record(me, s.id, 'delivered');
    }
    const tEvents = performance.now() - e0;
    console.log(`  dispatch: ${tDispatch.toFixed(1)} ms`);
    console.log(
      `  driver records: ${stops.length * 2} in ${tEvents.toFixed(0)} ms, ${(tEvents / (stops.length * 2)).toFixed(2)} ms each`,
    );
  } finally {
    await database.close();
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await dropSchema(admin, schema);
      await admin.end();
    }
  }
}
