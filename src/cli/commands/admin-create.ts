import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

/** `cordones admin create`: the first administrator, with a password typed or piped — never a default. */
export function register(program: Command): void {
  commandGroup(program, 'admin', 'Deployment administration')
    .command('create')
    .description('create an administrator account (asks for the password, or reads it with --password-stdin)')
    .requiredOption('--username <name>', 'sign-in name: lower-case letters, digits, . _ -')
    .option('--display-name <name>', 'name shown to others (default: the user name)')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action(async (opts: { username: string; displayName?: string; passwordStdin?: boolean }) => {
      const { readStdin, promptSecret } = await import('../read-secret.js');
      let password: string;
      if (opts.passwordStdin) {
        password = await readStdin();
      } else {
        if (!process.stdin.isTTY)
          throw new CliError('no terminal to ask for the password: pipe it with --password-stdin');
        password = await promptSecret('Password: ');
        const again = await promptSecret('Password again: ');
        if (again !== password) throw new CliError('the two passwords differ');
      }
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const { AppError, renderError } = await import('../../core/errors.js');
      const services = await openDeployment(configFromEnv());
      try {
        const created = await services.identity.createAccount(
          { kind: 'system', name: 'cli' },
          {
            username: opts.username,
            password,
            displayName: opts.displayName ?? opts.username,
            isAdmin: true,
          },
        );
        process.stdout.write(
          `administrator "${opts.username.trim().toLowerCase()}" created (account ${created.accountId})\n`,
        );
      } catch (err) {
        if (err instanceof AppError) throw new CliError(renderError(err.code, 'en', err.params));
        throw err;
      } finally {
        await services.database.close();
      }
    });
}
