import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ManualClock } from '../src/core/clock.js';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { SeededRandom } from '../src/planning/core/seeded-random.js';
import { createServices } from '../src/server/services.js';

// Figure `plan-service`: the planning service end to end on SQLite (a file, WAL) for an economy of
// W workplaces making P = W/3 products (three makers each, techniques of up to 5 inputs from
// lower-numbered products, coefficients so that column sums stay below 0.6), every product with
// an investment target of 0.8 × its capacity, so that with the intermediate use some bind:
//   draft (answer), draft → solved, amendment → solved, adoption → adopted with quotas written,
// and the largest event-loop delay seen meanwhile (the request path must not block on a solve).
// `npm run bench -- plan-service [W…]` (default 150 1500).

const SYSTEM = { kind: 'system', name: 'bench' } as const;

function actingAs(personId: string): PersonPrincipal {
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

async function measure(workplaces: number): Promise<string> {
  const dir = mkdtempSync(join(os.tmpdir(), 'plan-service-bench-'));
  const database = await openDatabase({ kind: 'sqlite', path: join(dir, 'bench.db') });
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(
      database,
      defaultConfig({ logLevel: 'silent' }),
      new ManualClock(Date.parse('1972-10-11T08:00:00Z')),
    );
    const rng = new SeededRandom(1972);
    const setup = performance.now();
    const [delegate, chair] = await services.identity.registerPeople(SYSTEM, [
      { displayName: 'Delegada' },
      { displayName: 'Presidente' },
    ]);
    const region = await services.councils.foundBody(
      { kind: 'regional-council', name: 'Consejo Regional', members: [], seats: [] },
      { actorName: 'bench' },
    );
    const nation = await services.councils.foundBody(
      {
        kind: 'national-assembly',
        name: 'Asamblea Popular Nacional',
        members: [{ personId: chair!, role: 'chair' }],
        seats: [{ constituencyId: region, holderPersonId: delegate! }],
      },
      { actorName: 'bench' },
    );
    const { register } = services.production;
    const products = Math.max(1, Math.floor(workplaces / 3));
    const productIds: string[] = [];
    for (let p = 0; p < products; p++)
      productIds.push(
        (
          await register.createProduct(SYSTEM, {
            code: `P${p}`,
            name: `Producto ${p}`,
            unit: 'kg',
            category: 'c',
            basicGood: false,
          })
        ).id,
      );
    const capacity = new Float64Array(products);
    for (let w = 0; w < workplaces; w++) {
      const p = w % products;
      const bodyId = await services.councils.foundBody(
        { kind: 'workplace-assembly', name: `Asamblea ${w}`, members: [], seats: [] },
        { actorName: 'bench' },
      );
      const wp = await register.createWorkplace(SYSTEM, {
        bodyId,
        name: `Fábrica ${w}`,
        sector: 's',
        latitude: -33.4,
        longitude: -70.6,
        workforce: 100,
        status: 'social-area',
        since: '1972-01-01',
      });
      const cap = 1000 + Math.floor(rng.next() * 9000);
      capacity[p]! += cap;
      await register.setCapacities(SYSTEM, wp.id, [
        { productId: productIds[p]!, period: '1972-10', quantity: cap },
      ]);
      const inputs = new Map<string, number>();
      for (let k = 0; k < 5 && p > 0; k++)
        inputs.set(productIds[Math.floor(rng.next() * p)]!, 1 + Math.floor(rng.next() * 110));
      await register.setTechnique(SYSTEM, wp.id, {
        productId: productIds[p]!,
        labourMilliHours: 10 + Math.floor(rng.next() * 90),
        inputs: [...inputs].map(([productId, quantityMilli]) => ({ productId, quantityMilli })),
      });
    }
    const setupS = (performance.now() - setup) / 1000;

    const { plans } = services.planning;
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const d = actingAs(delegate!);
    let t = performance.now();
    const draft = await plans.draftFromEntitlements(d, { bodyId: nation, period: '1972-10' });
    const answerMs = performance.now() - t;
    await plans.setTargets(d, draft.id, {
      bodyId: nation,
      items: productIds.map((productId, p) => ({
        productId,
        kind: 'investment' as const,
        quantity: Math.round(capacity[p]! * 0.8),
      })),
    });
    t = performance.now();
    await plans.idle();
    const draftMs = performance.now() - t;
    await plans.propose(d, draft.id);
    const plan = await plans.get(draft.id);
    const outcome = plan.solve?.outcome;
    t = performance.now();
    const amendment = await plans.amend(d, draft.id, {
      changes: [
        {
          productId: productIds[products - 1]!,
          kind: 'investment',
          quantity: Math.round(capacity[products - 1]! * 2),
        },
      ],
    });
    await plans.idle();
    const amendMs = performance.now() - t;
    const motion = (await plans.get(draft.id)).motionId!;
    for (const m of [amendment.motionId, motion]) {
      await services.councils.motions.vote(d, m, 'for');
      await services.councils.motions.close(actingAs(chair!), m);
    }
    t = performance.now();
    await plans.adopt(d, draft.id);
    await plans.idle();
    const adoptMs = performance.now() - t;
    lag.disable();
    const adopted = await plans.get(draft.id);
    if (adopted.status !== 'adopted') throw new Error(`not adopted: ${adopted.error}`);
    return (
      `W=${workplaces} workplaces, P=${products} products (setup ${setupS.toFixed(1)} s): ` +
      `draft answered in ${answerMs.toFixed(0)} ms; targets → solved ${draftMs.toFixed(0)} ms ` +
      `(θ ${outcome?.status === 'planned' ? outcome.theta?.toFixed(3) : outcome?.status}, ${outcome?.status === 'planned' ? outcome.bottlenecks.length : 0} bottlenecks); ` +
      `amendment → consequences ${amendMs.toFixed(0)} ms; adoption → ${adopted.quotas.length} quotas written ${adoptMs.toFixed(0)} ms; ` +
      `largest event-loop delay ${(lag.max / 1e6).toFixed(0)} ms`
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function run(args: string[]): Promise<void> {
  const sizes = args.length > 0 ? args.map(Number) : [150, 1500];
  for (const w of sizes) console.log(await measure(w));
}
