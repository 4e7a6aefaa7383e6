import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';

const instance = fileURLToPath(new URL('../../logistics/core/fixtures/A-n32-k5.vrp', import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cordones route solve', () => {
  it('prints CVRPLIB-style routes covering every customer once and a cost that matches them', async () => {
    const { code, out } = await run(['route', 'solve', instance, '--seconds', '0.3', '--seed', '2']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    const routes = lines.filter((l) => l.startsWith('Route #'));
    expect(routes.length).toBeLessThanOrEqual(5);
    const customers = routes.flatMap((l) =>
      l
        .replace(/^Route #\d+: /, '')
        .split(' ')
        .map(Number),
    );
    expect(customers.sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const cost = Number(lines.at(-1)!.replace(/^Cost /, ''));
    expect(cost).toBeGreaterThanOrEqual(784);
  });

  it('gives routes, cost, vehicles used and seconds with --json', async () => {
    const { code, out } = await run(['route', 'solve', instance, '--seconds', '0.2', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      status: string;
      cost: number;
      vehiclesUsed: number;
      seconds: number;
      routes: { stops: number[]; cost: number; load: number }[];
    };
    expect(result.status).toBe('solved');
    expect(result.vehiclesUsed).toBe(result.routes.length);
    expect(result.cost).toBe(result.routes.reduce((sum, r) => sum + r.cost, 0));
    expect(result.routes.every((r) => r.load <= 100)).toBe(true);
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('fails with the file line of a malformed instance', async () => {
    const file = join(tmpdir(), `route-solve-bad-${process.pid}.vrp`);
    writeFileSync(file, 'NAME : bad-k1\nDIMENSION : 2\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 x\n');
    const { code, out, err } = await run(['route', 'solve', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`cordones: ${file} line 6: y "x" is not a number\n`);
  });

  it('refuses a bad --seconds and a missing file in one line', async () => {
    expect((await run(['route', 'solve', instance, '--seconds', '-1'])).err).toBe(
      'cordones: --seconds must be a positive number, not "-1"\n',
    );
    const missing = await run(['route', 'solve', '/nonexistent/x.vrp']);
    expect([missing.code, missing.err]).toEqual([1, 'cordones: /nonexistent/x.vrp: cannot read (ENOENT)\n']);
  });
});
