import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url } from './base64url.js';
import { generateCommitteeKeys } from './committee-keys.js';
import type { RationCard } from './ration-card.js';
import { signCard } from './sign-card.js';
import { verifyCard } from './verify-card.js';
import { verifyCardWeb } from './verify-card-web.js';

const keys = generateCommitteeKeys();
const raw = base64url.decode(keys.publicKeyText)!;
const card: RationCard = {
  committeeId: '0190f3a2-7c1e-7a4b-8c3d-1e2f3a4b5c6d',
  householdId: '0190f3a2-8000-7abc-9def-0123456789ab',
  period: '2026-W47',
  expiresAt: new Date('2026-11-23T03:00:00Z'),
  basketVersion: 1,
  items: [{ item: 2, quantity: 3500 }],
};
const lookupRaw = (id: string) => (id === card.committeeId ? raw : null);
const lookupKey = (id: string) => (id === card.committeeId ? keys.publicKey : null);

describe('verifyCardWeb (WebCrypto, as in the browser)', () => {
  it('accepts a card signed with node:crypto', async () => {
    const token = signCard(card, keys.privateKey);
    expect(
      await verifyCardWeb(token, lookupRaw, { now: new Date('2026-11-20T00:00:00Z'), period: '2026-W47' }),
    ).toEqual({
      status: 'valid',
      card,
    });
  });

  it('gives the same verdict as verifyCard on altered, expired, foreign and junk tokens', async () => {
    const bytes = base64url.decode(signCard(card, keys.privateKey))!;
    const other = generateCommitteeKeys();
    const tokens = [
      signCard(card, keys.privateKey),
      signCard(card, other.privateKey),
      signCard({ ...card, committeeId: '0190f3a2-0000-7000-8000-000000000000' }, keys.privateKey),
      'garbage!',
      '',
    ];
    for (let at = 0; at < bytes.length; at += 7) {
      const copy = bytes.slice();
      copy[at] = copy[at]! ^ 0x55;
      tokens.push(base64url.encode(copy));
    }
    for (const now of [new Date('2026-11-20T00:00:00Z'), new Date('2026-11-24T00:00:00Z')])
      for (const period of ['2026-W47', '2026-W48', undefined])
        for (const token of tokens) {
          const a = verifyCard(token, lookupKey, { now, period });
          const b = await verifyCardWeb(token, lookupRaw, { now, period });
          expect(b.status).toBe(a.status);
        }
  });

  it('never calls junk valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        expect((await verifyCardWeb(s, lookupRaw, { now: new Date() })).status).not.toBe('valid');
      }),
      { numRuns: 100 },
    );
  });
});
