import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import type { CsrMatrix } from './csr-matrix.js';
import { type LeontiefSolveOptions, leontiefSolve } from './leontief-solve.js';
import { productivityCheck } from './productivity-check.js';

/** Outcome of {@link leontiefMultipliers}. */
export type LeontiefMultipliersResult =
  /** Both multipliers, per product j, to the solve tolerance. */
  | {
      status: 'solved';
      /** Σᵢ (I − A)⁻¹[i][j]: gross output, all products summed, per unit of final demand for j. */
      output: Float64Array;
      /** Labour values: hours, direct and indirect, per unit of final demand for j. */
      labour: Float64Array;
      /** labour[j] / l[j]: total hours per direct hour (NaN where l[j] = 0). */
      labourRatio: Float64Array;
    }
  /** A is not productive (see leontiefSolve). */
  | { status: 'non-productive'; products: Int32Array; reason: string }
  /** A solve did not reach its tolerance. */
  | { status: 'not-converged'; residual: number };

/**
 * Output and labour multipliers of an economy: the column sums of the Leontief inverse (solving
 * (I − Aᵀ) m = 1) and the labour values (solving (I − Aᵀ) v = l). The block triangular form and
 * the productivity check are computed once and shared by both solves.
 *
 * @example const m = leontiefMultipliers(a, labour); // m.output[j] ≥ 1 for every product
 */
export function leontiefMultipliers(
  a: CsrMatrix,
  labour: Float64Array,
  options: Omit<LeontiefSolveOptions, 'transpose'> & { structure?: BlockTriangularForm } = {},
): LeontiefMultipliersResult {
  const structure = options.structure ?? blockTriangularForm(a);
  const productivity = productivityCheck(a, { structure });
  if (productivity.status === 'non-productive') {
    return { status: 'non-productive', products: productivity.products, reason: productivity.reason };
  }
  const common = { ...options, structure, productivity, transpose: true };
  const output = leontiefSolve(a, new Float64Array(a.rows).fill(1), common);
  if (output.status !== 'solved') {
    return {
      status: 'not-converged',
      residual: output.status === 'not-converged' ? output.residual : Number.NaN,
    };
  }
  const values = leontiefSolve(a, labour, common);
  if (values.status !== 'solved') {
    return {
      status: 'not-converged',
      residual: values.status === 'not-converged' ? values.residual : Number.NaN,
    };
  }
  const labourRatio = new Float64Array(a.rows);
  for (let j = 0; j < a.rows; j++) labourRatio[j] = labour[j] === 0 ? Number.NaN : values.x[j]! / labour[j]!;
  return { status: 'solved', output: output.x, labour: values.x, labourRatio };
}
