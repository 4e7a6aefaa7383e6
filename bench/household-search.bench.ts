import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { CommandMeta } from '../src/audit/audit.service.js';
import { ManualClock } from '../src/core/clock.js';
import { type DatabaseTarget, defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { dropSchema, migrateUp } from '../src/db/migrator.js';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { SURNAMES as SCENARIO_SURNAMES } from '../src/scenario/names.js';
import { createServices } from '../src/server/services.js';
import { cardCode, parseSearch } from '../src/supply/search-terms.js';
import { countTermMatches, householdSearch } from '../src/supply/supply.store.js';
import { supplyDb } from '../src/supply/supply-db.js';

// Figure `household-search`: the search box of a distribution point (GET …/households/search as
// the service answers it: permission check, terms lookup, members of the page) at city scale —
// 40 committees, 300,000 households with Chilean names and addresses — on SQLite (file, WAL) and
// PostgreSQL, with the query plan of each kind of search. Latencies are of one search at a time.

const META: CommandMeta = { actor: { kind: 'system', name: 'bench' } };
// The scenario's surnames, and a few more that share prefixes with them (Silva/Silvia…), so word-prefix
// searches meet several names.
const SURNAMES = [...SCENARIO_SURNAMES, 'Gómez', 'Cortés', 'Herrera', 'Núñez', 'Silvia', 'Ramón'];
const STREETS = [
  'Pasaje Ñuble',
  'Avenida Departamental',
  'Calle Los Aromos',
  'Avenida La Feria',
  'Pasaje Lautaro',
  'Calle Santa Rosa',
  'Avenida Vicuña Mackenna',
  'Pasaje Caupolicán',
  'Calle Las Industrias',
  'Avenida Matta',
  'Pasaje Galvarino',
  'Calle San Francisco',
  'Avenida Recabarren',
  'Pasaje Janequeo',
  'Calle Cerrillos',
];
const POBLACIONES = [
  'La Victoria',
  'La Legua',
  'Lo Hermida',
  'Nueva Habana',
  'Herminda de la Victoria',
  'La Bandera',
];

/** Deterministic PRNG (mulberry32) so both dialects get the same households. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(target: DatabaseTarget, committees: number, perCommittee: number): Promise<string[]> {
  const database = await openDatabase(target);
  const lines: string[] = [];
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(
      database,
      defaultConfig({ logLevel: 'silent', secretKeyFile: join(os.tmpdir(), 'cordones-bench-secret.key') }),
      new ManualClock(Date.parse('1972-10-11T08:00:00Z')),
    );
    const random = rng(1972);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const loadStart = performance.now();
    const [chairId] = await services.identity.registerPeople({ kind: 'system', name: 'bench' }, [
      { displayName: 'Presidenta' },
    ]);
    const chair: PersonPrincipal = {
      kind: 'person',
      accountId: '',
      personId: chairId!,
      username: '',
      displayName: '',
      isAdmin: false,
      locale: 'es',
      sessionId: '',
      csrfToken: '',
    };
    const committeeIds: string[] = [];
    const samples: { committeeId: string; householdId: string; rut: string; surname: string }[] = [];
    let person = 0;
    for (let c = 0; c < committees; c++) {
      const committeeId = await services.councils.foundBody(
        { kind: 'supply-committee', name: `JAP ${c + 1}`, members: [{ personId: chairId!, role: 'chair' }] },
        META,
      );
      committeeIds.push(committeeId);
      const households = Array.from({ length: perCommittee }, () => {
        const surname = pick(SURNAMES);
        const members = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
          registryNumber: `${(5_000_000 + person++).toString()}-${person % 10}`,
          ageBand: pick(['0-4', '5-14', '15-64', '15-64', '65+'] as const),
        }));
        return {
          name: `Familia ${surname} ${pick(SURNAMES)}`,
          address: `${pick(STREETS)} ${1 + Math.floor(random() * 3000)}, ${pick(POBLACIONES)}`,
          members,
          surname,
        };
      });
      const ids = await services.supply.households.registerMany(committeeId, households, 'bench');
      for (let k = 0; k < 5; k++) {
        const i = Math.floor(random() * ids.length);
        samples.push({
          committeeId,
          householdId: ids[i]!,
          rut: households[i]!.members[0]!.registryNumber,
          surname: households[i]!.surname,
        });
      }
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    // As autovacuum would after a bulk load: statistics, and (PostgreSQL) the visibility map that
    // lets the terms' index answer without visiting the table.
    if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
    else await sql`analyze`.execute(database.db);
    const db = supplyDb(database.db);
    const terms = Number(
      (await sql<{ n: number }>`select count(*) as n from supply_household_terms`.execute(db)).rows[0]?.n,
    );
    lines.push(
      `${committees} committees × ${perCommittee} households loaded in ${loadSeconds.toFixed(0)} s; ${terms.toLocaleString('en')} terms`,
    );

    // Each kind of search, asked of the service as the point asks it (first page of 20).
    const kinds: [string, (s: (typeof samples)[number]) => string][] = [
      ['common prefix "ro"', () => 'ro'],
      ['surname', (s) => s.surname],
      ['surname + street word', (s) => `${s.surname.slice(0, 4)} pasaje`],
      ['registry number', (s) => s.rut],
      ['card code', (s) => `#${cardCode(s.householdId)}`],
    ];
    for (const [label, text] of kinds) {
      const times: number[] = [];
      let found = 0;
      for (let round = 0; round < 3; round++) {
        for (const s of samples) {
          const started = performance.now();
          const r = await services.supply.households.search(chair, s.committeeId, { q: text(s), limit: 20 });
          times.push(performance.now() - started);
          found += r.households.length;
        }
      }
      times.sort((a, b) => a - b);
      lines.push(
        `${label.padEnd(24)} p50 ${quantile(times, 0.5).toFixed(2)} ms  p99 ${quantile(times, 0.99).toFixed(2)} ms  (${times.length} searches, ${(found / times.length).toFixed(1)} hits each)`,
      );
      const s = samples[0]!;
      const query = parseSearch(text(s));
      // The registry number is looked up by its hash (unique index of supply_members), not by terms.
      if (label !== 'registry number' && (query.kind === 'words' || query.kind === 'card-code')) {
        // In the order the service drives by: the fragment with the fewest terms first.
        const counts = new Map<string, number>();
        if (query.kind === 'words')
          for (const w of query.words) counts.set(w, await countTermMatches(db, s.committeeId, w, 5_000));
        const termsOf =
          query.kind === 'words'
            ? [...query.words].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))
            : [`#${query.code}`];
        const compiled = householdSearch(db, s.committeeId, termsOf, {
          limit: 20,
          exact: query.kind === 'card-code',
        }).compile();
        let i = 0;
        const inlined = compiled.sql.replace(
          /\?|\$\d+/g,
          () => `'${String(compiled.parameters[i++]).replaceAll("'", "''")}'`,
        );
        const plan =
          database.kind === 'sqlite'
            ? (await sql.raw<{ detail: string }>(`explain query plan ${inlined}`).execute(db)).rows.map(
                (r) => r.detail,
              )
            : (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${inlined}`).execute(db)).rows.map(
                (r) => r['QUERY PLAN'],
              );
        for (const step of plan) lines.push(`      plan: ${step}`);
      }
    }
  } finally {
    await database.close();
  }
  return lines;
}

/** `npm run bench -- household-search [--quick]`: --quick loads 40 × 750 instead of 40 × 7,500. */
export default async function (args: string[]): Promise<void> {
  const perCommittee = args.includes('--quick') ? 750 : 7_500;
  const committees = 40;
  console.log('household-search: one search at a distribution point (service call, first page of 20)');
  if (!args.includes('--postgres-only')) {
    const dir = mkdtempSync(join(os.tmpdir(), 'cordones-bench-'));
    try {
      for (const line of await measure(
        { kind: 'sqlite', path: join(dir, 'search.db') },
        committees,
        perCommittee,
      ))
        console.log(`  sqlite   ${line}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
  const schema = `bench_search_${process.pid}`;
  try {
    await admin.query(`create schema ${schema}`);
    for (const line of await measure({ kind: 'postgres', url, schema }, committees, perCommittee))
      console.log(`  postgres ${line}`);
  } finally {
    await dropSchema(admin, schema);
    await admin.end();
  }
}
