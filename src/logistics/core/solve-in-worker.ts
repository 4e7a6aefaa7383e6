import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RouteWorkerRequest, RouteWorkerResponse } from './route-worker.js';
import type { RoutingProblem } from './routing-problem.js';
import type { RouteSolveResult, SolveRoutesOptions } from './solve-routes.js';

/**
 * Runs `solveRoutes(problem, options)` in a fresh worker thread, so that a long solve never blocks
 * the event loop of the caller (an HTTP request, the CLI's output). Resolves to the same result
 * value; rejects only if the worker itself fails (a bug, out of memory). The worker ends after its
 * one answer. The problem's arrays are copied into the worker, not moved.
 *
 * @example const result = await solveInWorker(problem, { seconds: 5, seed: 1 });
 */
export function solveInWorker(
  problem: RoutingProblem,
  options: SolveRoutesOptions = {},
): Promise<RouteSolveResult> {
  const request: RouteWorkerRequest = { problem, options };
  const worker = startWorker(request);
  return new Promise<RouteSolveResult>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once('message', (response: RouteWorkerResponse) => {
      if (response.status === 'done') finish(() => resolve(response.result));
      else finish(() => reject(new Error(`route worker crashed: ${response.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`route worker exited with code ${code}`))));
  });
}

function startWorker(request: RouteWorkerRequest): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./route-worker.js', import.meta.url), { workerData: request });
  }
  // Run from TypeScript sources (tsx, vitest), the worker must register the tsx loader before it
  // imports the worker module; Node 20 ignores `--import` loaders in a worker's execArgv.
  const loader = createRequire(import.meta.url).resolve('tsx');
  const api = pathToFileURL(join(dirname(loader), 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./route-worker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(source, { eval: true, workerData: request });
}
