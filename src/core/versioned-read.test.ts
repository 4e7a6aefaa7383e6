import { describe, expect, it } from 'vitest';
import { VersionedRead } from './versioned-read.js';

describe('VersionedRead', () => {
  it('reads the value once per version, and answers each value with the version it was read at', async () => {
    let version = 'v1';
    let reads = 0;
    const kept = new VersionedRead(
      async () => version,
      async () => `value ${++reads} at ${version}`,
    );
    expect(await kept.get()).toEqual({ version: 'v1', value: 'value 1 at v1' });
    expect(await kept.get()).toEqual({ version: 'v1', value: 'value 1 at v1' });
    version = 'v2';
    expect(await kept.get()).toEqual({ version: 'v2', value: 'value 2 at v2' });
    expect(reads).toBe(2);
  });

  it('reads the version first on every call: a change never leaves a stale value behind', async () => {
    const versions = ['a', 'b', 'b'];
    let calls = 0;
    const kept = new VersionedRead(
      async () => versions[calls++]!,
      async () => `read after ${versions[calls - 1]}`,
    );
    expect((await kept.get()).value).toBe('read after a');
    expect((await kept.get()).value).toBe('read after b');
    expect((await kept.get()).value).toBe('read after b');
    expect(calls).toBe(3);
  });
});
