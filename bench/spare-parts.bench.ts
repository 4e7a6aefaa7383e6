import { performance } from 'node:perf_hooks';
import { type MakerCandidate, rankMakers } from '../src/production/core/maker-ranking.js';

// Figure `spare-parts`: the time to rank the makers of one need by distance and load
// (`rankMakers`, the pure part of `GET /api/production/spare-parts/needs/:id`) at country scale:
// every one of the 30,000 workplaces has the capability asked for — the worst case.

/** mulberry32: a small seeded generator, so every run ranks the same country. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** `npm run bench -- spare-parts [--candidates N]`: ranking makers for one need. */
export default async function (args: string[]): Promise<void> {
  const at = args.indexOf('--candidates');
  const n = at >= 0 ? Number(args[at + 1]) : 30_000;
  const rnd = random(1973);
  // Chile from Arica (-18.5°) to Punta Arenas (-53.2°), between -75.5° and -68° of longitude
  const candidates: MakerCandidate[] = Array.from({ length: n }, (_, i) => ({
    workplaceId: `w${i}`,
    latMicro: Math.round(-18_500_000 - rnd() * 34_700_000),
    lonMicro: Math.round(-75_500_000 + rnd() * 7_500_000),
    openOrders: Math.floor(rnd() * 6),
  }));
  const need = { latMicro: -33_437_800, lonMicro: -70_650_500 };
  for (let r = 0; r < 5; r++) rankMakers(need, candidates, { limit: 10 }); // warm-up
  const times: number[] = [];
  for (let r = 0; r < 30; r++) {
    const t0 = performance.now();
    rankMakers(need, candidates, { limit: 10 });
    times.push(performance.now() - t0);
  }
  console.log(
    `rank makers: ${n.toLocaleString('en')} candidates, best 10: median ${median(times).toFixed(2)} ms, ` +
      `max ${Math.max(...times).toFixed(2)} ms over ${times.length} runs`,
  );
}
