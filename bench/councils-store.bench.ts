import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { CommandMeta } from '../src/audit/audit.service.js';
import { ManualClock } from '../src/core/clock.js';
import { type DatabaseTarget, defaultConfig } from '../src/core/config.js';
import type { BodyRole } from '../src/councils/permission-policy.js';
import { openDatabase } from '../src/db/database.js';
import { dropSchema, migrateUp } from '../src/db/migrator.js';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { createServices } from '../src/server/services.js';

// Figure `councils-store`: the time of one recall-petition signature (the whole command: permission
// check, signature insert, counter update, threshold from the kept member count, audit event,
// commit) in a constituency of 100 and of 100,000 members, on SQLite (file, WAL) and PostgreSQL.
// Signing must not grow with the constituency: nothing in it counts members or signatures.

const SEATS = 5;
const SIGNATURES_PER_PETITION = 90;
const META: CommandMeta = { actor: { kind: 'system', name: 'bench' } };

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

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(target: DatabaseTarget, members: number): Promise<string> {
  const database = await openDatabase(target);
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(
      database,
      defaultConfig({ logLevel: 'silent' }),
      new ManualClock(Date.parse('1972-10-11T08:00:00Z')),
    );
    const setupStart = performance.now();
    const people: string[] = [];
    for (let i = 0; i < members; i += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, members - i) }, (_, k) => ({
        displayName: `Socio ${i + k}`,
      }));
      people.push(...(await services.identity.registerPeople({ kind: 'system', name: 'bench' }, chunk)));
    }
    const body = await services.councils.foundBody(
      {
        kind: 'workplace-assembly',
        name: `Asamblea de ${members}`,
        members: people.map((personId, i) => ({
          personId,
          role: (i === 0 ? 'chair' : 'member') as BodyRole,
        })),
      },
      META,
    );
    const cordon = await services.councils.foundBody(
      {
        kind: 'cordon',
        name: 'Cordón',
        seats: people.slice(0, SEATS).map((holderPersonId) => ({ constituencyId: body, holderPersonId })),
      },
      META,
    );
    // 99 %: no petition of the bench reaches the threshold, so every signature is the same work.
    await services.councils.setRules(actingAs(people[0]!), body, { recallSharePct: 99 }, META);
    const seats = await services.councils.seats(actingAs(people[0]!), cordon);
    const setupSeconds = (performance.now() - setupStart) / 1000;

    const times: number[] = [];
    const signers = people.slice(SEATS + 1, SEATS + 1 + SIGNATURES_PER_PETITION);
    for (const [round, seat] of seats.entries()) {
      const opened = await services.councils.recall.open(actingAs(people[SEATS]!), body, seat.seatId, META);
      for (const signer of signers) {
        const t0 = performance.now();
        const outcome = await services.councils.recall.sign(actingAs(signer), opened.petitionId, META);
        const ms = performance.now() - t0;
        if (outcome.status !== 'signature-recorded')
          throw new Error('the bench petition reached its threshold');
        // the first petition warms caches and statement preparation
        if (round > 0) times.push(ms);
      }
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return `${members.toLocaleString('en-US').padStart(9)} members: ${mean.toFixed(3)} ms mean, ${quantile(times, 0.5).toFixed(3)} ms median, ${quantile(times, 0.95).toFixed(3)} ms p95 per signature (${times.length} signatures; setup ${setupSeconds.toFixed(1)} s)`;
  } finally {
    await database.close();
  }
}

/** `npm run bench -- councils-store [--quick]`: --quick uses 10,000 instead of 100,000 members. */
export default async function (args: string[]): Promise<void> {
  const large = args.includes('--quick') ? 10_000 : 100_000;
  const sizes = [100, large];

  console.log('councils-store: one recall-petition signature (whole command, audit included)');
  const dir = mkdtempSync(join(os.tmpdir(), 'cordones-bench-'));
  try {
    for (const members of sizes) {
      const line = await measure({ kind: 'sqlite', path: join(dir, `sign-${members}.db`) }, members);
      console.log(`  sqlite   ${line}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url =
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    console.log(
      `  postgres skipped: ${url} did not answer (${err instanceof Error ? err.message : String(err)})`,
    );
    return;
  }
  try {
    for (const members of sizes) {
      const schema = `bench_sign_${process.pid}_${members}`;
      await admin.query(`create schema ${schema}`);
      try {
        const line = await measure({ kind: 'postgres', url, schema }, members);
        console.log(`  postgres ${line}`);
      } finally {
        await dropSchema(admin, schema);
      }
    }
  } finally {
    await admin.end();
  }
}
