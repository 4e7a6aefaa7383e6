import { describe, expect, it } from 'vitest';
import { parseSeriesCsv } from './series-csv.js';

describe('parseSeriesCsv', () => {
  it('reads rows, empty and NA values as missing, columns in any order, quotes and CRLF', () => {
    const r = parseSeriesCsv(
      '\uFEFFvalue,"timestamp",note\r\n4.5,2026-01-01,a\r\n,2026-01-02,b\r\nNA,2026-01-03,"x, y"\r\n-1e2,2026-01-04,\r\n\r\n',
    );
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.rows.map((x) => [x.timestamp, x.value, x.line])).toEqual([
      ['2026-01-01', 4.5, 2],
      ['2026-01-02', null, 3],
      ['2026-01-03', null, 4],
      ['2026-01-04', -100, 5],
    ]);
    expect(r.period).toBe(86_400_000);
  });

  it('counts periods absent between rows from the usual spacing', () => {
    const r = parseSeriesCsv('timestamp,value\n1,1\n2,1\n3,1\n6,1\n7,1\n');
    expect(r.status === 'ok' && r.rows.map((x) => x.gapBefore)).toEqual([0, 0, 0, 2, 0]);
  });

  it('treats timestamps it cannot read as one period per row', () => {
    const r = parseSeriesCsv('timestamp,value\nmonday,1\ntuesday,2\n');
    expect(r.status === 'ok' && r.period).toBeNull();
    expect(r.status === 'ok' && r.rows.map((x) => x.gapBefore)).toEqual([0, 0]);
  });

  it('names the line of each kind of malformed input', () => {
    const bad = (text: string) => {
      const r = parseSeriesCsv(text);
      return r.status === 'malformed' ? `${r.line}: ${r.message}` : 'ok';
    };
    expect(bad('')).toMatch(/^1: empty file/);
    expect(bad('\n\ntime,value\n')).toMatch(/^3: header must name/);
    expect(bad('timestamp,value\n1,2\n2,abc\n')).toBe('3: value "abc" is not a number');
    expect(bad('timestamp,value\n1,2\n2\n')).toBe('3: 1 fields, the header has 2');
    expect(bad('timestamp,value\n1,2\n,3\n')).toBe('3: empty timestamp');
    expect(bad('timestamp,value\n1,"2\n')).toBe('2: unterminated quote');
    expect(bad('timestamp,value\n5,1\n5,2\n')).toBe('3: timestamp "5" does not come after "5"');
    expect(bad('timestamp,value\n1,1e999\n')).toBe('2: value "1e999" is out of range');
  });
});
