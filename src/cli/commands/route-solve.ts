import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface SolveFlags {
  seconds: string;
  seed: string;
  json?: boolean;
}

/**
 * `cordones route solve <instance.vrp> [--seconds S] [--seed N] [--json]`: reads a CVRPLIB /
 * TSPLIB instance (EUC_2D), routes it within the time budget and prints the routes in CVRPLIB's
 * solution style (`Route #1: 3 5 8`, then `Cost 784`; stops numbered as in CVRPLIB solutions, file
 * node id − 1, the depot being 0), or with `--json` the routes, cost, vehicles used and seconds.
 * A malformed file fails with one line naming the file line.
 */
export function register(program: Command): void {
  commandGroup(program, 'route', 'Vehicle routes: solve capacitated routing instances')
    .command('solve')
    .description('Route a CVRPLIB / TSPLIB .vrp instance (EUC_2D, rounded costs) with a fleet limit')
    .argument('<instance>', 'the .vrp file; the fleet is its VEHICLES line or the k of a name like A-n32-k5')
    .option('--seconds <s>', 'time budget in seconds; the best plan found is printed', '1')
    .option('--seed <n>', 'seed of the search (same seed, same machine speed: same plan)', '1')
    .option('--json', 'print routes, cost, vehicles used and seconds as JSON')
    .action(async (file: string, flags: SolveFlags) => {
      const seconds = Number(flags.seconds);
      if (!(seconds > 0) || !Number.isFinite(seconds)) {
        throw new CliError(`--seconds must be a positive number, not "${flags.seconds}"`);
      }
      if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
        throw new CliError(`--seed must be an integer from 0 to 4294967295, not "${flags.seed}"`);
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      const { parseVrpInstance } = await import('../../logistics/core/vrp-instance.js');
      const parsed = parseVrpInstance(text);
      if (parsed.status === 'malformed') throw new CliError(`${file} line ${parsed.line}: ${parsed.message}`);
      const { problemFromVrp } = await import('../../logistics/core/problem-from-vrp.js');
      const { solveRoutes } = await import('../../logistics/core/solve-routes.js');
      const result = solveRoutes(problemFromVrp(parsed.instance), { seconds, seed: Number(flags.seed) });
      if (result.status === 'invalid') throw new CliError(`${file}: ${result.defects.join('; ')}`);
      const unplaced = result.status === 'partial' ? result.unplaced : [];
      if (flags.json) {
        const out = {
          name: parsed.instance.name,
          status: result.status,
          cost: result.cost,
          vehiclesUsed: result.vehiclesUsed,
          fleetSize: parsed.instance.fleetSize,
          seconds: Number(result.seconds.toFixed(3)),
          iterations: result.iterations,
          routes: result.routes.map((r) => ({ depot: r.depot, stops: r.stops, load: r.load, cost: r.cost })),
          unplaced,
        };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = result.routes.map((r, i) => `Route #${i + 1}: ${r.stops.join(' ')}`);
      for (const u of unplaced) lines.push(`Unplaced ${u.place}: ${u.reason}`);
      lines.push(`Cost ${result.cost}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
