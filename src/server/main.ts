import type { Config } from '../core/config.js';
import { holdWhenFree, processLeasesFor } from '../db/process-leases.js';
import { loadScenario } from '../scenario/scenario.js';
import { buildApp } from './app.js';
import type { Services } from './services.js';
import { buildWeb, webBuildStale } from './web-build.js';

/** The lease held by the instance loading the demo scenario. */
const DEMO_LEASE = 'demo-scenario';

/** Options of `serve`. */
export interface ServeOptions {
  /** Build the web app first when web/dist is missing or older than its sources. */
  readonly buildWebIfNeeded: boolean;
  /** Where messages for the person at the terminal go. */
  readonly print: (line: string) => void;
  /** Called with progress of a first-start demo load. */
  readonly onProgress?: (part: string, done: number, total: number) => void;
}

/**
 * Starts a deployment: builds the web app if asked, loads the demo scenario into an empty database
 * in demo mode, listens, prints where and how to sign in, and on SIGTERM/SIGINT finishes in-flight
 * requests and closes the database. Resolves once listening; returns a `stop` function.
 */
export async function serve(
  services: Services,
  options: ServeOptions,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config } = services;
  if (options.buildWebIfNeeded && webBuildStale()) {
    options.print('Building the web app (first start or changed sources)…');
    await buildWeb();
  }
  if (config.demo) {
    // Several instances starting together on one empty PostgreSQL: one loads, the others wait for
    // it and then find the accounts there.
    const leases = processLeasesFor(config.database);
    await holdWhenFree(leases, DEMO_LEASE);
    try {
      if ((await services.identity.accountCount()) === 0) {
        options.print(`Empty database: loading the demo scenario (seed ${config.demoSeed})…`);
        await loadScenario(services, {
          seed: config.demoSeed,
          scale: 'city',
          householdsPerCommittee: config.demoHouseholds,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
      }
    } finally {
      await leases.release(DEMO_LEASE);
    }
  }
  const app = await buildApp({ services });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost =
    config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::'
      ? 'localhost'
      : config.host;
  const url = `http://${shownHost}:${port}`;
  await printWelcome(services, config, url, options.print);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      await services.database.close();
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'finishing in-flight requests, then closing the database');
    void stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { url, stop };
}

async function printWelcome(
  services: Services,
  config: Config,
  url: string,
  print: (line: string) => void,
): Promise<void> {
  print('');
  print(`Cordones is running at ${url}  (database: ${services.database.description})`);
  print(`API documentation: ${url}/api/docs`);
  if (config.demo) {
    const accounts = await services.identity.demoCredentials();
    if (accounts.length > 0) {
      print('Demo accounts (demo mode only; set DEMO=false in production):');
      for (const a of accounts) print(`  ${a.username.padEnd(8)} ${a.password}   ${a.description}`);
    }
  }
  if ((await services.identity.accountCount()) === 0) {
    print(
      'No accounts yet. Create the first administrator with:  npx cordones admin create --username <name>',
    );
  }
  print('');
}
