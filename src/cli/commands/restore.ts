import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { PG_DUMP_HINT } from './backup.js';

/** `cordones restore <file> [--replace]`: a SQLite backup put in place; PostgreSQL has pg_restore. */
export function register(program: Command): void {
  program
    .command('restore')
    .argument('<file>', 'a file made by `cordones backup`')
    .option('--replace', 'replace the existing database (stop every server using it first)')
    .description('put a SQLite backup in place of the database; PostgreSQL: pg_restore')
    .action(async (file: string, opts: { replace?: boolean }) => {
      const { configFromEnv } = await import('../open-deployment.js');
      const { restoreSqlite } = await import('../../db/sqlite-backup.js');
      const { database } = configFromEnv();
      if (database.kind === 'postgres') throw new CliError(`restore copies SQLite files; ${PG_DUMP_HINT}`);
      if (database.path === ':memory:')
        throw new CliError('DATABASE_URL is :memory:, there is no file to restore into');
      const outcome = await restoreSqlite(file, database.path, { replace: opts.replace === true });
      switch (outcome.status) {
        case 'no-backup':
          throw new CliError(`no file at ${file}`);
        case 'exists':
          throw new CliError(
            `${database.path} exists; stop every server using it, then run again with --replace`,
          );
        case 'not-a-backup':
          throw new CliError(
            `${file} is not a sound Cordones database: ${outcome.reason}; nothing was changed`,
          );
        case 'newer':
          throw new CliError(
            `${file} was made by a newer Cordones (migrations ${outcome.unknown.join(', ')}); upgrade first; nothing was changed`,
          );
        case 'ok':
          process.stdout.write(
            `restored ${file} into ${database.path}: ${outcome.events} audit events, migration ${outcome.migration ?? 'none'}; the next start (or cordones migrate up) applies newer migrations\n`,
          );
      }
    });
}
