import { describe, expect, it } from 'vitest';
import { randomRoutingProblem } from './random-routing-problem.js';
import { solveInWorker } from './solve-in-worker.js';
import { solveRoutes } from './solve-routes.js';

describe('solveInWorker', () => {
  it('gives the same plan in a worker thread as in this thread for a seed and an iteration count', async () => {
    const { problem } = randomRoutingProblem({ stops: 60, vehicles: 8, seed: 5 });
    const options = { seed: 9, maxIterations: 2000, seconds: 1e6 };
    const inWorker = await solveInWorker(problem, options);
    const here = solveRoutes(problem, options);
    if (inWorker.status === 'invalid' || here.status === 'invalid') throw new Error('invalid');
    expect(inWorker.status).toBe('solved');
    expect(inWorker.routes).toEqual(here.routes);
    expect(inWorker.cost).toBe(here.cost);
  });

  it('passes an invalid problem back as a value', async () => {
    const { problem } = randomRoutingProblem({ stops: 3, vehicles: 1, seed: 1 });
    const result = await solveInWorker({ ...problem, stops: Int32Array.of(1, 99) }, { maxIterations: 10 });
    expect(result).toEqual({ status: 'invalid', defects: ['unknown place 99 among the stops'] });
  });
});
