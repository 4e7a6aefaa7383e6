// Our side of bench/plan.bench.ts, run in its own process so that its peak memory is its own:
//   node --expose-gc --import tsx bench/plan-ours.ts A.mtx d.csv [l.csv]
// Prints one JSON object per step, like bench/plan-scipy.py.
import { readFileSync } from 'node:fs';
import { type BlockTriangularForm, blockTriangularForm } from '../src/planning/core/block-triangular-form.js';
import type { CsrMatrix } from '../src/planning/core/csr-matrix.js';
import { leontiefSolve } from '../src/planning/core/leontief-solve.js';
import { parseMatrixMarket } from '../src/planning/core/matrix-market.js';
import { productivityCheck } from '../src/planning/core/productivity-check.js';
import { parseVector } from '../src/planning/core/vector-file.js';

const [aPath, dPath, lPath] = process.argv.slice(2);
if (!aPath || !dPath) throw new Error('usage: plan-ours.ts A.mtx d.csv [l.csv]');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
const csrBytes = (m: CsrMatrix) => m.rowPtr.byteLength + m.colIdx.byteLength + m.values.byteLength;
const emit = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

let t = performance.now();
let bytes: Uint8Array | undefined = readFileSync(aPath);
const parsed = parseMatrixMarket(bytes, { requireSquare: true, requireNonNegative: true });
bytes = undefined;
if (parsed.status !== 'ok') throw new Error(`${aPath} line ${parsed.line}: ${parsed.message}`);
const a = parsed.matrix;
const n = a.rows;
const dv = parseVector(readFileSync(dPath), { length: n });
if (dv.status !== 'ok') throw new Error(`${dPath}: ${dv.message}`);
emit({ method: 'load', seconds: (performance.now() - t) / 1000, matrix_mib: mib(csrBytes(a)) });
gc();
const baseline = process.memoryUsage().rss;

// every figure is the best of 3 warm runs (the machine may be shared); a first, untimed run
// compiles the code, as SciPy's is compiled ahead of time
const REPEATS = 3;
let analysis = Infinity;
let analysisCpu = Infinity;
let built: BlockTriangularForm | undefined;
for (let rep = 0; rep <= REPEATS; rep++) {
  built = undefined; // one copy of the structure at a time: the memory figure stays honest
  gc();
  t = performance.now();
  const c0 = process.cpuUsage();
  built = blockTriangularForm(a);
  const c1 = process.cpuUsage(c0);
  if (rep > 0) {
    analysis = Math.min(analysis, (performance.now() - t) / 1000);
    analysisCpu = Math.min(analysisCpu, (c1.user + c1.system) / 1e6);
  }
}
const structure = built!;
t = performance.now();
const c0 = process.cpuUsage();
const productivity = productivityCheck(a, { structure });
const c1 = process.cpuUsage(c0);
analysis += (performance.now() - t) / 1000;
analysisCpu += (c1.user + c1.system) / 1e6;
// a one-block A is its own permuted copy (the same arrays): not counted twice
const structureBytes =
  (structure.permuted === a ? 0 : csrBytes(structure.permuted)) +
  // (absent in cores before it was added: bench plan --baseline runs this script on those too)
  ((structure as { reversed?: Uint8Array }).reversed?.byteLength ?? 0) +
  structure.split.byteLength +
  structure.position.byteLength +
  structure.componentOf.byteLength +
  structure.members.byteLength +
  structure.blockStart.byteLength +
  structure.diagonal.byteLength;
emit({
  method: 'analysis',
  seconds: analysis,
  cpu_seconds: analysisCpu,
  blocks: structure.count,
  structure_mib: mib(structureBytes),
});

// CPU seconds of this thread's process next to the wall clock: on a shared machine the wall
// clock counts the time other processes held the core, CPU time mostly does not
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let best = Infinity;
let bestCpu = Infinity;
for (let rep = 0; rep <= REPEATS; rep++) {
  t = performance.now();
  const c0 = cpuSeconds();
  const x = leontiefSolve(a, dv.values, { structure, productivity });
  const seconds = (performance.now() - t) / 1000;
  if (rep > 0) {
    best = Math.min(best, seconds);
    bestCpu = Math.min(bestCpu, cpuSeconds() - c0);
  }
  if (rep === REPEATS) {
    emit({
      method: 'block-gauss-seidel',
      seconds: best,
      cpu_seconds: bestCpu,
      iterations: 'iterations' in x ? x.iterations : null,
      matrix_passes: 'matrixPasses' in x ? Number(x.matrixPasses.toFixed(2)) : null,
      residual: 'residual' in x ? x.residual : null,
      status: x.status,
      // solve working set beyond A: the block structure, x, and the permuted x and right-hand side
      workspace_mib: mib(structureBytes + 24 * n),
      rss_growth_mib: mib(process.memoryUsage().rss - baseline),
    });
  }
}
if (n <= 200_000) {
  t = performance.now();
  const g = leontiefSolve(a, dv.values, { method: 'gmres', productivity });
  emit({
    method: 'gmres (ours)',
    seconds: (performance.now() - t) / 1000,
    iterations: 'iterations' in g ? g.iterations : null,
    residual: 'residual' in g ? g.residual : null,
    status: g.status,
  });
}
if (lPath) {
  const lv = parseVector(readFileSync(lPath), { length: n });
  if (lv.status !== 'ok') throw new Error(`${lPath}: ${lv.message}`);
  let v = leontiefSolve(a, lv.values, { structure, productivity, transpose: true });
  let vBest = Infinity;
  for (let rep = 0; rep < REPEATS; rep++) {
    t = performance.now();
    v = leontiefSolve(a, lv.values, { structure, productivity, transpose: true });
    vBest = Math.min(vBest, (performance.now() - t) / 1000);
  }
  emit({
    method: 'labour values (transposed)',
    seconds: vBest,
    iterations: 'iterations' in v ? v.iterations : null,
    residual: 'residual' in v ? v.residual : null,
    status: v.status,
  });
}
emit({ method: 'process', peak_rss_mib: mib(process.resourceUsage().maxRSS * 1024) });
