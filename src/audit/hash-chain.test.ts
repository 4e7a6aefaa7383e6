import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainedEvent,
  ChainVerifier,
  canonicalJson,
  GENESIS_HASH,
  hashEvent,
  type StoredChainedEvent,
} from './hash-chain.js';

function chain(payloads: unknown[]): StoredChainedEvent[] {
  let prev = GENESIS_HASH;
  return payloads.map((payload, i) => {
    const event: ChainedEvent = {
      seq: i + 1,
      id: `id-${i}`,
      deploymentId: 'dep',
      occurredAt: new Date(Date.UTC(1972, 9, 11, 8, i)).toISOString(),
      actorId: null,
      action: 'test.happened',
      subjectType: 'thing',
      subjectId: `s-${i}`,
      scopeBodyId: null,
      scopePersonId: null,
      payload: canonicalJson(payload),
    };
    const hash = hashEvent(prev, event);
    const stored = { ...event, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
}

function verify(events: StoredChainedEvent[]) {
  const v = new ChainVerifier();
  for (const e of events) if (!v.check(e)) break;
  return v.verdict();
}

describe('hash chain', () => {
  it('canonical JSON sorts keys and drops white space', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 'x', c: null }] })).toBe('{"a":[2,{"c":null,"d":"x"}],"b":1}');
  });

  it('verifies an intact chain and returns its head', () => {
    const events = chain([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(verify(events)).toEqual({ status: 'intact', count: 3, headHash: events[2]?.hash });
    expect(verify([])).toEqual({ status: 'intact', count: 0, headHash: GENESIS_HASH });
  });

  it('finds the first tampered event, whatever field and position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom('payload', 'action', 'actorId', 'occurredAt', 'subjectId'),
        (payloads, pick, field) => {
          const events = chain(payloads);
          const at = pick % events.length;
          const victim = events[at]!;
          const tampered = {
            ...victim,
            [field]: field === 'payload' ? canonicalJson({ forged: true, was: victim.payload }) : 'forged',
          };
          events[at] = tampered;
          const verdict = verify(events);
          expect(verdict).toMatchObject({
            status: 'broken',
            seq: at + 1,
            reason: 'hash-mismatch',
            checked: at,
          });
        },
      ),
    );
  });

  it('detects a removed event as a sequence gap and a reordered one', () => {
    const events = chain([1, 2, 3, 4]);
    expect(verify([events[0]!, events[2]!, events[3]!])).toMatchObject({
      status: 'broken',
      seq: 3,
      reason: 'sequence-gap',
    });
    const swapped = [events[0]!, { ...events[2]!, seq: 2 }, { ...events[1]!, seq: 3 }];
    expect(verify(swapped)).toMatchObject({ status: 'broken', seq: 2, reason: 'prev-hash-mismatch' });
  });

  it('hashes the canonical JSON of the event, whatever text its fields hold (property)', () => {
    // the definition hashEvent's fast path must keep: SHA-256 of prev, a newline, canonicalJson
    const reference = (prev: string, e: ChainedEvent) =>
      createHash('sha256')
        .update(prev)
        .update('\n')
        .update(canonicalJson({ ...e }))
        .digest('hex');
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          id: text,
          deploymentId: text,
          occurredAt: text,
          actorId: fc.option(text),
          action: text,
          subjectType: text,
          subjectId: text,
          scopeBodyId: fc.option(text),
          scopePersonId: fc.option(text),
          payload: fc.jsonValue().map((v) => canonicalJson(v)),
        }),
        (event) => {
          expect(hashEvent(GENESIS_HASH, event)).toBe(reference(GENESIS_HASH, event));
        },
      ),
    );
    const lone: ChainedEvent = { ...chain([1])[0]!, subjectId: 'a\ud800b' };
    expect(() => hashEvent(GENESIS_HASH, lone)).toThrow(/surrogate/i);
  });
});
