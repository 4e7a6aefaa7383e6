import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

/** `cordones audit verify`: recompute the hash chain and report the first broken link. */
export function register(program: Command): void {
  commandGroup(program, 'audit', 'The hash-chained audit log')
    .command('verify')
    .description('recompute every hash of the audit log and report the first broken link')
    .option('--json', 'print the verdict as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const { startProgress } = await import('../progress.js');
      const services = await openDeployment(configFromEnv());
      const progress = startProgress();
      try {
        const verdict = await services.audit.verify((checked) =>
          progress.update('verifying', checked, Math.max(checked, 1)),
        );
        progress.stop();
        if (opts.json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
        if (verdict.status === 'broken') {
          throw new CliError(
            `audit chain broken at event ${verdict.seq} (${verdict.id}): ${verdict.reason}; ${verdict.checked} events before it are intact`,
          );
        }
        if (!opts.json)
          process.stdout.write(`audit chain intact: ${verdict.count} events, head ${verdict.headHash}\n`);
      } finally {
        progress.stop();
        await services.database.close();
      }
    });
}
