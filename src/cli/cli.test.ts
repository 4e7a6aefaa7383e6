import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations/index.js';
import { postgresAvailable, TEST_DATABASE_URL } from '../db/test-databases.js';

const BIN = new URL('../../bin/cordones.js', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDb(): Record<string, string> {
  return { DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'cordones-cli-')), 'c.db') };
}

// Each test spawns the CLI (TypeScript compiled on the fly) and some load the whole demo scenario;
// on a loaded 2-core machine that takes tens of seconds, so the tests get a generous limit.
describe('cordones CLI', { timeout: 180_000 }, () => {
  it('migrates up, reports status and goes down', () => {
    const env = tempDb();
    expect(cli(['migrate', 'status'], env).stdout).toContain('pending  0001-foundation');
    expect(cli(['migrate', 'up'], env).stdout).toContain('applied 0001-foundation');
    expect(cli(['migrate', 'status'], env).stdout).toContain('applied  0001-foundation');
    expect(cli(['migrate', 'down'], env).stdout).toContain(`reverted ${Object.keys(MIGRATIONS).at(-1)}`);
  });

  it('creates an administrator from a piped password and refuses a short one', () => {
    const env = tempDb();
    const ok = cli(['admin', 'create', '--username', 'Rosa', '--password-stdin'], env, 'un pan y una rosa\n');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/administrator "rosa" created/);
    const again = cli(
      ['admin', 'create', '--username', 'rosa', '--password-stdin'],
      env,
      'otra clave larga\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('cordones: username: "rosa" is taken');
    const weak = cli(['admin', 'create', '--username', 'pedro', '--password-stdin'], env, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 10 characters');
    const noTerminal = cli(['admin', 'create', '--username', 'pedro'], env, '');
    expect(noTerminal.stderr).toContain('--password-stdin');
  });

  it('verifies the audit chain and names the first tampered event', () => {
    const env = tempDb();
    expect(cli(['scenario', 'load', '--seed', '7', '--households', '20'], env).code).toBe(0);
    const intact = cli(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/audit chain intact: \d+ events/);
    const db = new Database(env.DATABASE_URL!);
    db.prepare('update audit_events set payload = \'{"forged":true}\' where seq = 5').run();
    db.close();
    const broken = cli(['audit', 'verify', '--json'], env);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      status: 'broken',
      seq: 5,
      reason: 'hash-mismatch',
      checked: 4,
    });
    expect(broken.stderr).toContain('audit chain broken at event 5');
  });

  it('loads the same scenario for the same seed and refuses to load over data', () => {
    const names = (env: Record<string, string>) => {
      const db = new Database(env.DATABASE_URL!, { readonly: true });
      const rows = db.prepare('select display_name from people order by display_name').all() as {
        display_name: string;
      }[];
      db.close();
      return rows.map((r) => r.display_name);
    };
    const a = tempDb();
    const b = tempDb();
    expect(cli(['scenario', 'load', '--seed', '42', '--households', '20'], a).code).toBe(0);
    expect(cli(['scenario', 'load', '--seed', '42', '--households', '20'], b).code).toBe(0);
    expect(names(a)).toEqual(names(b));
    expect(names(a).length).toBeGreaterThan(100);
    const over = cli(['scenario', 'load'], a);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('scenario reset');
    expect(cli(['scenario', 'reset', '--seed', '43', '--households', '20'], a).code).toBe(0);
    expect(names(a)).not.toEqual(names(b));
    expect(cli(['scenario', 'load', '--scale', 'planet'], tempDb()).stderr.trim()).toBe(
      'cordones: --scale must be city or country, got "planet"',
    );
    expect(cli(['scenario', 'load', '--households', '0'], tempDb()).stderr.trim()).toBe(
      'cordones: --households must be a whole number from 1 to 100000, got "0"',
    );
  });

  it('reports every bad variable at once', () => {
    const bad = cli(['serve'], { PORT: 'x', DEMO: 'perhaps' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('PORT must be a whole number');
    expect(bad.stderr).toContain('DEMO must be true or false');
  });

  it('serves, prints the demo accounts, and on SIGTERM finishes in-flight requests and exits', async () => {
    const env = { ...tempDb(), PORT: '0', LOG_LEVEL: 'silent', DEMO_HOUSEHOLDS: '20' };
    const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(out);
        if (match && out.includes('luis')) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(out).toMatch(/ana\s+\S{16}/);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // A sign-in whose body is only half sent when SIGTERM arrives is still answered in full.
    const body = JSON.stringify({ username: 'nobody', password: 'wrong password' });
    const { port } = new URL(url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    req.end(body.slice(10));
    expect(await answered).toBe(401);
    expect(await exited).toBe(0);
  });

  it.runIf(postgresAvailable)('runs on PostgreSQL with DATABASE_URL alone', async () => {
    const name = `cordones_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString() };
      expect(cli(['migrate', 'up'], env).stdout).toContain('applied 0001-foundation');
      expect(cli(['scenario', 'load', '--seed', '3', '--households', '20'], env).code).toBe(0);
      const verify = cli(['audit', 'verify'], env);
      expect(verify.stdout).toMatch(/audit chain intact: \d+ events/);
      expect(cli(['migrate', 'status'], env).stdout).toContain(`database: postgres 127.0.0.1:5432/${name}`);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
