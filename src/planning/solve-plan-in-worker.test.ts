import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PlanProblem, solvePlanProblem } from './plan-solve.js';
import { solvePlanInWorker } from './solve-plan-in-worker.js';

// Two products: bread needs 0.5 kg of wheat per kg; 50 kg of wheat cannot meet 100 kg of bread and 10 of wheat.
const problem: PlanProblem = {
  n: 2,
  rows: Int32Array.of(1),
  cols: Int32Array.of(0),
  values: Float64Array.of(0.5),
  demand: Float64Array.of(100, 10),
  capacity: Float64Array.of(Number.POSITIVE_INFINITY, 50),
  labour: Float64Array.of(0.2, 0.1),
};

describe('solvePlanInWorker', () => {
  it('gives in a worker thread (vitest: TypeScript through tsx) the same plan as in this thread, with progress', async () => {
    const phases: string[] = [];
    const inWorker = await solvePlanInWorker(problem, (phase) => phases.push(phase));
    expect(inWorker).toEqual(solvePlanProblem(problem));
    if (inWorker.status !== 'planned') throw new Error(inWorker.status);
    // wheat needed at level θ: θ·(0.5·100 + 10) ≤ 50 → θ = 5/6, wheat binds
    expect(inWorker.theta).toBeCloseTo(5 / 6, 9);
    expect(inWorker.bottlenecks.map((b) => b.product)).toEqual([1]);
    expect(inWorker.labourHours).toBeCloseTo(0.2 * (500 / 6) + 0.1 * 50, 9);
    expect(phases).toEqual(['assembling', 'fulfilment', 'labour', 'done']);
  });

  it('names the products of a non-productive economy as a value', async () => {
    const loop: PlanProblem = {
      ...problem,
      rows: Int32Array.of(0, 1),
      cols: Int32Array.of(1, 0),
      values: Float64Array.of(1.5, 1),
    };
    const result = await solvePlanInWorker(loop);
    expect(result.status).toBe('non-productive');
    if (result.status === 'non-productive') expect([...result.products].sort()).toEqual([0, 1]);
  });

  it('loads the worker in the app too (node with the tsx loader, as bin/cordones.js runs it)', () => {
    const module = fileURLToPath(new URL('./solve-plan-in-worker.ts', import.meta.url));
    const script = `import { register } from 'tsx/esm/api'; register();
      const { solvePlanInWorker } = await import(${JSON.stringify(module)});
      const r = await solvePlanInWorker({ n: 1, rows: new Int32Array(0), cols: new Int32Array(0), values: new Float64Array(0),
        demand: Float64Array.of(5), capacity: Float64Array.of(4), labour: Float64Array.of(2) });
      console.log(JSON.stringify(r));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.status).toBe('planned');
    expect(result.theta).toBeCloseTo(0.8, 12);
    expect(result.labourHours).toBeCloseTo(8, 12);
  });
});
