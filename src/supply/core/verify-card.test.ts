import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url } from './base64url.js';
import { generateCommitteeKeys } from './committee-keys.js';
import type { RationCard } from './ration-card.js';
import { signCard } from './sign-card.js';
import { verifyCard } from './verify-card.js';

const keys = generateCommitteeKeys();
const other = generateCommitteeKeys();
const COMMITTEE = '0190f3a2-7c1e-7a4b-8c3d-1e2f3a4b5c6d';
const card: RationCard = {
  committeeId: COMMITTEE,
  householdId: '0190f3a2-8000-7abc-9def-0123456789ab',
  period: '2026-11',
  expiresAt: new Date('2026-12-01T03:00:00Z'),
  basketVersion: 3,
  items: [
    { item: 0, quantity: 15_000 },
    { item: 4, quantity: 2_000 },
    { item: 7, quantity: 500 },
  ],
};
const lookup = (id: string) => (id === COMMITTEE ? keys.publicKey : null);
const now = new Date('2026-11-15T12:00:00Z');

describe('ration cards', () => {
  it('round-trips: a signed card verifies and reads back the same', () => {
    const token = signCard(card, keys.privateKey);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const r = verifyCard(token, lookup, { now, period: '2026-11' });
    expect(r).toEqual({ status: 'valid', card });
  });

  it('is small enough for a QR code', () => {
    const token = signCard(card, keys.privateKey);
    // (105 + period + 6 × items) bytes as base64url; a version-10 QR code holds 213 characters at level M
    expect(token.length).toBeLessThanOrEqual(180);
  });

  it('verifies with the raw 32-byte public key that committees publish', () => {
    const raw = base64url.decode(keys.publicKeyText)!;
    expect(raw.length).toBe(32);
    const r = verifyCard(signCard(card, keys.privateKey), () => raw, { now });
    expect(r.status).toBe('valid');
  });

  it('flags any single altered byte as forged or malformed, never valid', () => {
    const bytes = base64url.decode(signCard(card, keys.privateKey))!;
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const copy = bytes.slice();
        copy[at] = copy[at]! ^ flip;
        const r = verifyCard(base64url.encode(copy), lookup, { now });
        expect(['forged', 'malformed', 'unknown-key']).toContain(r.status);
        // the quantities and the household live in signed bytes: changing them is forgery
        if (at >= 17) expect(r.status === 'forged' || r.status === 'malformed').toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('flags a card signed with another committee’s key as forged', () => {
    const r = verifyCard(signCard(card, other.privateKey), lookup, { now });
    expect(r.status).toBe('forged');
  });

  it('refuses an expired card and one for another period', () => {
    const token = signCard(card, keys.privateKey);
    const late = verifyCard(token, lookup, { now: new Date('2026-12-01T03:00:01Z') });
    expect(late.status).toBe('expired');
    expect(verifyCard(token, lookup, { now: new Date('2026-12-01T03:00:00Z') }).status).toBe('valid');
    const r = verifyCard(token, lookup, { now, period: '2026-12' });
    expect(r).toMatchObject({ status: 'wrong-period' });
  });

  it('says which committee it does not know', () => {
    const r = verifyCard(signCard(card, keys.privateKey), () => null, { now });
    expect(r).toEqual({ status: 'unknown-key', reason: expect.any(String), committeeId: COMMITTEE });
  });

  it('calls malformed input malformed, with a reason, and never throws', () => {
    for (const junk of ['', 'not a card!', 'AAAA', 'A', base64url.encode(new Uint8Array(200)), '%%%%']) {
      const r = verifyCard(junk, lookup, { now });
      expect(r.status).toBe('malformed');
      if (r.status === 'malformed') expect(r.reason.length).toBeGreaterThan(0);
    }
    const token = signCard(card, keys.privateKey);
    expect(verifyCard(token.slice(0, -10), lookup, { now }).status).not.toBe('valid');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(verifyCard(s, lookup, { now }).status).not.toBe('valid');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to sign what cannot be encoded', () => {
    expect(() => signCard({ ...card, committeeId: 'nope' }, keys.privateKey)).toThrow(TypeError);
    expect(() => signCard({ ...card, period: '' }, keys.privateKey)).toThrow(TypeError);
    expect(() => signCard({ ...card, items: [{ item: 1, quantity: -1 }] }, keys.privateKey)).toThrow(
      TypeError,
    );
    expect(() => signCard(card, keys.publicKey)).toThrow(TypeError);
  });
});

describe('base64url', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = base64url.encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64url.decode(text)).toEqual(bytes);
      }),
    );
  });
  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(base64url.decode('ab+c')).toBeNull();
    expect(base64url.decode('abcde')).toBeNull();
    expect(base64url.decode('AQ')).toEqual(new Uint8Array([1]));
    expect(base64url.decode('AR')).toBeNull();
  });
});
