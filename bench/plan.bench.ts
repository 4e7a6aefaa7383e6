import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChunks } from '../src/cli/commands/plan-solve.js';
import { blockTriangularForm } from '../src/planning/core/block-triangular-form.js';
import { formatMatrixMarket } from '../src/planning/core/matrix-market.js';
import { maxMinPlan } from '../src/planning/core/max-min-plan.js';
import { LP_SIZE_LIMIT, maxMinPlanLp } from '../src/planning/core/max-min-plan-lp.js';
import { syntheticEconomy } from '../src/planning/core/synthetic-economy.js';
import { formatVectorCsv } from '../src/planning/core/vector-file.js';

// `npm run bench -- plan [--sizes 1e4,1e5,1e6] [--quick] [--no-scipy] [--python PATH] [--plan-size 1e5]
//                       [--lp-sizes 1000,2000] [--spsolve-seconds 20] [--feedback 0.1] [--baseline REV]`
// --feedback 0.1: the one-block case (every product reaches every other, as in real tables).
// --baseline REV: also run our solve as of git revision REV (its src/planning/core, extracted to
//   a temp dir, measured by today's bench/plan-ours.ts) on the same files: before/after in one run.
// --quick: sizes 1e4,1e5 and LP sizes 500,1000 (about 30 s on an idle 2-core machine).
//
// 1. Leontief solve (I − A) x = d on synthetic economies (seed 1, ~log2(n)+5 non-zeros per
//    column): ours (bench/plan-ours.ts, its own process) next to SciPy's (bench/plan-scipy.py,
//    Debian python3-scipy: gmres, bicgstab, a numpy Jacobi loop, spsolve only at n ≤ 10⁴), both
//    reading the same A.mtx and d.csv from a temp dir, both to a relative residual ≤ 1e-10.
// 2. The max-min plan under capacities at n = 10⁵ (target ≤ 30 s).
// 3. The exact LP path (HiGHS) against the fast path at growing n: time and agreement, which is
//    how LP_SIZE_LIMIT was chosen.
const here = dirname(fileURLToPath(import.meta.url));
// Debian's python3-scipy first (what the issue names), then whatever `python3` is on PATH
const PYTHONS = ['/usr/bin/python3', 'python3'];
// SciPy's sparse kernels are single-threaded; its dense vector work (BLAS) is pinned to one
// thread too, so that both sides use one core and CPU seconds compare
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

interface Row {
  method: string;
  seconds?: number;
  iterations?: number | null;
  residual?: number | null;
  status?: string;
  [key: string]: unknown;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function sizes(text: string): number[] {
  return text.split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bad size "${s}"`);
    return n;
  });
}

function rows(r: SpawnSyncReturns<string>, who: string): Row[] {
  if (r.error || r.status !== 0) {
    console.log(`  ${who} failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  }
  return (r.stdout ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Row);
}

const s = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(3)} s`);
const e = (v: number | null | undefined) => (typeof v === 'number' ? v.toExponential(1) : '—');

export default async function plan(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const solveSizes = sizes(flag(args, '--sizes') ?? (quick ? '10000,100000' : '10000,100000,1000000'));
  const planSize = Number(flag(args, '--plan-size') ?? 1e5);
  const lpSizes = sizes(flag(args, '--lp-sizes') ?? (quick ? '500,1000' : '1000,2000'));
  const spsolveSeconds = Number(flag(args, '--spsolve-seconds') ?? 20);
  // share of inputs from any product (downstream too): 0.1 makes the economy one big block
  const feedbackShare = Number(flag(args, '--feedback') ?? 0);
  let scipy = !args.includes('--no-scipy');
  const baselineRev = flag(args, '--baseline');
  let baseline: { rev: string; script: string; dir: string } | undefined;
  if (baselineRev) {
    const dir = mkdtempSync(join(tmpdir(), 'cordones-plan-baseline-'));
    const tar = spawnSync('git', ['archive', baselineRev, 'src/planning/core'], {
      cwd: join(here, '..'),
      maxBuffer: 1 << 26,
    });
    if (tar.status !== 0) throw new Error(`git archive ${baselineRev}: ${String(tar.stderr).trim()}`);
    spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    // today's measuring script (CPU seconds, memory) over that revision's core
    mkdirSync(join(dir, 'bench'));
    copyFileSync(join(here, 'plan-ours.ts'), join(dir, 'bench', 'plan-ours.ts'));
    baseline = { rev: baselineRev, script: join(dir, 'bench', 'plan-ours.ts'), dir };
    console.log(`baseline: our solve as of ${baselineRev}, run on the same files`);
  }
  const candidates = flag(args, '--python') ? [flag(args, '--python')!] : PYTHONS;
  let PYTHON = candidates[0]!;
  if (scipy) {
    const found = candidates.find((python) => {
      const probe = spawnSync(python, ['-c', 'import scipy, numpy; print(scipy.__version__)'], {
        encoding: 'utf8',
      });
      if (probe.status !== 0) return false;
      PYTHON = python;
      console.log(`peer: SciPy ${probe.stdout.trim()} (${python}), single-threaded sparse kernels`);
      return true;
    });
    if (!found) {
      console.log(
        `SciPy not found (${candidates.join(', ')} cannot import scipy; apt-get install python3-scipy): our figures only`,
      );
      scipy = false;
    }
  }

  console.log('\n## Leontief solve (I − A) x = d, relative residual ≤ 1e-10');
  for (const n of solveSizes) {
    const dir = mkdtempSync(join(tmpdir(), 'cordones-plan-bench-'));
    try {
      const t0 = performance.now();
      const econ = syntheticEconomy({ products: n, seed: 1, feedbackShare });
      const genSeconds = (performance.now() - t0) / 1000;
      const A = join(dir, 'A.mtx');
      const D = join(dir, 'd.csv');
      const L = join(dir, 'l.csv');
      await writeChunks(A, formatMatrixMarket(econ.a));
      await writeChunks(D, formatVectorCsv(econ.demand, 'demand'));
      await writeChunks(L, formatVectorCsv(econ.labour, 'labour_hours'));
      const nnz = econ.a.rowPtr[n]!;
      console.log(
        `\nn = ${n}${feedbackShare ? ` (feedback share ${feedbackShare})` : ''}: ${nnz} non-zeros (${(nnz / n).toFixed(1)} per column), ${econ.sectorSizes.length} sectors, ` +
          `A.mtx ${(statSync(A).size / 2 ** 20).toFixed(0)} MiB, generated in ${genSeconds.toFixed(1)} s`,
      );
      if (baseline) {
        const old = rows(
          spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', baseline.script, A, D], {
            encoding: 'utf8',
            timeout: 600_000,
            maxBuffer: 1 << 20,
          }),
          `ours@${baseline.rev}`,
        );
        const an = old.find((r) => r.method === 'analysis');
        const bgs = old.find((r) => r.method === 'block-gauss-seidel');
        console.log(
          `  ours@${baseline.rev}: analysis ${s(an?.seconds)}${typeof an?.cpu_seconds === 'number' ? ` (CPU ${s(an.cpu_seconds)})` : ''}; ` +
            `block-gauss-seidel ${s(bgs?.seconds)}${typeof bgs?.cpu_seconds === 'number' ? ` (CPU ${s(bgs.cpu_seconds)})` : ''}, ` +
            `${bgs?.iterations ?? '—'} it, ${bgs?.matrix_passes ?? '—'} matrix passes, residual ${e(bgs?.residual)}, ` +
            `workspace ${bgs?.workspace_mib ?? '—'} MiB, peak RSS ${old.find((r) => r.method === 'process')?.peak_rss_mib ?? '—'} MiB`,
        );
      }
      const ours = rows(
        spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'plan-ours.ts'), A, D, L], {
          encoding: 'utf8',
          timeout: 600_000,
          maxBuffer: 1 << 20,
        }),
        'ours',
      );
      const peer = scipy
        ? rows(
            spawnSync(PYTHON, [join(here, 'plan-scipy.py'), A, D], {
              encoding: 'utf8',
              env: ONE_THREAD,
              timeout: 600_000,
              maxBuffer: 1 << 20,
            }),
            'SciPy',
          )
        : [];
      // spsolve (SuperLU) only at n ≤ 10⁴, in its own process with a time limit: its LU factors
      // fill in almost densely on these matrices
      if (scipy && n <= 10_000) {
        const direct = spawnSync(PYTHON, [join(here, 'plan-scipy.py'), A, D, '--methods=spsolve'], {
          encoding: 'utf8',
          env: ONE_THREAD,
          timeout: spsolveSeconds * 1000,
          maxBuffer: 1 << 20,
        });
        const r = (direct.stdout ?? '').split('\n').filter((l) => l.startsWith('{"method": "spsolve"'));
        if (r[0]) peer.push(JSON.parse(r[0]) as Row);
        else
          console.log(
            `  scipy spsolve stopped after ${spsolveSeconds} s (--spsolve-seconds N to wait longer)`,
          );
      }
      const get = (list: Row[], m: string) => list.find((r) => r.method === m);
      const load = get(ours, 'load');
      const analysis = get(ours, 'analysis');
      const bgs = get(ours, 'block-gauss-seidel');
      console.log(
        `  ours  read .mtx ${s(load?.seconds)}; analysis (block triangular form, once per matrix) ${s(analysis?.seconds)}` +
          `${typeof analysis?.cpu_seconds === 'number' ? ` (CPU ${s(analysis.cpu_seconds)})` : ''}, ` +
          `${analysis?.blocks ?? '—'} blocks; A ${load?.matrix_mib ?? '—'} MiB + solve workspace ${bgs?.workspace_mib ?? '—'} MiB; ` +
          `process peak RSS ${get(ours, 'process')?.peak_rss_mib ?? '—'} MiB`,
      );
      for (const r of ours.filter(
        (r) => r.seconds !== undefined && r.method !== 'load' && r.method !== 'analysis',
      )) {
        const extra =
          (r.matrix_passes ? `, ${r.matrix_passes} matrix passes` : '') +
          (typeof r.cpu_seconds === 'number' ? `, CPU ${s(r.cpu_seconds)}` : '');
        console.log(
          `  ours  ${r.method.padEnd(28)} ${s(r.seconds).padStart(9)}  ${String(r.iterations ?? '—').padStart(4)} it${extra}  residual ${e(r.residual)}  ${r.status}`,
        );
      }
      if (scipy) {
        const pl = get(peer, 'load');
        console.log(
          `  scipy read .mtx ${s(pl?.seconds)}; A ${pl?.matrix_mib ? (pl.matrix_mib as number).toFixed(1) : '—'} MiB; ` +
            `process peak RSS ${get(peer, 'process')?.peak_rss_mib ? (get(peer, 'process')!.peak_rss_mib as number).toFixed(0) : '—'} MiB`,
        );
        for (const r of peer.filter((r) => r.seconds !== undefined && r.method !== 'load')) {
          console.log(
            `  scipy ${r.method.padEnd(28)} ${s(r.seconds).padStart(9)}  ${String(r.iterations ?? '—').padStart(4)} it${typeof r.cpu_seconds === 'number' ? `, CPU ${s(r.cpu_seconds)}` : ''}  residual ${e(r.residual)}  ${r.status}  (+${(r.peak_mib as number).toFixed(0)} MiB during the solve${r.scipy_tol ? `, tol ${r.scipy_tol}` : ''})`,
          );
        }
        const solved = peer.filter(
          (r) => r.status === 'solved' && r.method !== 'spsolve' && r.seconds !== undefined,
        );
        const fastest = solved.sort((p, q) => p.seconds! - q.seconds!)[0];
        if (fastest && bgs?.seconds !== undefined && analysis?.seconds !== undefined) {
          const both = bgs.seconds + analysis.seconds;
          console.log(
            `  → SciPy's fastest iterative (${fastest.method}) ${s(fastest.seconds)}; ours ${s(bgs.seconds)} per solve ` +
              `(×${(fastest.seconds! / bgs.seconds).toFixed(2)}), ${s(both)} with the analysis (×${(fastest.seconds! / both).toFixed(2)})`,
          );
        }
        // the same in CPU seconds, which a shared machine disturbs less than the wall clock
        const byCpu = solved
          .filter((r) => typeof r.cpu_seconds === 'number')
          .sort((p, q) => (p.cpu_seconds as number) - (q.cpu_seconds as number))[0];
        const ourCpu = bgs?.cpu_seconds;
        const anCpu = analysis?.cpu_seconds;
        if (byCpu && typeof ourCpu === 'number' && typeof anCpu === 'number') {
          const peer = byCpu.cpu_seconds as number;
          console.log(
            `  → CPU: SciPy's least (${byCpu.method}) ${s(peer)}; ours ${s(ourCpu)} per solve (×${(peer / ourCpu).toFixed(2)}), ` +
              `${s(ourCpu + anCpu)} with the analysis (×${(peer / (ourCpu + anCpu)).toFixed(2)})`,
          );
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log(`\n## Max-min plan under capacities (fast path), n = ${planSize}, target ≤ 30 s`);
  {
    const econ = syntheticEconomy({ products: planSize, seed: 2 });
    const t0 = performance.now();
    const structure = blockTriangularForm(econ.a);
    const plan = maxMinPlan({ a: econ.a, demand: econ.demand, capacity: econ.capacity }, { structure });
    const seconds = (performance.now() - t0) / 1000;
    if (plan.status === 'planned') {
      console.log(
        `  ${seconds.toFixed(2)} s (analysis included): θ = ${plan.theta.toFixed(6)}, ${plan.rounds} Leontief solves, ` +
          `${plan.bottlenecks.length} bottlenecks (first: product ${plan.bottlenecks[0] ? plan.bottlenecks[0].product + 1 : '—'}, ` +
          `shadow price ${plan.bottlenecks[0]?.shadowPrice.toExponential(2) ?? '—'} level per unit)`,
      );
    } else {
      console.log(`  ${plan.status} after ${seconds.toFixed(2)} s`);
    }
  }

  console.log(
    `\n## Exact LP path (HiGHS, WebAssembly) against the fast path; LP_SIZE_LIMIT = ${LP_SIZE_LIMIT}`,
  );
  for (const n of lpSizes) {
    const econ = syntheticEconomy({ products: n, seed: 3, shortShare: 0.05 });
    const input = { a: econ.a, demand: econ.demand, capacity: econ.capacity };
    let t0 = performance.now();
    const fast = maxMinPlan(input);
    const fastSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const lp = await maxMinPlanLp(input, { sizeLimit: Infinity, timeLimit: 120 });
    const lpSeconds = (performance.now() - t0) / 1000;
    let agreement = '—';
    if (fast.status === 'planned' && lp.status === 'planned') {
      let worst = Math.abs(fast.theta - lp.theta) / Math.max(1, lp.theta);
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(fast.levels[i]! - lp.levels[i]!));
      agreement = worst.toExponential(1);
    }
    console.log(
      `  n = ${String(n).padStart(5)}: LP ${lpSeconds.toFixed(2)} s (${lp.status}${lp.status === 'planned' ? `, ${lp.rounds} LPs` : ''}), ` +
        `fast ${fastSeconds.toFixed(3)} s; largest difference in θ and levels ${agreement}`,
    );
  }
  if (baseline) rmSync(baseline.dir, { recursive: true, force: true });
}
