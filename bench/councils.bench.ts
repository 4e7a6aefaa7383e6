import { performance } from 'node:perf_hooks';
import type { RankedBallot } from '../src/councils/core/ballot-profile.js';
import { parseBlt } from '../src/councils/core/parse-blt.js';
import { countStv } from '../src/councils/core/stv-count.js';
import { type MotionVote, tallyMotion } from '../src/councils/core/tally-motion.js';

/** mulberry32: a small seeded generator, so every run counts the same election. */
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

/**
 * Ballots drawn from a Plackett–Luce model: candidate popularity falls off like 1/(rank+1), each
 * voter ranks 1–30 candidates (half rank 6 or fewer), about 1,500 distinct lines of weight 1 and
 * the rest single papers, as in a BLT file read straight from a count.
 */
function election(ballots: number, candidates: number, seed: number): RankedBallot[] {
  const rnd = random(seed);
  const strength = Array.from({ length: candidates }, (_, i) => 1 / (i + 1) + 0.05 * rnd());
  const out: RankedBallot[] = [];
  const left = new Float64Array(candidates);
  for (let b = 0; b < ballots; b++) {
    const length = Math.min(candidates, 1 + Math.floor(-Math.log(1 - rnd()) * 7));
    left.set(strength);
    let sum = strength.reduce((a, s) => a + s, 0);
    const ranking: number[] = [];
    for (let k = 0; k < length; k++) {
      let x = rnd() * sum;
      let c = 0;
      while (c < candidates - 1 && (left[c] === 0 || x >= left[c]!)) {
        x -= left[c]!;
        c++;
      }
      ranking.push(c);
      sum -= left[c]!;
      left[c] = 0;
    }
    out.push({ weight: 1, ranking });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** `npm run bench -- councils [--quick] [--ballots N]`: STV count and weighted motion tally. */
export default async function (args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const at = args.indexOf('--ballots');
  const nBallots = at >= 0 ? Number(args[at + 1]) : quick ? 20_000 : 100_000;
  const nCandidates = 30;
  const seats = 5;
  const runs = quick ? 3 : 7;

  const ballots = election(nBallots, nCandidates, 1972);
  const candidates = Array.from({ length: nCandidates }, (_, i) => `Candidate ${i + 1}`);
  const profile = { candidates, withdrawn: [], ballots };
  countStv(profile, { seats }); // warm-up
  const times: number[] = [];
  let stages = 0;
  let elected = '';
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const result = countStv(profile, { seats });
    times.push(performance.now() - t0);
    if (result.status !== 'counted') throw new Error(result.reason);
    stages = result.stages.length;
    elected = result.elected.map((e) => e.candidate + 1).join(',');
  }
  console.log(
    `stv count: ${nBallots.toLocaleString('en')} ballots, ${nCandidates} candidates, ${seats} seats, ` +
      `${stages} stages (elected ${elected}): median ${median(times).toFixed(1)} ms, ` +
      `min ${Math.min(...times).toFixed(1)} ms over ${runs} runs (target < 2000 ms)`,
  );

  const blt = [
    `${nCandidates} ${seats}`,
    ...ballots.map((b) => `1 ${b.ranking.map((c) => (c as number) + 1).join(' ')} 0`),
    '0',
    ...candidates.map((c) => `"${c}"`),
  ].join('\n');
  const p0 = performance.now();
  const parsed = parseBlt(blt);
  const parseMs = performance.now() - p0;
  if (parsed.status !== 'parsed') throw new Error(parsed.reason);
  console.log(
    `blt parse: ${(blt.length / 2 ** 20).toFixed(1)} MiB, ${nBallots.toLocaleString('en')} ballot lines: ${parseMs.toFixed(1)} ms`,
  );

  const rnd = random(73);
  const delegates = 2_000;
  const votes: MotionVote[] = Array.from({ length: delegates }, () => ({
    choice: rnd() < 0.55 ? 'for' : rnd() < 0.8 ? 'against' : 'abstain',
    weight: 50 + Math.floor(rnd() * 5_000),
  }));
  const totalWeight = votes.reduce((a, v) => a + (v.weight ?? 1), 0);
  const rules = {
    seats: delegates,
    threshold: 'majority-of-votes-cast',
    weighted: { totalWeight },
  } as const;
  const tallyRuns = 1_000;
  for (let r = 0; r < 100; r++) tallyMotion(votes, rules);
  const tallyTimes: number[] = [];
  let status = '';
  for (let r = 0; r < tallyRuns; r++) {
    const t0 = performance.now();
    status = tallyMotion(votes, rules).status;
    tallyTimes.push(performance.now() - t0);
  }
  console.log(
    `weighted motion tally: ${delegates.toLocaleString('en')} delegates (${status}): median ` +
      `${(median(tallyTimes) * 1000).toFixed(1)} µs, max ${Math.max(...tallyTimes).toFixed(3)} ms over ${tallyRuns} runs (target < 50 ms)`,
  );
  console.log(
    'petition signing (100 and 100,000 members): not measured here; it needs the database and is measured with the councils store',
  );
}
