import { parentPort, workerData } from 'node:worker_threads';
import { type PlanProblem, type PlanSolveResult, solvePlanProblem } from './plan-solve.js';
import type { PlanSolvePhase } from './plan-views.js';

/** A message a plan worker posts: progress, then one answer (the result, or a bug's message). */
export type PlanWorkerMessage =
  | { readonly type: 'progress'; readonly phase: PlanSolvePhase; readonly fraction: number }
  | { readonly type: 'done'; readonly result: PlanSolveResult }
  | { readonly type: 'crashed'; readonly message: string };

/**
 * Body of the worker thread started by `solvePlanInWorker`: solves the `PlanProblem` in
 * `workerData`, posting progress and one answer. Does nothing when imported outside a worker.
 */
export function answerPlanRequest(): void {
  const port = parentPort;
  if (!port || workerData === null || typeof workerData !== 'object') return;
  const post = (m: PlanWorkerMessage) => port.postMessage(m);
  try {
    const result = solvePlanProblem(workerData as PlanProblem, (phase, fraction) =>
      post({ type: 'progress', phase, fraction }),
    );
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'crashed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

answerPlanRequest();
