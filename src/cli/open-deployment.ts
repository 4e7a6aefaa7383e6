import { type Config, loadConfig } from '../core/config.js';
import { SecretKeyError } from '../core/secret-key.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrator.js';
import { createServices, type Services } from '../server/services.js';
import { CliError } from './cli-error.js';

/** Reads the configuration from the environment, or fails with every problem listed. */
export function configFromEnv(overrides: Partial<Config> = {}): Config {
  const result = loadConfig(process.env);
  if (!result.ok) throw new CliError(`bad configuration:\n  ${result.problems.join('\n  ')}`);
  return Object.freeze({ ...result.config, ...overrides });
}

/** Opens the configured database, failing with a one-line reason. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  try {
    return await openDatabase(config.database);
  } catch (err) {
    throw new CliError(
      `cannot open the database (${config.database.kind}): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Opens the database, applies pending migrations and wires the services. */
export async function openDeployment(config: Config): Promise<Services> {
  const database = await openConfiguredDatabase(config);
  const outcome = await migrateUp(database.db);
  if (outcome.status !== 'ok') {
    await database.close();
    throw new CliError(`migration ${outcome.failed} failed: ${outcome.error}`);
  }
  try {
    return await createServices(database, config);
  } catch (err) {
    if (!(err instanceof SecretKeyError)) throw err;
    await database.close();
    throw new CliError(`cannot start: ${err.message}`);
  }
}
