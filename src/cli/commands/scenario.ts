import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface RawOptions {
  seed: string;
  scale: string;
  households?: string;
}

function parseOptions(opts: RawOptions): {
  seed: number;
  scale: 'city' | 'country';
  householdsPerCommittee?: number;
} {
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new CliError(`--seed must be a whole number from 0 to 2147483647, got "${opts.seed}"`);
  if (opts.scale !== 'city' && opts.scale !== 'country')
    throw new CliError(`--scale must be city or country, got "${opts.scale}"`);
  if (opts.households === undefined) return { seed, scale: opts.scale };
  const households = Number(opts.households);
  if (!Number.isInteger(households) || households < 1 || households > 100_000)
    throw new CliError(`--households must be a whole number from 1 to 100000, got "${opts.households}"`);
  return { seed, scale: opts.scale, householdsPerCommittee: households };
}

/** `cordones scenario load|reset`: the seeded demo world. */
export function register(program: Command): void {
  const scenario = commandGroup(program, 'scenario', 'The demo scenario (seeded, deterministic)');
  const run = async (opts: RawOptions, reset: boolean) => {
    const { seed, scale, householdsPerCommittee } = parseOptions(opts);
    const { configFromEnv, openConfiguredDatabase } = await import('../open-deployment.js');
    const { migrateDown, migrateUp, migrationStatus } = await import('../../db/migrator.js');
    const { createServices } = await import('../../server/services.js');
    const { loadScenario } = await import('../../scenario/scenario.js');
    const { startProgress } = await import('../progress.js');
    const config = configFromEnv();
    const database = await openConfiguredDatabase(config);
    try {
      if (reset) {
        // Reverting every migration empties the database whatever it held; then it is rebuilt.
        while ((await migrationStatus(database.db)).current !== null) {
          const down = await migrateDown(database.db);
          if (down.status !== 'ok') throw new CliError(`reset failed at ${down.failed}: ${down.error}`);
        }
      }
      const up = await migrateUp(database.db);
      if (up.status !== 'ok') throw new CliError(`migration ${up.failed} failed: ${up.error}`);
      const services = await createServices(database, config);
      if ((await services.identity.accountCount()) > 0) {
        throw new CliError('the database already holds data; use `cordones scenario reset` to replace it');
      }
      const progress = startProgress();
      const started = Date.now();
      const loaded = await loadScenario(services, {
        seed,
        scale,
        ...(householdsPerCommittee === undefined ? {} : { householdsPerCommittee }),
        onProgress: (part, done, total) => progress.update(part, done, total),
      });
      progress.stop();
      process.stdout.write(
        `scenario loaded (seed ${seed}, scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s (${Object.entries(
          loaded.seconds,
        )
          .map(([part, s]) => `${part} ${s.toFixed(1)} s`)
          .join(', ')})\n`,
      );
      for (const a of await services.identity.demoCredentials())
        process.stdout.write(`  ${a.username.padEnd(8)} ${a.password}   ${a.description}\n`);
    } finally {
      await database.close();
    }
  };
  scenario
    .command('load')
    .description('load the demo scenario into an empty database')
    .option('--seed <n>', 'seed of the generator', '1972')
    .option('--scale <scale>', 'city (Santiago 1972) or country', 'city')
    .option('--households <n>', 'households per supply committee (default 7500)')
    .action((opts: RawOptions) => run(opts, false));
  scenario
    .command('reset')
    .description('empty the database (every migration down and up again) and load the scenario')
    .option('--seed <n>', 'seed of the generator', '1972')
    .option('--scale <scale>', 'city (Santiago 1972) or country', 'city')
    .option('--households <n>', 'households per supply committee (default 7500)')
    .action((opts: RawOptions) => run(opts, true));
}
