import { allocateDelivery } from '../src/supply/core/allocate-delivery.js';
import { base64url } from '../src/supply/core/base64url.js';
import { generateCommitteeKeys } from '../src/supply/core/committee-keys.js';
import type { RationCard } from '../src/supply/core/ration-card.js';
import { signCard } from '../src/supply/core/sign-card.js';
import { verifyCard } from '../src/supply/core/verify-card.js';
import { verifyCardWeb } from '../src/supply/core/verify-card-web.js';

// `npm run bench -- allocation [--households N] [--quick]`
// Time to split one delivery among N households (target: 10,000 in < 50 ms), then ration-card
// signing and verification rates.
export default async function (args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const i = args.indexOf('--households');
  const sizes = i >= 0 ? [Number(args[i + 1])] : [10_000, 100_000];

  for (const n of sizes) {
    // two claims per household: a priority claim (children under 15, pregnant) for some, and the
    // rest of the household; milk in millilitres for a week
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const entitlement: number[] = [];
    const weight: number[] = [];
    const group: number[] = [];
    const tieKey: number[] = [];
    for (let h = 0; h < n; h++) {
      const children = rnd() < 0.45 ? 1 + Math.floor(rnd() * 3) : 0;
      const adults = 1 + Math.floor(rnd() * 3);
      if (children > 0) {
        entitlement.push(children * 3500);
        weight.push(children);
        group.push(0);
        tieKey.push(2 * h);
      }
      entitlement.push(adults * 1750);
      weight.push(adults);
      group.push(1);
      tieKey.push(2 * h + 1);
    }
    const request = {
      entitlement: Int32Array.from(entitlement),
      weight: Float64Array.from(weight),
      group: Int32Array.from(group),
      tieKey: Int32Array.from(tieKey),
    };
    const due = entitlement.reduce((s, x) => s + x, 0);
    const runs = quick ? 20 : 100;
    const times: number[] = [];
    let check = 0;
    for (let r = 0; r < runs + 3; r++) {
      const delivery = Math.floor(due * (0.5 + 0.4 * ((r % 7) / 7)));
      const t0 = process.hrtime.bigint();
      const res = allocateDelivery({ delivery, ...request });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 'allocated' || res.total !== delivery) throw new Error('allocation failed');
      check += res.awards[0]!;
      if (r >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
    console.log(
      `allocation: ${n.toLocaleString('en')} households (${entitlement.length.toLocaleString('en')} claims, 2 priority groups, 50–90 % of due): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${times[times.length - 1]!.toFixed(2)} ms over ${runs} runs${check < 0 ? '!' : ''}`,
    );
  }

  const keys = generateCommitteeKeys();
  const card: RationCard = {
    committeeId: '0190f3a2-7c1e-7a4b-8c3d-1e2f3a4b5c6d',
    householdId: '0190f3a2-8000-7abc-9def-0123456789ab',
    period: '2026-11',
    expiresAt: new Date('2026-12-01T03:00:00Z'),
    basketVersion: 3,
    items: [0, 1, 2, 3, 4].map((item) => ({ item, quantity: 1000 * (item + 1) })),
  };
  const count = quick ? 2_000 : 20_000;
  let token = '';
  let t0 = process.hrtime.bigint();
  for (let k = 0; k < count; k++) token = signCard({ ...card, basketVersion: k & 0xffff }, keys.privateKey);
  const signS = Number(process.hrtime.bigint() - t0) / 1e9;
  const now = new Date('2026-11-15T00:00:00Z');
  let valid = 0;
  t0 = process.hrtime.bigint();
  for (let k = 0; k < count; k++)
    if (verifyCard(token, () => keys.publicKey, { now, period: '2026-11' }).status === 'valid') valid++;
  const verifyS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (valid !== count) throw new Error('verification failed');
  const raw = base64url.decode(keys.publicKeyText)!;
  const webCount = Math.ceil(count / 4);
  t0 = process.hrtime.bigint();
  for (let k = 0; k < webCount; k++)
    if ((await verifyCardWeb(token, () => raw, { now, period: '2026-11' })).status === 'valid') valid++;
  const webS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (valid !== count + webCount) throw new Error('WebCrypto verification failed');
  console.log(
    `cards: ${token.length}-character token (5 items); sign ${Math.round(count / signS).toLocaleString('en')}/s, verify ${Math.round(count / verifyS).toLocaleString('en')}/s with node:crypto, ${Math.round(webCount / webS).toLocaleString('en')}/s with WebCrypto (${((1000 * webS) / webCount).toFixed(3)} ms each; key imported per card), one core`,
  );
}
