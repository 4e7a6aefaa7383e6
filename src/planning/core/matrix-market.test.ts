import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMatrixMarket, parseMatrixMarket } from './matrix-market.js';
import { csrToDense, denseToCsr } from './test-matrices.js';

const HEAD = '%%MatrixMarket matrix coordinate real general\n';
const strict = { requireSquare: true, requireNonNegative: true };

describe('parseMatrixMarket', () => {
  it('reads a good file with comments, blank lines, exponents and CRLF', () => {
    const text = `${HEAD}% technical coefficients\r\n%\n2 2 3\n1 2 0.5\r\n\n2 1 2.5e-1\n2 2 1E-2\n`;
    const r = parseMatrixMarket(text, strict);
    expect(r.status).toBe('ok');
    if (r.status === 'ok')
      expect(csrToDense(r.matrix)).toEqual([
        [0, 0.5],
        [0.25, 0.01],
      ]);
  });

  it('reads bytes as well as text, and integer files', () => {
    const bytes = new TextEncoder().encode(
      '%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 3\n',
    );
    const r = parseMatrixMarket(bytes);
    expect(r.status === 'ok' && csrToDense(r.matrix)).toEqual([[3]]);
  });

  it('reads back exactly what it writes (shortest round-trip decimals)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.array(
            fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 1e6, noNaN: true })), {
              minLength: n,
              maxLength: n,
            }),
            { minLength: n, maxLength: n },
          ),
        ),
        (dense) => {
          const text = [...formatMatrixMarket(denseToCsr(dense), 'round trip')].join('');
          const r = parseMatrixMarket(text, strict);
          expect(r.status === 'ok' && csrToDense(r.matrix)).toEqual(dense);
        },
      ),
      { numRuns: 60 },
    );
  });

  const bad: [string, string, number, RegExp][] = [
    ['no header', '2 2 0\n', 1, /not a Matrix Market file/],
    ['array layout', '%%MatrixMarket matrix array real general\n2 2\n', 1, /only "matrix coordinate"/],
    ['symmetric', '%%MatrixMarket matrix coordinate real symmetric\n1 1 0\n', 1, /general/],
    ['complex', '%%MatrixMarket matrix coordinate complex general\n1 1 0\n', 1, /real or integer/],
    ['missing size line', `${HEAD}% only a comment\n`, 2, /missing the size line/],
    ['bad size line', `${HEAD}2 x 1\n`, 2, /size line/],
    ['non-square', `${HEAD}2 3 0\n`, 2, /square, but it is 2×3/],
    ['row out of range', `${HEAD}2 2 1\n3 1 0.5\n`, 3, /row index 3 is outside 1\.\.2/],
    ['column out of range', `${HEAD}2 2 1\n1 0 0.5\n`, 3, /column index 0 is outside/],
    [
      'negative coefficient',
      `${HEAD}2 2 2\n1 1 0.1\n2 1 -0.5\n`,
      4,
      /negative coefficient -0\.5 at \(2, 1\)/,
    ],
    ['NaN', `${HEAD}2 2 1\n1 1 NaN\n`, 3, /"NaN" is not a number/],
    ['garbage value', `${HEAD}2 2 1\n1 1 0.5x\n`, 3, /"0\.5x" is not a number/],
    ['infinite value', `${HEAD}2 2 1\n1 1 1e999\n`, 3, /not finite/],
    ['extra column', `${HEAD}2 2 1\n1 1 0.5 7\n`, 3, /exactly "row column value"/],
    ['too few entries', `${HEAD}2 2 3\n1 1 0.5\n`, 3, /expected 3 entries, found 1/],
    ['too many entries', `${HEAD}2 2 1\n1 1 0.5\n2 2 0.5\n`, 4, /more entries than the 1 declared on line 2/],
    [
      'duplicate entry',
      `${HEAD}%c\n2 2 3\n1 2 0.5\n2 2 0.1\n1 2 0.25\n`,
      6,
      /duplicate entry \(1, 2\), first given on line 4/,
    ],
  ];
  for (const [name, text, line, message] of bad) {
    it(`rejects ${name} naming line ${line}`, () => {
      const r = parseMatrixMarket(text, strict);
      expect(r.status).toBe('error');
      if (r.status === 'error') {
        expect(r.line).toBe(line);
        expect(r.message).toMatch(message);
      }
    });
  }

  it('sorts unsorted entries, long rows included, and still finds duplicates there', () => {
    const cols = Array.from({ length: 40 }, (_, k) => 40 - k);
    const text = `${HEAD}2 40 41\n${cols.map((c) => `1 ${c} ${c}`).join('\n')}\n2 3 0.5\n`;
    const r = parseMatrixMarket(text);
    expect(r.status === 'ok' && Array.from(r.matrix.colIdx.subarray(0, 40))).toEqual(
      cols.map((c) => c - 1).reverse(),
    );
    expect(r.status === 'ok' && r.matrix.values[39]).toBe(40);
    const dup = `${HEAD}2 40 41\n${cols.map((c) => `1 ${c} ${c}`).join('\n')}\n1 7 0.5\n`;
    expect(parseMatrixMarket(dup)).toEqual({
      status: 'error',
      line: 43,
      message: 'duplicate entry (1, 7), first given on line 36',
    });
  });

  it('reports the earliest problem when a bad value comes before a bad index', () => {
    const r = parseMatrixMarket(`${HEAD}2 2 2\n1 1 x\n9 1 0.5\n`);
    expect(r).toMatchObject({ status: 'error', line: 3 });
  });

  it('accepts negative and non-square matrices when not asked to check', () => {
    const r = parseMatrixMarket(`${HEAD}1 2 1\n1 2 -3\n`);
    expect(r.status === 'ok' && csrToDense(r.matrix)).toEqual([[0, -3]]);
  });
});
