import { startWorker } from '../../core/start-worker.js';
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
  const worker = startWorker(import.meta.url, './route-worker', request);
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
