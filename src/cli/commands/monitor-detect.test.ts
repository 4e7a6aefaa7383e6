import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { initialMonitorState, monitorStep } from '../../production/core/monitor-step.js';
import { seededRandom } from '../../production/core/seeded-random.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const dir = mkdtempSync(join(tmpdir(), 'monitor-detect-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// 120 daily values around 50 with a drop to 30 on 2026-04-01 (row 90) and one missing day
function series(): { text: string; values: (number | null)[] } {
  const r = seededRandom(3);
  const values: (number | null)[] = [];
  const lines = ['timestamp,value'];
  for (let d = 0; d < 120; d++) {
    const date = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    const v = d === 40 ? null : Number(((d >= 90 ? 30 : 50) + r.normal()).toFixed(3));
    values.push(v);
    lines.push(`${date},${v ?? ''}`);
  }
  return { text: `${lines.join('\n')}\n`, values };
}

describe('cordones monitor detect', () => {
  it('writes timestamp,value,anomaly_score,alert and alerts on the drop, computed as the server would', async () => {
    const { text, values } = series();
    const input = file('series.csv', text);
    const output = join(dir, 'scores.csv');
    const { code, out } = await run(['monitor', 'detect', input, '--output', output]);
    expect(code).toBe(0);
    expect(out).toMatch(/120 rows scored, 1 alerts/);
    const rows = readFileSync(output, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('timestamp,value,anomaly_score,alert');
    expect(rows.length).toBe(121);
    const parsed = rows.slice(1).map((l) => l.split(','));
    expect(parsed[40]).toEqual(['2026-02-10', '', '0.000000', '0']);
    const alertRows = parsed.flatMap((p, i) => (p[3] === '1' ? [i] : []));
    expect(alertRows.length).toBe(1);
    expect(alertRows[0]).toBeGreaterThanOrEqual(90);
    expect(alertRows[0]).toBeLessThanOrEqual(93);
    // the same scores as the library path the production service takes
    let state = initialMonitorState();
    values.forEach((v, i) => {
      const r = monitorStep(state, v);
      state = r.state;
      expect(parsed[i]![2]).toBe(r.update.anomalyScore.toFixed(6));
      for (const p of parsed[i]!.slice(2)) expect(Number.isFinite(Number(p))).toBe(true);
      const score = Number(parsed[i]![2]);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    });
  });

  it('is causal: a row’s score does not change when later rows are cut off', async () => {
    const { text } = series();
    const full = (await run(['monitor', 'detect', file('full.csv', text)])).out.trim().split('\n');
    const head = text.trim().split('\n').slice(0, 96).join('\n');
    const part = (await run(['monitor', 'detect', file('part.csv', `${head}\n`)])).out.trim().split('\n');
    expect(part).toEqual(full.slice(0, 96));
  });

  it('counts days absent from the file as missing periods', async () => {
    const { text } = series();
    const lines = text.trim().split('\n');
    const withHole = [...lines.slice(0, 31), ...lines.slice(36)].join('\n');
    const a = (await run(['monitor', 'detect', file('hole.csv', `${withHole}\n`)])).out.trim().split('\n');
    const blanked = lines.map((l, i) => (i >= 31 && i < 36 ? `${l.split(',')[0]},` : l)).join('\n');
    const b = (await run(['monitor', 'detect', file('blank.csv', `${blanked}\n`)])).out.trim().split('\n');
    const kept = b.filter((_, i) => i < 31 || i >= 36);
    expect(a).toEqual(kept);
  });

  it('adds forecast, band and alert kind with --details', async () => {
    const { text } = series();
    const { out } = await run(['monitor', 'detect', file('d.csv', text), '--details']);
    const rows = out.trim().split('\n');
    expect(rows[0]).toBe('timestamp,value,anomaly_score,alert,forecast,band_low,band_high,kind,severity');
    const alert = rows.find((r) => r.split(',')[3] === '1')!.split(',');
    expect(alert[7]).toBe('step');
    const r60 = rows[61]!.split(',').map(Number);
    expect(r60[5]! < r60[4]! && r60[4]! < r60[6]!).toBe(true);
    expect(Math.abs(r60[4]! - 50)).toBeLessThan(2);
  });

  it('fails with one line naming the line of a malformed file', async () => {
    const bad = file('bad.csv', 'timestamp,value\n2026-01-01,4\n2026-01-02,4,5\n');
    const r = await run(['monitor', 'detect', bad]);
    expect(r.code).not.toBe(0);
    expect(r.err).toBe(`cordones: ${bad} line 3: 3 fields, the header has 2\n`);
    const nan = await run(['monitor', 'detect', file('nan.csv', 'timestamp,value\n1,2\n2,x1\n')]);
    expect(nan.err).toMatch(/nan\.csv line 3: value "x1" is not a number\n$/);
    const header = await run(['monitor', 'detect', file('h.csv', 'time,val\n1,2\n')]);
    expect(header.err).toMatch(/h\.csv line 1: header must name "timestamp" and "value"/);
    const order = await run([
      'monitor',
      'detect',
      file('o.csv', 'timestamp,value\n2026-01-02,1\n2026-01-01,2\n'),
    ]);
    expect(order.err).toMatch(/o\.csv line 3: timestamp "2026-01-01" does not come after "2026-01-02"/);
    const missing = await run(['monitor', 'detect', join(dir, 'nope.csv')]);
    expect(missing.err).toMatch(/nope\.csv: cannot read \(ENOENT\)/);
  });
});
