import { describe, expect, it } from 'vitest';
import { formatVectorCsv, parseVector } from './vector-file.js';

describe('parseVector', () => {
  it('reads a one-column CSV with a header', () => {
    const r = parseVector('demand\n10\n0\n2.5\n', { length: 3, requireNonNegative: true });
    expect(r.status === 'ok' && Array.from(r.values)).toEqual([10, 0, 2.5]);
  });

  it('reads a CSV without header, with blank lines and CRLF', () => {
    const r = parseVector('1\r\n\r\n2e3\r\n');
    expect(r.status === 'ok' && Array.from(r.values)).toEqual([1, 2000]);
  });

  it('grows past its first buffer when the length is not given', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `${i}`).join('\n');
    const r = parseVector(text);
    expect(r.status === 'ok' && r.values.length).toBe(3000);
    expect(r.status === 'ok' && r.values[2999]).toBe(2999);
  });

  it('reads Matrix Market array and coordinate vectors', () => {
    const arr = parseVector('%%MatrixMarket matrix array real general\n% d\n3 1\n1\n2\n3\n', { length: 3 });
    expect(arr.status === 'ok' && Array.from(arr.values)).toEqual([1, 2, 3]);
    const coo = parseVector('%%MatrixMarket matrix coordinate real general\n3 1 1\n2 1 7.5\n', { length: 3 });
    expect(coo.status === 'ok' && Array.from(coo.values)).toEqual([0, 7.5, 0]);
  });

  it('round-trips through formatVectorCsv', () => {
    const v = Float64Array.of(0.1, 1 / 3, 1e-300, 12345678.9);
    const r = parseVector([...formatVectorCsv(v, 'x')].join(''), { length: 4 });
    expect(r.status === 'ok' && Array.from(r.values)).toEqual(Array.from(v));
  });

  const bad: [string, string, number, RegExp][] = [
    ['a demand for an unknown product', 'd\n1\n2\n3\n', 4, /product 3 is unknown: the matrix has 2 products/],
    ['too few values', 'd\n1\n', 2, /only 1 values, but the matrix has 2 products/],
    ['NaN', '1\nNaN\n', 2, /"NaN" is not a number/],
    ['text in the data', 'd\n1\nabc\n', 3, /"abc" is not a number/],
    ['two columns', '1,2\n3,4\n', 1, /one column/],
    ['a negative value', '1\n-2\n', 2, /negative value -2 for product 2/],
    [
      'an mtx vector of the wrong length',
      '%%MatrixMarket matrix array real general\n3 1\n1\n2\n3\n',
      2,
      /3 entries, but the matrix has 2/,
    ],
    [
      'an mtx vector with two columns',
      '%%MatrixMarket matrix array real general\n2 2\n1\n2\n',
      2,
      /one column, not 2/,
    ],
    [
      'an unknown product in a coordinate vector',
      '%%MatrixMarket matrix coordinate real general\n2 1 1\n5 1 1\n',
      3,
      /product 5 is unknown/,
    ],
    [
      'a duplicate coordinate entry',
      '%%MatrixMarket matrix coordinate real general\n2 1 2\n1 1 1\n1 1 2\n',
      4,
      /duplicate entry for product 1, first given on line 3/,
    ],
  ];
  for (const [name, text, line, message] of bad) {
    it(`rejects ${name} naming line ${line}`, () => {
      const r = parseVector(text, { length: 2, requireNonNegative: true });
      expect(r.status).toBe('error');
      if (r.status === 'error') {
        expect(r.message).toMatch(message);
        expect(r.line).toBe(line);
      }
    });
  }
});
