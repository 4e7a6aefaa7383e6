import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface SolveFlags {
  coefficients: string;
  demand: string;
  labour?: string;
  capacity?: string;
  output?: string;
  json?: boolean;
  method: string;
}

const METHODS = ['block-gauss-seidel', 'gmres', 'bicgstab', 'gauss-seidel', 'jacobi'] as const;

/**
 * `cordones plan solve --coefficients A.mtx --demand d.csv [--labour l.csv] [--capacity c.csv]
 * [--output x.csv] [--json]`: gross outputs x of (I − A) x = d, with the residual, iterations and
 * time; with --labour the labour values v = vA + l and the total hours; with --capacity the
 * capacity check, the largest θ with θ·d producible and the max-min plan's bottlenecks. Vectors
 * are one-column CSV (optional header) or Matrix Market. Bad files fail with one line naming the
 * file and line; a non-productive A fails naming its products (1-based, as in the files).
 */
export function register(program: Command): void {
  commandGroup(program, 'plan', 'Plans: solve input-output systems, generate synthetic economies')
    .command('solve')
    .description('Solve (I − A) x = d: gross outputs, labour values, θ under capacities')
    .requiredOption(
      '--coefficients <A.mtx>',
      'technical coefficients, Matrix Market coordinate real general, n×n, ≥ 0',
    )
    .requiredOption('--demand <d.csv>', 'final demand per product (units per period), CSV or .mtx')
    .option('--labour <l.csv>', 'direct labour per unit of each product (hours)')
    .option('--capacity <c.csv>', 'capacity per product (units per period)')
    .option('--output <x.csv>', 'write the gross outputs here (one-column CSV)')
    .option('--method <m>', `iterative method: ${METHODS.join(', ')}`, 'block-gauss-seidel')
    .option('--json', 'print the figures as JSON')
    .action(async (flags: SolveFlags) => {
      const method = METHODS.find((m) => m === flags.method);
      if (!method) throw new CliError(`--method must be one of ${METHODS.join(', ')}, not "${flags.method}"`);
      const { parseMatrixMarket } = await import('../../planning/core/matrix-market.js');
      const { parseVector, formatVectorCsv } = await import('../../planning/core/vector-file.js');
      const { blockTriangularForm } = await import('../../planning/core/block-triangular-form.js');
      const { productivityCheck } = await import('../../planning/core/productivity-check.js');
      const { leontiefSolve } = await import('../../planning/core/leontief-solve.js');

      const t0 = performance.now();
      const parsed = parseMatrixMarket(await readBytes(flags.coefficients), {
        requireSquare: true,
        requireNonNegative: true,
      });
      if (parsed.status === 'error')
        throw new CliError(`${flags.coefficients} line ${parsed.line}: ${parsed.message}`);
      const a = parsed.matrix;
      const n = a.rows;
      const vector = async (path: string) => {
        const r = parseVector(await readBytes(path), { length: n, requireNonNegative: true });
        if (r.status === 'error') throw new CliError(`${path} line ${r.line}: ${r.message}`);
        return r.values;
      };
      const d = await vector(flags.demand);
      const l = flags.labour ? await vector(flags.labour) : undefined;
      const c = flags.capacity ? await vector(flags.capacity) : undefined;
      const readSeconds = (performance.now() - t0) / 1000;

      const t1 = performance.now();
      const structure = blockTriangularForm(a);
      const productivity = productivityCheck(a, { structure });
      if (productivity.status === 'non-productive') {
        const shown = Array.from(productivity.products.subarray(0, 20), (i) => i + 1).join(', ');
        const more =
          productivity.products.length > 20 ? ` and ${productivity.products.length - 20} more` : '';
        throw new CliError(
          `${flags.coefficients}: A is not productive: products ${shown}${more} form a block that cannot produce a surplus (${productivity.reason})`,
        );
      }
      const analysisSeconds = (performance.now() - t1) / 1000;
      const t2 = performance.now();
      const x = leontiefSolve(a, d, { structure, productivity, method });
      const solveSeconds = (performance.now() - t2) / 1000;
      if (x.status !== 'solved') {
        throw new CliError(
          x.status === 'not-converged'
            ? `gross outputs did not converge: residual ${x.residual.toExponential(2)} after ${x.iterations} iterations (${method})`
            : `A is not productive: ${x.reason}`,
        );
      }
      if (flags.output) await writeChunks(flags.output, formatVectorCsv(x.x, 'gross_output'));
      const report: Record<string, unknown> = {
        products: n,
        coefficients: a.rowPtr[n],
        blocks: structure.count,
        spectralRadiusUpperBound: productivity.spectralRadiusUpperBound,
        grossOutputs: {
          method: x.method,
          residual: x.residual,
          iterations: x.iterations,
          matrixPasses: Number(x.matrixPasses.toFixed(2)),
          seconds: round(solveSeconds),
          total: sum(x.x),
        },
        seconds: { read: round(readSeconds), analysis: round(analysisSeconds) },
      };
      if (l) {
        const t3 = performance.now();
        const v = leontiefSolve(a, l, { structure, productivity, method, transpose: true });
        if (v.status !== 'solved') throw new CliError(`labour values did not converge (${v.status})`);
        let hours = 0;
        for (let i = 0; i < n; i++) hours += v.x[i]! * d[i]!;
        report.labourValues = {
          residual: v.residual,
          iterations: v.iterations,
          seconds: round((performance.now() - t3) / 1000),
          totalHours: hours,
        };
      }
      if (c) {
        const { capacityCheck } = await import('../../planning/core/capacity-check.js');
        const { maxMinPlan } = await import('../../planning/core/max-min-plan.js');
        const check = capacityCheck(x.x, c);
        const t4 = performance.now();
        const plan = maxMinPlan({ a, demand: d, capacity: c }, { structure });
        if (plan.status !== 'planned') throw new CliError(`max-min plan: ${plan.status}`);
        report.capacity = {
          status: check.status,
          shortProducts: check.status === 'short' ? check.shortfalls.length : 0,
          worst: check.status === 'short' ? oneBased(check.shortfalls.slice(0, 5)) : [],
        };
        report.theta = plan.theta;
        report.plan = {
          minLevel: Math.min(1, plan.theta),
          rounds: plan.rounds,
          seconds: round((performance.now() - t4) / 1000),
          bottlenecks: oneBased(plan.bottlenecks.slice(0, 20)),
          bottleneckCount: plan.bottlenecks.length,
        };
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const g = report.grossOutputs as { residual: number; iterations: number; matrixPasses: number };
      const lines = [
        `products        ${n} (${a.rowPtr[n]} coefficients, ${structure.count} blocks, spectral radius ≤ ${fmt(productivity.spectralRadiusUpperBound)})`,
        `gross outputs   residual ${g.residual.toExponential(2)}, ${g.iterations} sweeps (${g.matrixPasses} matrix passes, ${method}), ${solveSeconds.toFixed(3)} s after ${analysisSeconds.toFixed(3)} s analysis; total ${fmt(sum(x.x))}`,
      ];
      const lv = report.labourValues as { residual: number; totalHours: number; seconds: number } | undefined;
      if (lv)
        lines.push(
          `labour values   residual ${lv.residual.toExponential(2)}, ${lv.seconds.toFixed(3)} s; total labour ${fmt(lv.totalHours)} h`,
        );
      if (c) {
        const cap = report.capacity as { status: string; shortProducts: number };
        const plan = report.plan as {
          bottlenecks: { product: number; shadowPrice: number }[];
          bottleneckCount: number;
          seconds: number;
        };
        lines.push(
          `capacity        ${cap.status === 'within' ? 'within capacity' : `short for ${cap.shortProducts} products`}`,
        );
        lines.push(
          `θ               ${fmt(report.theta as number)} (max-min plan ${plan.seconds.toFixed(3)} s; ${plan.bottleneckCount} bottlenecks${
            plan.bottlenecks.length
              ? `: ${plan.bottlenecks
                  .slice(0, 5)
                  .map((b) => `product ${b.product} (shadow price ${fmt(b.shadowPrice)})`)
                  .join(', ')}`
              : ''
          })`,
        );
      }
      if (flags.output) lines.push(`wrote           ${flags.output}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function oneBased<T extends { product: number }>(rows: T[]): T[] {
  return rows.map((r) => ({ ...r, product: r.product + 1 }));
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

function round(seconds: number): number {
  return Number(seconds.toFixed(4));
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v);
}

/**
 * Writes text chunks (from the planning core's formatters) to a file with back-pressure, so a
 * million-product matrix is never one string. A write failure becomes a one-line CliError.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  try {
    for (const chunk of chunks) {
      if (!out.write(chunk))
        await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
    }
    await Promise.race([new Promise<void>((r) => out.end(() => r())), failed]);
  } catch (err) {
    out.destroy();
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** Reads a whole file as bytes; a missing or unreadable file becomes a one-line CliError. */
async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
