import type { CsrMatrix } from './csr-matrix.js';
import { type LeontiefSolveOptions, type LeontiefSolveResult, leontiefSolve } from './leontief-solve.js';

/**
 * Labour values v = v A + l: the hours of labour, direct and through every input, embodied in one
 * unit of each product (l in hours per unit). Solves the transposed system (I − Aᵀ) v = l; the
 * solution is in `x` of the result, in hours per unit. The total labour of a plan with final
 * output d is v·d = l·x.
 *
 * @example
 * const v = labourValues(a, labour);
 * if (v.status === 'solved') console.log(`bread embodies ${v.x[7]} h per loaf`);
 */
export function labourValues(
  a: CsrMatrix,
  labour: Float64Array,
  options: Omit<LeontiefSolveOptions, 'transpose'> = {},
): LeontiefSolveResult {
  return leontiefSolve(a, labour, { ...options, transpose: true });
}
