import { type CsrMatrix, csrFromTriplets } from './csr-matrix.js';
import { leontiefSolve } from './leontief-solve.js';
import { SeededRandom } from './seeded-random.js';

/** Options of {@link syntheticEconomy}. */
export interface SyntheticEconomyOptions {
  /** Number of products n (≥ 1). */
  readonly products: number;
  /** Seed of the generator; one seed always gives the same economy. */
  readonly seed: number;
  /** Mean non-zeros per column of A (default round(log₂ n) + 5, at most n). */
  readonly nnzPerColumn?: number;
  /** Share of products whose capacity falls short of the unconstrained plan (default 0.02). */
  readonly shortShare?: number;
  /**
   * Share of inputs drawn from any product, downstream included (default 0): above ~0.02 the
   * sectors merge into one strongly connected block, as in a real input-output table.
   */
  readonly feedbackShare?: number;
}

/** A synthetic economy in the planner's units (quantities per plan period, hours of labour). */
export interface SyntheticEconomy {
  /** Technical coefficients: A[i][j] units of product i per unit of product j; column sums in [0.2, 0.6]. */
  readonly a: CsrMatrix;
  /** Final demand per product (units per period, ≥ 0; about 40% of products are intermediate only, d = 0). */
  readonly demand: Float64Array;
  /** Direct labour per unit of each product (hours per unit, in [0.05, 2]). */
  readonly labour: Float64Array;
  /** Capacity per product (units per period): above the unconstrained plan except for `shortShare` products. */
  readonly capacity: Float64Array;
  /** Sector of each product (0-based); sectors are contiguous ranges of products. */
  readonly sectorOf: Int32Array;
  /** Number of products in each sector (heavy-tailed: Pareto, shape 1.2). */
  readonly sectorSizes: Int32Array;
}

// Coefficients are multiples of 1e-7 so that the .mtx text is short and reads back exactly.
const QUANTUM = 1e7;

/**
 * Generates a reproducible synthetic economy: products grouped in sectors of heavy-tailed size;
 * a column draws half of its inputs from its own sector and half from upstream sectors (lower
 * index, weighted by size), so A is block lower triangular with strongly connected diagonal
 * blocks; each column has about `nnzPerColumn` entries and sums to a value in [0.2, 0.6], so A is
 * productive. Capacities come from the unconstrained plan x = (I − A)⁻¹ d.
 *
 * @example const { a, demand } = syntheticEconomy({ products: 1000, seed: 7 });
 */
export function syntheticEconomy(options: SyntheticEconomyOptions): SyntheticEconomy {
  const n = options.products;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`products must be a positive integer, not ${n}`);
  const rng = new SeededRandom(options.seed);
  const k = Math.min(n, Math.max(1, Math.round(options.nnzPerColumn ?? Math.round(Math.log2(n)) + 5)));

  // sectors: Pareto(1.2) sizes, at least 1, cut to what is left
  const sizes: number[] = [];
  let used = 0;
  const minSize = Math.max(1, Math.round(n / 2000));
  while (used < n) {
    const s = Math.min(
      n - used,
      Math.max(1, Math.round(minSize * (1 - rng.next()) ** (-1 / 1.2))),
      Math.ceil(n / 4),
    );
    sizes.push(s);
    used += s;
  }
  const sectorSizes = Int32Array.from(sizes);
  const sectors = sizes.length;
  const sectorStart = new Int32Array(sectors + 1);
  for (let s = 0; s < sectors; s++) sectorStart[s + 1] = sectorStart[s]! + sectorSizes[s]!;
  const sectorOf = new Int32Array(n);
  for (let s = 0; s < sectors; s++) sectorOf.fill(s, sectorStart[s]!, sectorStart[s + 1]!);

  const cap = n * (k + 3);
  let ri: Int32Array = new Int32Array(cap);
  let ci: Int32Array = new Int32Array(cap);
  let vv = new Float64Array(cap);
  let nnz = 0;
  const feedback = options.feedbackShare ?? 0;
  const stamp = new Int32Array(n).fill(-1);
  const rows = new Int32Array(Math.min(n, 4 * k));
  const weights = new Float64Array(rows.length);
  for (let j = 0; j < n; j++) {
    const s = sectorOf[j]!;
    const own0 = sectorStart[s]!;
    const ownSize = sectorSizes[s]!;
    const upstream = own0; // products 0 … own0 − 1 lie in upstream sectors
    const want = Math.min(n, Math.max(1, k - 2 + rng.int(5)), ownSize + upstream);
    let m = 0;
    let tries = 0;
    while (m < want && tries < 20 * want) {
      tries++;
      let i: number;
      if (feedback > 0 && rng.next() < feedback) i = rng.int(n);
      else if (upstream === 0 || (rng.next() < 0.5 && ownSize > 1)) i = own0 + rng.int(ownSize);
      else i = rng.int(upstream); // uniform over upstream products: big sectors supply more
      if (stamp[i] === j) continue;
      stamp[i] = j;
      rows[m++] = i;
    }
    const target = rng.uniform(0.2 + 1e-5, 0.6 - 1e-5);
    let total = 0;
    for (let t = 0; t < m; t++) {
      // heavy-ish weights: a few large inputs, many small ones
      const w = Math.log(1 - rng.next()) ** 2 + 1e-3;
      weights[t] = w;
      total += w;
    }
    if (nnz + m > ri.length) {
      const grow = Math.max(ri.length * 2, nnz + m);
      ri = growInt(ri, grow);
      ci = growInt(ci, grow);
      const v2 = new Float64Array(grow);
      v2.set(vv);
      vv = v2;
    }
    for (let t = 0; t < m; t++) {
      ri[nnz] = rows[t]!;
      ci[nnz] = j;
      vv[nnz] = Math.max(1, Math.round((weights[t]! / total) * target * QUANTUM)) / QUANTUM;
      nnz++;
    }
  }
  const built = csrFromTriplets(n, n, ri, ci, vv, nnz);
  if (built.status !== 'ok') throw new Error('synthetic economy: duplicate entry (generator bug)');
  const a = built.matrix;

  const demand = new Float64Array(n);
  const labour = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // log-normal final demand, rounded to whole units; 40% intermediate-only
    demand[i] = rng.next() < 0.4 ? 0 : Math.round(Math.exp(3 + 1.5 * gaussian(rng)));
    labour[i] = Math.round(rng.uniform(0.05, 2) * 1000) / 1000;
  }
  if (demand.every((v) => v === 0)) demand[0] = 100;
  const solved = leontiefSolve(a, demand, {
    productivity: { status: 'productive', spectralRadiusUpperBound: 0.6 },
  });
  if (solved.status !== 'solved')
    throw new Error('synthetic economy: unconstrained plan did not solve (generator bug)');
  const capacity = new Float64Array(n);
  const short = options.shortShare ?? 0.02;
  for (let i = 0; i < n; i++) {
    const factor = rng.next() < short ? rng.uniform(0.6, 0.95) : rng.uniform(1.05, 1.6);
    capacity[i] = Math.ceil(solved.x[i]! * factor);
  }
  return { a, demand, labour, capacity, sectorOf, sectorSizes };
}

function growInt(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function gaussian(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
