import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';

// Figure `country-load`: wall time of `cordones scenario load --scale country` on PostgreSQL, by
// part (target, issue 9: the whole country in ≤ 10 minutes). `--households N` loads N households
// per JAP instead of 7,500 (750 is a tenth of the supply part, the councils and production parts
// staying whole), to compare two versions in a few minutes. The load goes into a scratch database
// made on the server of --database-url (default TEST_DATABASE_URL's) and dropped afterwards; its
// size is printed first. The load average before and after is printed: on a shared machine
// compare runs taken back to back.

const BIN = new URL('../bin/cordones.js', import.meta.url).pathname;

async function admin<T>(server: URL, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs the bench: `npm run bench -- country-load [--households 750] [--database-url URL]`. */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'database-url': { type: 'string' }, households: { type: 'string' } },
  });
  const server = new URL(
    values['database-url'] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  );
  const name = `cordones_country_load_${process.pid}`;
  const url = new URL(server);
  url.pathname = `/${name}`;
  await admin(server, (c) => c.query(`create database ${name}`));
  try {
    const load = (label: string) =>
      `${label} load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`;
    console.log(load('before:'));
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        'scenario',
        'load',
        '--scale',
        'country',
        ...(values.households ? ['--households', values.households] : []),
      ],
      { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error('the country scenario did not load');
    const summary = run.stdout.toString().split('\n')[0];
    console.log(load('after: '));
    const size = await admin(server, (c) =>
      c.query<{ size: string }>('select pg_size_pretty(pg_database_size($1)) as size', [name]),
    );
    console.log(
      `country-load: ${values.households ?? 7500} households per JAP, ${seconds.toFixed(1)} s in all (target ≤ 600 s for 7500), database ${size.rows[0]?.size}`,
    );
    console.log(`  ${summary}`);
  } finally {
    await admin(server, (c) => c.query(`drop database if exists ${name}`));
  }
}
