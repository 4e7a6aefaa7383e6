import { parentPort, workerData } from 'node:worker_threads';
import type { RoutingProblem } from './routing-problem.js';
import { type RouteSolveResult, type SolveRoutesOptions, solveRoutes } from './solve-routes.js';

/** What a route worker is started with (its `workerData`): one problem to solve. */
export interface RouteWorkerRequest {
  readonly problem: RoutingProblem;
  readonly options: SolveRoutesOptions;
}

/** The one message a route worker posts back: the solver's result, or a bug's message. */
export type RouteWorkerResponse =
  | { readonly status: 'done'; readonly result: RouteSolveResult }
  | { readonly status: 'crashed'; readonly message: string };

/**
 * Body of the worker thread started by `solveInWorker`: solves the request in `workerData` and
 * posts one `RouteWorkerResponse`. Does nothing when imported outside a worker.
 */
export function answerRouteRequest(): void {
  const port = parentPort;
  if (!port || workerData === null || typeof workerData !== 'object') return;
  const request = workerData as RouteWorkerRequest;
  let response: RouteWorkerResponse;
  try {
    response = { status: 'done', result: solveRoutes(request.problem, request.options) };
  } catch (err) {
    response = {
      status: 'crashed',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    };
  }
  port.postMessage(response);
}

answerRouteRequest();
