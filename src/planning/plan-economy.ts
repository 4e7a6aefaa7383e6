import type { PlanPeriod } from './plan-period.js';

/** A workplace's register entries the plan is assembled from (production's views). */
export interface WorkplaceRegister {
  readonly workplaceId: string;
  /** Capacities by product and period label (`YYYY-MM` months are read; weeks are not). */
  readonly capacities: readonly { productId: string; period: string; quantity: number }[];
  /** Techniques: labour in milli-hours and inputs in thousandths of the input's unit, per unit. */
  readonly techniques: readonly {
    productId: string;
    labourMilliHours: number;
    inputs: readonly { productId: string; quantityMilli: number }[];
  }[];
}

/** The numeric economy of a plan period, products indexed in the order of `productIds`. */
export interface PlanEconomy {
  readonly productIds: readonly string[];
  /** Triplets of A: entry (row, col) = units of product `row` used per unit of product `col`. */
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
  /** Hours of labour per unit of each product (output-weighted mean of the techniques). */
  readonly labour: Float64Array;
  /** Units per period; `Infinity` where no workplace registers a capacity (made outside the register). */
  readonly capacity: Float64Array;
  /** Which products have no technique recorded anywhere (no inputs, no labour known). */
  readonly withoutTechnique: readonly string[];
  /** Each workplace's capacity for each product it makes in the period (units per period). */
  readonly makers: readonly {
    workplaceId: string;
    product: number;
    capacity: number;
    labourPerUnit: number;
  }[];
}

/**
 * A workplace's capacity of a product for a plan period: the sum over the period's months of its
 * monthly capacity, a month without its own record taking the nearest recorded month's (the
 * latest before it, else the earliest after) — capacities persist until changed.
 */
export function periodCapacity(
  records: readonly { period: string; quantity: number }[],
  period: PlanPeriod,
): number {
  const months = records
    .filter((r) => /^\d{4}-\d{2}$/.test(r.period))
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  if (months.length === 0) return 0;
  let total = 0;
  for (const m of period.months) {
    let pick = months[0]!;
    for (const r of months) if (r.period <= m) pick = r;
    total += pick.quantity;
  }
  return total;
}

/**
 * Assembles A, labour and capacities from the workplaces' register for a period. Column j of A
 * is the mean of the techniques of the workplaces that make j, weighted by their output: what
 * they reported making of j (`reportedOutput`, keyed `workplaceId/productId`, e.g. the 90 days
 * before the period) where they reported any, else their capacity for the period (their expected
 * output). Labour per unit likewise, converted from milli-hours to hours; inputs from thousandths
 * to units.
 *
 * @example const economy = planEconomy(productIds, registers, parsePlanPeriod('1972-Q4')!);
 */
export function planEconomy(
  productIds: readonly string[],
  registers: readonly WorkplaceRegister[],
  period: PlanPeriod,
  reportedOutput: ReadonlyMap<string, number> = new Map(),
): PlanEconomy {
  const n = productIds.length;
  const index = new Map(productIds.map((id, i) => [id, i]));
  const capacity = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const registered = new Uint8Array(n);
  const makers: { workplaceId: string; product: number; capacity: number; labourPerUnit: number }[] = [];
  // per product: Σ weight, and Σ weight·coefficient per input, Σ weight·labour
  const weightSum = new Float64Array(n);
  const labourSum = new Float64Array(n);
  const inputSums: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const w of registers) {
    const byProduct = new Map<string, { period: string; quantity: number }[]>();
    for (const c of w.capacities) {
      const list = byProduct.get(c.productId) ?? [];
      list.push(c);
      byProduct.set(c.productId, list);
    }
    const capOf = new Map<string, number>();
    for (const [productId, records] of byProduct) {
      const j = index.get(productId);
      if (j === undefined) continue;
      const cap = periodCapacity(records, period);
      capOf.set(productId, cap);
      if (registered[j] === 0) {
        registered[j] = 1;
        capacity[j] = 0;
      }
      capacity[j]! += cap;
    }
    const labourOf = new Map(w.techniques.map((t) => [t.productId, t.labourMilliHours / 1000]));
    for (const [productId, cap] of capOf)
      makers.push({
        workplaceId: w.workplaceId,
        product: index.get(productId)!,
        capacity: cap,
        labourPerUnit: labourOf.get(productId) ?? 0,
      });
    for (const t of w.techniques) {
      const j = index.get(t.productId);
      if (j === undefined) continue;
      // weight by reported output, else the period's capacity; a technique with neither still
      // counts, lightly (it is the only one known for its product, or it barely moves the mean)
      const reported = reportedOutput.get(`${w.workplaceId}/${t.productId}`) ?? 0;
      const weight = reported > 0 ? reported : Math.max(capOf.get(t.productId) ?? 0, 1e-9);
      weightSum[j]! += weight;
      labourSum[j]! += weight * (t.labourMilliHours / 1000);
      const sums = inputSums[j]!;
      for (const input of t.inputs) {
        const i = index.get(input.productId);
        if (i === undefined || i === j) continue;
        sums.set(i, (sums.get(i) ?? 0) + weight * (input.quantityMilli / 1000));
      }
    }
  }
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  const labour = new Float64Array(n);
  const withoutTechnique: string[] = [];
  for (let j = 0; j < n; j++) {
    const total = weightSum[j]!;
    if (total === 0) {
      withoutTechnique.push(productIds[j]!);
      continue;
    }
    labour[j] = labourSum[j]! / total;
    for (const [i, s] of [...inputSums[j]!.entries()].sort((a, b) => a[0] - b[0])) {
      rows.push(i);
      cols.push(j);
      values.push(s / total);
    }
  }
  return {
    productIds,
    rows: Int32Array.from(rows),
    cols: Int32Array.from(cols),
    values: Float64Array.from(values),
    labour,
    capacity,
    withoutTechnique,
    makers,
  };
}
