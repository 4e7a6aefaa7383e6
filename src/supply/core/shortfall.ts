/** What a committee holds and owes of one good in a period, in the good's own unit (mL, g, unit). */
export interface GoodPosition {
  readonly goodId: string;
  /** Units due to all households in the period under the rules in force (≥ 0). */
  readonly due: number;
  /** Units already handed over in the period (≥ 0). */
  readonly claimed: number;
  /** Units at the committee's points now; negative only after offline doubles synced late. */
  readonly onHand: number;
  /** Units of open resupply requests for the period, not delivered yet (≥ 0). */
  readonly inTransit: number;
}

/** A good the committee is short of, with the figures that make the shortfall. */
export interface ShortfallLine extends GoodPosition {
  /** Units to request: max(0, due − claimed − max(0, onHand) − inTransit), an integer. */
  readonly short: number;
}

/**
 * The shortfall per good: what households are still owed in the period, less what the points hold
 * and what is already on its way. A good with nothing short is kept (short = 0) so the committee
 * sees every good's position; order is the input's.
 *
 * Invariant: `short` is a non-negative integer and `max(0, onHand) + inTransit + short ≥ due − claimed`.
 *
 * @example shortfall([{ goodId: 'milk', due: 9000, claimed: 2000, onHand: 3000, inTransit: 1000 }])[0].short // → 3000
 */
export function shortfall(positions: readonly GoodPosition[]): ShortfallLine[] {
  return positions.map((p) => {
    const stillOwed = Math.max(0, p.due - p.claimed);
    // Stock below zero records goods that already left (offline doubles): nothing is physically
    // there, but it does not add to what households are owed either.
    const short = Math.max(0, Math.ceil(stillOwed - Math.max(0, p.onHand) - p.inTransit));
    return { ...p, short };
  });
}

/** Kilograms a unit of each counting unit weighs, for a truck's load: water-like liquids, and 1 kg per item. */
const KG_PER_UNIT: Readonly<Record<string, number>> = Object.freeze({ g: 0.001, mL: 0.001, unit: 1 });

/**
 * The weight of the goods lines in whole kilograms (at least 1), for a shipment request. Liquids
 * are counted at 1 kg per litre and goods counted in items at 1 kg per item — an upper bound for the
 * basket's items (a tin, a packet), so trucks are not overloaded by the estimate.
 *
 * @example loadKg([{ unit: 'mL', quantity: 3000 }, { unit: 'g', quantity: 500 }]) // → 4
 */
export function loadKg(lines: readonly { unit: string; quantity: number }[]): number {
  let kg = 0;
  for (const l of lines) kg += l.quantity * (KG_PER_UNIT[l.unit] ?? 1);
  return Math.max(1, Math.ceil(kg));
}
