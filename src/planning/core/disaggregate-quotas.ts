/** A workplace's stake in one product: what it can make and at what labour cost. */
export interface WorkplaceTechnique {
  /** Zero-based product. */
  readonly product: number;
  /** Capacity in whole units of the product per period (a fractional part is never quota'd). */
  readonly capacity: number;
  /** Hours of labour per unit with this workplace's technique (needed for 'least-labour'). */
  readonly labourPerUnit?: number;
}

/** How a product's output is split between the workplaces that make it. */
export type QuotaMode =
  /** Quotas proportional to capacity: every workplace runs at the same utilisation. */
  | 'proportional'
  /** Workplaces with the least labour per unit are filled to capacity first (ties share by capacity). */
  | 'least-labour';

/** Outcome of {@link disaggregateQuotas}. */
export type QuotaResult =
  /**
   * `quotas[w]` is workplace w's quota in whole units of its product per period (an integer ≤ its
   * capacity); for each product the quotas sum exactly to `totals[p]` = ⌈x_p⌉ (x_p rounded up
   * to whole units, ignoring solver noise below 1e-9 relative).
   */
  | { status: 'ok'; quotas: Float64Array; totals: Float64Array }
  /** The workplaces of `product` together cannot make its output. */
  | { status: 'over-capacity'; product: number; required: number; capacity: number }
  /** A workplace entry is unusable; `index` is its zero-based position. */
  | { status: 'invalid-input'; index: number; message: string };

/**
 * Splits each product's gross output x_p (units per period) into integer quotas for the
 * workplaces that make it, within their capacities, summing exactly to the rounded-up output.
 * Fractional shares are rounded by the largest-remainder (Hamilton) method, ties to the earlier
 * workplace, so the result is deterministic.
 *
 * @example
 * disaggregateQuotas(Float64Array.of(10), [{ product: 0, capacity: 6 }, { product: 0, capacity: 9 }])
 * // → quotas [4, 6], totals [10]
 */
export function disaggregateQuotas(
  outputs: Float64Array,
  workplaces: readonly WorkplaceTechnique[],
  mode: QuotaMode = 'proportional',
): QuotaResult {
  const n = outputs.length;
  const m = workplaces.length;
  const cap = new Float64Array(m);
  for (let w = 0; w < m; w++) {
    const wp = workplaces[w]!;
    if (!Number.isInteger(wp.product) || wp.product < 0 || wp.product >= n) {
      return {
        status: 'invalid-input',
        index: w,
        message: `workplace ${w}: product ${wp.product} is not one of the ${n} products`,
      };
    }
    if (!(wp.capacity >= 0)) {
      return {
        status: 'invalid-input',
        index: w,
        message: `workplace ${w}: capacity ${wp.capacity} is not a number ≥ 0`,
      };
    }
    if (mode === 'least-labour' && !(wp.labourPerUnit !== undefined && wp.labourPerUnit >= 0)) {
      return {
        status: 'invalid-input',
        index: w,
        message: `workplace ${w}: least-labour quotas need labourPerUnit ≥ 0`,
      };
    }
    cap[w] = Math.floor(wp.capacity);
  }
  // workplaces grouped by product, in input order
  const start = new Int32Array(n + 1);
  for (const wp of workplaces) start[wp.product + 1]!++;
  for (let p = 0; p < n; p++) start[p + 1]! += start[p]!;
  const byProduct = new Int32Array(m);
  const fill = start.slice(0, n);
  for (let w = 0; w < m; w++) byProduct[fill[workplaces[w]!.product]!++] = w;

  const quotas = new Float64Array(m);
  const totals = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const x = outputs[p]!;
    if (!(x >= 0) || x === Infinity) {
      return {
        status: 'invalid-input',
        index: -1,
        message: `output of product ${p + 1} is ${x}, not a finite number ≥ 0`,
      };
    }
    const total = Math.max(0, Math.ceil(x - 1e-9 * Math.max(1, x)));
    totals[p] = total;
    if (total === 0) continue;
    const group = Array.from(byProduct.subarray(start[p]!, start[p + 1]!));
    let capacity = 0;
    for (const w of group) capacity += cap[w]!;
    if (capacity < total) return { status: 'over-capacity', product: p, required: total, capacity };
    if (mode === 'proportional') {
      splitByCapacity(total, group, cap, quotas);
      continue;
    }
    // least labour: tiers of equal labour per unit, cheapest first (stable: input order within a tier)
    group.sort((u, v) => workplaces[u]!.labourPerUnit! - workplaces[v]!.labourPerUnit! || u - v);
    let remaining = total;
    for (let lo = 0; lo < group.length && remaining > 0; ) {
      let hi = lo + 1;
      const cost = workplaces[group[lo]!]!.labourPerUnit!;
      while (hi < group.length && workplaces[group[hi]!]!.labourPerUnit === cost) hi++;
      const tier = group.slice(lo, hi);
      let tierCap = 0;
      for (const w of tier) tierCap += cap[w]!;
      if (tierCap <= remaining) {
        for (const w of tier) quotas[w] = cap[w]!;
        remaining -= tierCap;
      } else {
        splitByCapacity(remaining, tier, cap, quotas);
        remaining = 0;
      }
      lo = hi;
    }
  }
  return { status: 'ok', quotas, totals };
}

// Integer split of `total` (≤ Σ cap) in proportion to cap: floors first, then one unit each to
// the largest remainders. A workplace with a remainder > 0 has floor(share) < cap, so it has room.
function splitByCapacity(total: number, group: number[], cap: Float64Array, quotas: Float64Array): void {
  let sum = 0;
  for (const w of group) sum += cap[w]!;
  if (sum === 0) return;
  let given = 0;
  const rema: { w: number; r: number }[] = [];
  for (const w of group) {
    const share = (total * cap[w]!) / sum;
    const q = Math.min(cap[w]!, Math.floor(share));
    quotas[w] = q;
    given += q;
    rema.push({ w, r: share - q });
  }
  rema.sort((u, v) => v.r - u.r || u.w - v.w);
  let left = total - given;
  // rounding in `share` can leave a unit for a workplace whose remainder reads 0: loop until placed
  for (let k = 0; left > 0; k = (k + 1) % rema.length) {
    const w = rema[k]!.w;
    if (quotas[w]! < cap[w]!) {
      quotas[w]! += 1;
      left--;
    }
  }
}
