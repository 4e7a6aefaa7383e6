import { startWorker } from '../core/start-worker.js';
import type { PlanProblem, PlanSolveResult } from './plan-solve.js';
import type { PlanSolvePhase } from './plan-views.js';
import type { PlanWorkerMessage } from './plan-worker.js';

/** A plan solver: the worker thread by default; a test may pass `solvePlanProblem` wrapped. */
export type PlanSolver = (
  problem: PlanProblem,
  onProgress?: (phase: PlanSolvePhase, fraction: number) => void,
) => Promise<PlanSolveResult>;

/**
 * Runs `solvePlanProblem` in a fresh worker thread so that a large plan never blocks the event
 * loop of the server or the CLI. Resolves to the same value; rejects only when the worker itself
 * fails (a bug, out of memory). Works from the built JavaScript and from TypeScript sources
 * (tsx for the app, vitest for the tests): the worker registers tsx before loading the module.
 *
 * @example const result = await solvePlanInWorker(problem, (phase, f) => console.log(phase, f));
 */
export const solvePlanInWorker: PlanSolver = (problem, onProgress) => {
  const worker = startWorker(import.meta.url, './plan-worker', problem);
  return new Promise<PlanSolveResult>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (m: PlanWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.phase, m.fraction);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(new Error(`plan worker crashed: ${m.message}`)));
    });
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`plan worker exited with code ${code}`))));
  });
};
