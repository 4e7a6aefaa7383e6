import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { parseMatrixMarket } from '../../planning/core/matrix-market.js';
import { parseVector } from '../../planning/core/vector-file.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-solve-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const HEAD = '%%MatrixMarket matrix coordinate real general\n';
// x0 = d0 + 0.2 x1, x1 = d1 + 0.5 x0
const A = file('A.mtx', `${HEAD}2 2 2\n1 2 0.2\n2 1 0.5\n`);
const D = file('d.csv', 'demand\n9\n0\n');

describe('cordones plan solve', () => {
  beforeAll(async () => {
    expect(
      (await run(['plan', 'generate', '--products', '300', '--seed', '5', '--out-dir', join(dir, 'gen')]))
        .code,
    ).toBe(0);
  });

  it('prints gross outputs, residual and writes x.csv that solves the system', async () => {
    const x = join(dir, 'x.csv');
    const { code, out } = await run(['plan', 'solve', '--coefficients', A, '--demand', D, '--output', x]);
    expect(code).toBe(0);
    expect(out).toMatch(/products\s+2 \(2 coefficients/);
    expect(out).toMatch(/gross outputs\s+residual \d\.\d+e-\d+/);
    const values = parseVector(readFileSync(x, 'utf8'));
    expect(values.status).toBe('ok');
    if (values.status === 'ok') {
      expect(values.values[0]).toBeCloseTo(10, 8);
      expect(values.values[1]).toBeCloseTo(5, 8);
    }
  });

  it('reports labour values, θ and bottlenecks as JSON on a generated economy', async () => {
    const g = (f: string) => join(dir, 'gen', f);
    const { code, out } = await run([
      'plan',
      'solve',
      '--coefficients',
      g('A.mtx'),
      '--demand',
      g('d.csv'),
      '--labour',
      g('l.csv'),
      '--capacity',
      g('c.csv'),
      '--json',
      '--output',
      join(dir, 'gx.csv'),
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.products).toBe(300);
    expect(r.grossOutputs.residual).toBeLessThanOrEqual(1e-10);
    expect(r.grossOutputs.iterations).toBeGreaterThan(0);
    expect(typeof r.grossOutputs.seconds).toBe('number');
    expect(r.labourValues.residual).toBeLessThanOrEqual(1e-10);
    expect(r.labourValues.totalHours).toBeGreaterThan(0);
    expect(r.theta).toBeGreaterThan(0);
    expect(r.theta).toBeLessThan(1); // the generator makes ~2% of capacities short
    expect(r.plan.bottlenecks.length).toBeGreaterThan(0);
    expect(r.plan.bottlenecks[0].product).toBeGreaterThanOrEqual(1);
    // x from the file satisfies total labour l·x = v·d
    const m = parseMatrixMarket(readFileSync(g('A.mtx')));
    const x = parseVector(readFileSync(join(dir, 'gx.csv')));
    const l = parseVector(readFileSync(g('l.csv')));
    if (m.status !== 'ok' || x.status !== 'ok' || l.status !== 'ok') throw new Error('unreadable output');
    let lx = 0;
    for (let i = 0; i < 300; i++) lx += l.values[i]! * x.values[i]!;
    expect(lx).toBeCloseTo(r.labourValues.totalHours, 4);
  });

  it('accepts Matrix Market vectors', async () => {
    const d = file('d.mtx', '%%MatrixMarket matrix array real general\n2 1\n9\n0\n');
    const { code, out } = await run(['plan', 'solve', '--coefficients', A, '--demand', d, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).grossOutputs.total).toBeCloseTo(15, 8);
  });

  const bad: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['--coefficients', join(dir, 'none.mtx'), '--demand', D],
      /none\.mtx: cannot read \(ENOENT\)/,
    ],
    [
      'a non-square matrix',
      () => ['--coefficients', file('ns.mtx', `${HEAD}2 3 0\n`), '--demand', D],
      /ns\.mtx line 2: the matrix must be square, but it is 2×3/,
    ],
    [
      'a negative coefficient',
      () => ['--coefficients', file('neg.mtx', `${HEAD}2 2 1\n1 2 -0.2\n`), '--demand', D],
      /neg\.mtx line 3: negative coefficient/,
    ],
    [
      'a NaN coefficient',
      () => ['--coefficients', file('nan.mtx', `${HEAD}2 2 1\n1 2 nan\n`), '--demand', D],
      /nan\.mtx line 3: the value "nan" is not a number/,
    ],
    [
      'a duplicate entry',
      () => ['--coefficients', file('dup.mtx', `${HEAD}2 2 2\n1 2 0.2\n1 2 0.3\n`), '--demand', D],
      /dup\.mtx line 4: duplicate entry \(1, 2\), first given on line 3/,
    ],
    [
      'demand for an unknown product',
      () => ['--coefficients', A, '--demand', file('d3.csv', '1\n2\n3\n')],
      /d3\.csv line 3: product 3 is unknown: the matrix has 2 products/,
    ],
    [
      'too short a demand',
      () => ['--coefficients', A, '--demand', file('d1.csv', 'demand\n1\n')],
      /d1\.csv line 2: only 1 values, but the matrix has 2 products/,
    ],
    [
      'a NaN demand',
      () => ['--coefficients', A, '--demand', file('dn.csv', '1\nNaN\n')],
      /dn\.csv line 2: "NaN" is not a number/,
    ],
    [
      'a capacity of the wrong length',
      () => ['--coefficients', A, '--demand', D, '--capacity', file('c1.csv', '5\n')],
      /c1\.csv line 1: only 1 values/,
    ],
    [
      'a non-productive matrix',
      () => [
        '--coefficients',
        file('np.mtx', `${HEAD}3 3 3\n1 1 0.1\n2 3 1\n3 2 1\n`),
        '--demand',
        file('d3b.csv', '1\n1\n1\n'),
      ],
      /np\.mtx: A is not productive: products 2, 3 form a block/,
    ],
    [
      'a row index outside the matrix',
      () => ['--coefficients', file('oor.mtx', `${HEAD}2 2 1\n3 1 0.5\n`), '--demand', D],
      /oor\.mtx line 3: row index 3 is outside 1\.\.2/,
    ],
    [
      'a negative demand',
      () => ['--coefficients', A, '--demand', file('dneg.csv', 'demand\n1\n-2\n')],
      /dneg\.csv line 3: negative value -2 for product 2/,
    ],
    [
      'a negative capacity',
      () => ['--coefficients', A, '--demand', D, '--capacity', file('cneg.csv', '-1\n5\n')],
      /cneg\.csv line 1: negative value -1 for product 1/,
    ],
    [
      'a NaN labour coefficient',
      () => ['--coefficients', A, '--demand', D, '--labour', file('lnan.csv', 'hours\n0.5\nnan\n')],
      /lnan\.csv line 3: "nan" is not a number/,
    ],
    [
      'a labour vector of the wrong length',
      () => ['--coefficients', A, '--demand', D, '--labour', file('l3.csv', '1\n1\n1\n')],
      /l3\.csv line 3: product 3 is unknown: the matrix has 2 products/,
    ],
    [
      'an infinite demand',
      () => ['--coefficients', A, '--demand', file('dinf.csv', '1\nInfinity\n')],
      /dinf\.csv line 2: "Infinity" is not finite/,
    ],
    [
      'a duplicate product in a Matrix Market demand',
      () => [
        '--coefficients',
        A,
        '--demand',
        file('ddup.mtx', '%%MatrixMarket matrix coordinate real general\n2 1 2\n2 1 1\n2 1 3\n'),
      ],
      /ddup\.mtx line 4: duplicate entry for product 2, first given on line 3/,
    ],
    [
      'a demand for an unknown product in a Matrix Market vector',
      () => [
        '--coefficients',
        A,
        '--demand',
        file('dunk.mtx', '%%MatrixMarket matrix coordinate real general\n3 1 1\n3 1 1\n'),
      ],
      /dunk\.mtx line 2: the vector has 3 entries, but the matrix has 2 products/,
    ],
    [
      'a product that uses more than a unit of itself',
      () => ['--coefficients', file('self.mtx', `${HEAD}2 2 2\n1 2 0.2\n2 2 1.5\n`), '--demand', D],
      /self\.mtx: A is not productive: products 2 form a block .*1\.5 units/,
    ],
    [
      'an unknown method',
      () => ['--coefficients', A, '--demand', D, '--method', 'lu'],
      /--method must be one of block-gauss-seidel/,
    ],
  ];
  for (const [name, args, message] of bad) {
    it(`fails with one line for ${name}`, async () => {
      const { code, err, out } = await run(['plan', 'solve', ...args()]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    });
  }
});
