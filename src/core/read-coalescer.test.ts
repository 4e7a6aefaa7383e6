import { describe, expect, it } from 'vitest';
import { ReadCoalescer } from './read-coalescer.js';

describe('ReadCoalescer', () => {
  it('answers the lookups of one turn with one read of their distinct keys', async () => {
    const reads: string[][] = [];
    const c = new ReadCoalescer(async (keys: string[]) => {
      reads.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'missing', 'a'].map((k) => c.get(k)));
    expect(answers).toEqual(['A', 'B', 'A', undefined, 'A']);
    expect(reads).toEqual([['a', 'b', 'missing']]);
  });

  it('never answers a lookup from a read that started before it was asked for', async () => {
    // the store: a value that changes while a read is under way (a token revoked meanwhile)
    let value = 'live';
    let release: () => void = () => {};
    const reads: string[] = [];
    const c = new ReadCoalescer(async (keys: string[]) => {
      const seen = value;
      reads.push(seen);
      if (reads.length === 1) await new Promise<void>((r) => (release = r));
      return new Map(keys.map((k) => [k, seen]));
    });
    const first = c.get('t');
    await new Promise((r) => setImmediate(r)); // the first read has started (and waits)
    value = 'revoked';
    const second = c.get('t');
    release();
    expect(await first).toBe('live');
    expect(await second).toBe('revoked');
    expect(reads).toEqual(['live', 'revoked']);
  });

  it('fails every lookup of a failed read, and reads again afterwards', async () => {
    let fail = true;
    const c = new ReadCoalescer(async (keys: string[]) => {
      if (fail) throw new Error('connection lost');
      return new Map(keys.map((k) => [k, 1]));
    });
    const failed = await Promise.allSettled([c.get('x'), c.get('y')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await c.get('x')).toBe(1);
  });
});
