/** One product whose required gross output exceeds its capacity. */
export interface Shortfall {
  /** Zero-based product. */
  readonly product: number;
  /** Gross output the plan needs (units per period). */
  readonly required: number;
  /** Capacity (units per period). */
  readonly capacity: number;
  /** required − capacity (units per period, > 0). */
  readonly shortfall: number;
}

/** Outcome of {@link capacityCheck}. */
export type CapacityCheckResult =
  /** Every product's gross output is within capacity; `utilisation` is the largest x/c. */
  | { status: 'within'; utilisation: number }
  /** Some products fall short, largest relative shortfall first. */
  | { status: 'short'; shortfalls: Shortfall[]; utilisation: number };

/**
 * Compares gross outputs x with capacities c (same units, per period; `Infinity` = uncapped).
 * A product is short when xᵢ > cᵢ·(1 + tolerance) (default 1e-9, solver noise).
 *
 * @example capacityCheck(Float64Array.of(5, 12), Float64Array.of(10, 10)) // short: product 1 by 2
 */
export function capacityCheck(
  x: Float64Array,
  capacity: Float64Array,
  tolerance = 1e-9,
): CapacityCheckResult {
  if (x.length !== capacity.length)
    throw new RangeError(`capacityCheck: ${x.length} outputs, ${capacity.length} capacities`);
  const shortfalls: Shortfall[] = [];
  let utilisation = 0;
  for (let i = 0; i < x.length; i++) {
    const c = capacity[i]!;
    const xi = x[i]!;
    if (c === Infinity) continue;
    const u = c > 0 ? xi / c : xi > 0 ? Infinity : 0;
    if (u > utilisation) utilisation = u;
    if (xi > c * (1 + tolerance) && xi - c > tolerance) {
      shortfalls.push({ product: i, required: xi, capacity: c, shortfall: xi - c });
    }
  }
  if (shortfalls.length === 0) return { status: 'within', utilisation };
  shortfalls.sort((p, q) => q.required / q.capacity - p.required / p.capacity || p.product - q.product);
  return { status: 'short', shortfalls, utilisation };
}
