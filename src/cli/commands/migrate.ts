import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

/** `cordones migrate up|down|status`. */
export function register(program: Command): void {
  const migrate = commandGroup(
    program,
    'migrate',
    'Database migrations (the same set for SQLite and PostgreSQL)',
  );
  const withDatabase = async <T>(
    work: (db: import('../../db/database.js').Database) => Promise<T>,
  ): Promise<T> => {
    const { configFromEnv, openConfiguredDatabase } = await import('../open-deployment.js');
    const database = await openConfiguredDatabase(configFromEnv());
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };
  const report = (outcome: import('../../db/migrator.js').MigrateOutcome, verb: string) => {
    for (const name of outcome.ran) process.stdout.write(`${verb} ${name}\n`);
    if (outcome.status === 'failed')
      throw new CliError(`migration ${outcome.failed} failed and was rolled back: ${outcome.error}`);
    if (outcome.ran.length === 0) process.stdout.write('nothing to do\n');
  };

  migrate
    .command('up')
    .description('apply every pending migration')
    .action(async () => {
      const { migrateUp } = await import('../../db/migrator.js');
      await withDatabase(async (database) => report(await migrateUp(database.db), 'applied'));
    });
  migrate
    .command('down')
    .description('revert the last applied migration')
    .action(async () => {
      const { migrateDown } = await import('../../db/migrator.js');
      await withDatabase(async (database) => report(await migrateDown(database.db), 'reverted'));
    });
  migrate
    .command('status')
    .description('list applied and pending migrations')
    .action(async () => {
      const { migrationStatus } = await import('../../db/migrator.js');
      await withDatabase(async (database) => {
        const status = await migrationStatus(database.db);
        process.stdout.write(`database: ${database.description}\n`);
        for (const name of status.applied) process.stdout.write(`applied  ${name}\n`);
        for (const name of status.pending) process.stdout.write(`pending  ${name}\n`);
      });
    });
}
