import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { csrColumnSums } from '../../planning/core/csr-matrix.js';
import { parseMatrixMarket } from '../../planning/core/matrix-market.js';
import { parseVector } from '../../planning/core/vector-file.js';

describe('cordones plan generate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-generate-'));

  it('writes A.mtx, d.csv, l.csv and c.csv that read back with the stated properties', async () => {
    const out = join(dir, 'e');
    const r = await run([
      'plan',
      'generate',
      '--products',
      '500',
      '--seed',
      '9',
      '--nnz-per-column',
      '8',
      '--out-dir',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/500 products, \d+ coefficients, \d+ sectors/);
    const a = parseMatrixMarket(readFileSync(join(out, 'A.mtx')), {
      requireSquare: true,
      requireNonNegative: true,
    });
    expect(a.status).toBe('ok');
    if (a.status !== 'ok') return;
    expect(a.matrix.rows).toBe(500);
    const perColumn = a.matrix.rowPtr[500]! / 500;
    expect(perColumn).toBeGreaterThan(6.5);
    expect(perColumn).toBeLessThan(9.5);
    for (const s of csrColumnSums(a.matrix)) {
      expect(s).toBeGreaterThanOrEqual(0.2 - 1e-6);
      expect(s).toBeLessThanOrEqual(0.6 + 1e-6);
    }
    for (const f of ['d.csv', 'l.csv', 'c.csv']) {
      expect(parseVector(readFileSync(join(out, f)), { length: 500, requireNonNegative: true }).status).toBe(
        'ok',
      );
    }
    // the same seed writes the same files
    const again = join(dir, 'again');
    await run([
      'plan',
      'generate',
      '--products',
      '500',
      '--seed',
      '9',
      '--nnz-per-column',
      '8',
      '--out-dir',
      again,
    ]);
    expect(readFileSync(join(again, 'A.mtx'), 'utf8')).toBe(readFileSync(join(out, 'A.mtx'), 'utf8'));
  });

  const bad: [string, string[], RegExp][] = [
    [
      'zero products',
      ['--products', '0', '--seed', '1'],
      /--products must be an integer from 1 to 10000000, not "0"/,
    ],
    ['a fractional seed', ['--products', '5', '--seed', '1.5'], /--seed must be an integer/],
    [
      'a bad nnz per column',
      ['--products', '5', '--seed', '1', '--nnz-per-column', 'x'],
      /--nnz-per-column must be a positive integer/,
    ],
  ];
  for (const [name, args, message] of bad) {
    it(`fails with one line for ${name}`, async () => {
      const r = await run(['plan', 'generate', ...args, '--out-dir', join(dir, 'bad')]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    });
  }

  it('fails with one line when the directory cannot be created', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const r = await run([
      'plan',
      'generate',
      '--products',
      '5',
      '--seed',
      '1',
      '--out-dir',
      join(blocker, 'sub'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot create \(ENOTDIR\)/);
  });
});
