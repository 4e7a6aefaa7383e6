import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { problemFromVrp } from '../src/logistics/core/problem-from-vrp.js';
import { randomRoutingProblem } from '../src/logistics/core/random-routing-problem.js';
import { evaluateRoutePlan } from '../src/logistics/core/route-plan.js';
import { solveRoutes } from '../src/logistics/core/solve-routes.js';
import { parseVrpInstance } from '../src/logistics/core/vrp-instance.js';

const USAGE = `usage: npm run bench -- route [--seconds S] [--instances GLOB] [--seed N] [--scale-seconds S] [--no-scale]
  --seconds S        budget per CVRPLIB instance (default 1)
  --instances GLOB   only instances whose file name matches, e.g. 'A-n6*' (default all)
  --seed N           solver seed (default 1)
  --scale-seconds S  budget of the 1,000-stop, 50-vehicle case (default 30)
  --no-scale         skip the scale case`;

interface BenchFlags {
  seconds: number;
  instances: string;
  seed: number;
  scaleSeconds: number;
  scale: boolean;
}

function parseFlags(args: string[]): BenchFlags | string {
  const flags: BenchFlags = { seconds: 1, instances: '*', seed: 1, scaleSeconds: 30, scale: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    const number = (): number => {
      i++;
      const x = Number(value);
      if (value === undefined || !(x >= 0)) throw new Error(`${arg} needs a non-negative number`);
      return x;
    };
    try {
      if (arg === '--seconds') flags.seconds = number();
      else if (arg === '--seed') flags.seed = number();
      else if (arg === '--scale-seconds') flags.scaleSeconds = number();
      else if (arg === '--no-scale') flags.scale = false;
      else if (arg === '--instances' && value !== undefined) {
        flags.instances = value;
        i++;
      } else return `unknown argument ${arg}\n${USAGE}`;
    } catch (err) {
      return `${(err as Error).message}\n${USAGE}`;
    }
  }
  return flags;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}(\\.vrp)?$`);
}

const pct = (x: number): string => `${x.toFixed(2)} %`;

/**
 * `npm run bench -- route`: gap to the proven optimum of every instance in
 * ../shared/benchmarks/cvrp (Augerat A) at a fixed budget each on one core, with the mean and
 * worst gap; then the seeded 1,000-stop, 50-vehicle case: seconds to the first complete plan and
 * the cost at the end of the budget.
 */
export default async function routeBench(args: string[]): Promise<void> {
  const flags = parseFlags(args);
  if (typeof flags === 'string') {
    console.error(flags);
    process.exitCode = 2;
    return;
  }
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = resolve(repoRoot, '../shared/benchmarks/cvrp');
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log(`load average (1, 5, 15 min): ${load.join(', ')} on ${os.cpus().length} CPUs`);
  if (!existsSync(join(dir, 'best-known.json'))) {
    console.error(`route bench: no instances at ${dir} (expected *.vrp and best-known.json there)`);
    process.exitCode = 1;
  } else {
    const known = JSON.parse(readFileSync(join(dir, 'best-known.json'), 'utf8')) as Record<
      string,
      { best_known_cost: number }
    >;
    const pattern = globToRegExp(flags.instances);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.vrp') && pattern.test(f))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    console.log(`CVRP: ${files.length} instances from ${dir}, ${flags.seconds} s each, seed ${flags.seed}`);
    console.log('instance      n    k  used  iterations      cost   optimum      gap');
    const gaps: number[] = [];
    for (const file of files) {
      const parsed = parseVrpInstance(readFileSync(join(dir, file), 'utf8'));
      if (parsed.status === 'malformed') {
        console.log(`${file}: line ${parsed.line}: ${parsed.message}`);
        continue;
      }
      const name = parsed.instance.name || file.replace(/\.vrp$/, '');
      const optimum = known[name]?.best_known_cost;
      const problem = problemFromVrp(parsed.instance);
      const result = solveRoutes(problem, { seconds: flags.seconds, seed: flags.seed });
      if (result.status !== 'solved') {
        console.log(
          `${name}: ${result.status === 'invalid' ? result.defects.join('; ') : 'stops left unplaced'}`,
        );
        gaps.push(Number.POSITIVE_INFINITY);
        continue;
      }
      const check = evaluateRoutePlan(problem, result.routes);
      if (check.violations.length > 0 || check.cost !== result.cost) {
        console.log(`${name}: INVALID PLAN ${check.violations.join('; ')}`);
        gaps.push(Number.POSITIVE_INFINITY);
        continue;
      }
      const gap = optimum === undefined ? Number.NaN : (100 * (result.cost - optimum)) / optimum;
      if (!Number.isNaN(gap)) gaps.push(gap);
      console.log(
        `${name.padEnd(11)} ${String(problem.stops.length).padStart(3)} ${String(problem.vehicleDepot.length).padStart(4)} ` +
          `${String(result.vehiclesUsed).padStart(5)} ${String(result.iterations).padStart(11)} ${String(result.cost).padStart(9)} ` +
          `${String(optimum ?? '?').padStart(9)} ${(Number.isNaN(gap) ? '?' : pct(gap)).padStart(8)}`,
      );
    }
    if (gaps.length > 0) {
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const worst = Math.max(...gaps);
      const optimal = gaps.filter((g) => g === 0).length;
      console.log(
        `mean gap ${pct(mean)} (target ≤ 0.5 %), worst ${pct(worst)} (target ≤ 2 %), optimal ${optimal}/${gaps.length}`,
      );
    }
  }
  if (!flags.scale) return;
  const { problem } = randomRoutingProblem({ stops: 1000, vehicles: 50, seed: 1 });
  console.log(
    `scale: 1,000 stops, 50 vehicles of capacity ${problem.vehicleCapacity[0]} (generated, seed 1), ${flags.scaleSeconds} s`,
  );
  const result = solveRoutes(problem, { seconds: flags.scaleSeconds, seed: flags.seed });
  if (result.status === 'invalid') throw new Error(result.defects.join('; '));
  const check = evaluateRoutePlan(problem, result.routes);
  const first = result.secondsToComplete;
  console.log(
    `scale: first complete plan after ${first === null ? 'never' : `${first.toFixed(3)} s`} (target ≤ 2 s); ` +
      `final cost ${result.cost} with ${result.vehiclesUsed} vehicles after ${result.seconds.toFixed(1)} s, ` +
      `${result.iterations} iterations; ${result.status}${check.violations.length > 0 ? ', INVALID' : ', valid'}`,
  );
}
