import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

/** Where PostgreSQL deployments are pointed instead (`restore` says the same). */
export const PG_DUMP_HINT =
  'on PostgreSQL use its own tools: pg_dump --format=custom --file=cordones.dump "$DATABASE_URL" (restore with pg_restore; see docs/operations.md)';

/** `cordones backup <file>`: an online SQLite backup; PostgreSQL has pg_dump. */
export function register(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'new file to write the backup to (never overwritten)')
    .description('online backup of the SQLite database (the server may keep running); PostgreSQL: pg_dump')
    .action(async (file: string) => {
      const { configFromEnv } = await import('../open-deployment.js');
      const { backupSqlite } = await import('../../db/sqlite-backup.js');
      const { database } = configFromEnv();
      if (database.kind === 'postgres') throw new CliError(`backup copies SQLite files; ${PG_DUMP_HINT}`);
      if (database.path === ':memory:')
        throw new CliError('DATABASE_URL is :memory:, there is no file to back up');
      const outcome = await backupSqlite(database.path, file);
      switch (outcome.status) {
        case 'no-source':
          throw new CliError(`no database at ${database.path} (DATABASE_URL)`);
        case 'exists':
          throw new CliError(`${file} exists; a backup never overwrites a file, name a new one`);
        case 'damaged':
          throw new CliError(`the copy failed SQLite's check and was deleted: ${outcome.reason}`);
        case 'ok':
          process.stdout.write(
            `backed up ${database.path} to ${file}: ${outcome.bytes} bytes, ${outcome.events} audit events, migration ${outcome.migration ?? 'none'}\n`,
          );
      }
    });
}
