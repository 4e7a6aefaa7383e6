import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

/** `cordones serve`: the web app, API and event stream on one port. */
export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the server (web app + API); loads the demo scenario into an empty database in demo mode',
    )
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .option('--build-web-if-needed', 'build the web app first when it is missing or stale')
    .action(async (opts: { port?: string; buildWebIfNeeded?: boolean }) => {
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const { serve } = await import('../../server/main.js');
      const { startProgress } = await import('../progress.js');
      let port: number | undefined;
      if (opts.port !== undefined) {
        port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CliError(`--port must be a whole number from 0 to 65535, got "${opts.port}"`);
      }
      const config = configFromEnv(port !== undefined ? { port } : {});
      const services = await openDeployment(config);
      const progress = startProgress();
      try {
        await serve(services, {
          buildWebIfNeeded: opts.buildWebIfNeeded === true,
          print: (line) => process.stdout.write(`${line}\n`),
          onProgress: (part, done, total) => progress.update(`demo scenario: ${part}`, done, total),
        });
      } catch (err) {
        await services.database.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliError(`port ${config.port} is in use; set PORT to another port`);
        throw err;
      } finally {
        progress.stop();
      }
    });
}
