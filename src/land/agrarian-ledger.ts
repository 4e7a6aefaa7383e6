import type { ParcelStatus } from './parcel-transitions.js';

/** A parcel as the ledger needs it. */
export interface LedgerParcel {
  readonly id: string;
  readonly region: string;
  readonly landClass: string;
  /** Ares (0.01 ha). */
  readonly areaAres: number;
}

/** One status of one parcel from a date on. */
export interface LedgerStatus {
  readonly parcelId: string;
  readonly status: ParcelStatus;
  /** YYYY-MM-DD */
  readonly since: string;
}

/** Hectares of one status, region and land class on one date. */
export interface LedgerRow {
  readonly date: string;
  readonly status: ParcelStatus;
  readonly region: string;
  readonly landClass: string;
  /** Hectares, exact to 0.01 (summed in ares). */
  readonly hectares: number;
  readonly parcels: number;
}

/**
 * The agrarian-reform ledger: on each date, the land in each status by region and land class,
 * read from the status history (the last status whose `since` is on or before the date; a
 * parcel is not counted before its first status). Rows are ordered by date, status (in reform
 * order), region and class; empty combinations are left out.
 *
 * @example agrarianLedger([{ id: 'p', region: 'Maule', landClass: 'dry', areaAres: 25000 }], [{ parcelId: 'p', status: 'occupied', since: '1971-03-01' }], ['1971-12-31'])
 * // [{ date: '1971-12-31', status: 'occupied', region: 'Maule', landClass: 'dry', hectares: 250, parcels: 1 }]
 */
export function agrarianLedger(
  parcels: readonly LedgerParcel[],
  history: readonly LedgerStatus[],
  dates: readonly string[],
): LedgerRow[] {
  const byParcel = new Map<string, LedgerStatus[]>();
  for (const h of history) {
    const list = byParcel.get(h.parcelId);
    if (list) list.push(h);
    else byParcel.set(h.parcelId, [h]);
  }
  for (const list of byParcel.values())
    list.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  const sums = new Map<
    string,
    { row: Omit<LedgerRow, 'hectares' | 'parcels'>; ares: number; parcels: number }
  >();
  // a date asked twice is read once (else its parcels would be counted twice)
  const sortedDates = [...new Set(dates)].sort();
  for (const p of parcels) {
    const list = byParcel.get(p.id);
    if (!list) continue;
    let k = -1;
    for (const date of sortedDates) {
      // dates ascend, so the index of the status in force only moves forward
      while (k + 1 < list.length && list[k + 1]!.since <= date) k++;
      if (k < 0) continue;
      const status = list[k]!.status;
      const key = `${date}\u0000${status}\u0000${p.region}\u0000${p.landClass}`;
      const entry = sums.get(key);
      if (entry) {
        entry.ares += p.areaAres;
        entry.parcels += 1;
      } else
        sums.set(key, {
          row: { date, status, region: p.region, landClass: p.landClass },
          ares: p.areaAres,
          parcels: 1,
        });
    }
  }
  const order = ['private', 'occupied', 'expropriated', 'assigned', 'returned'];
  return [...sums.values()]
    .map((e) => ({ ...e.row, hectares: e.ares / 100, parcels: e.parcels }))
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        order.indexOf(a.status) - order.indexOf(b.status) ||
        a.region.localeCompare(b.region) ||
        a.landClass.localeCompare(b.landClass),
    );
}

/**
 * Dates for the ledger: the last day of every year (or month) from `from` to `to`, both
 * YYYY-MM-DD, plus `to` itself when it is not such a day.
 *
 * @example ledgerDates('1970-06-01', '1972-03-15', 'year') // ['1970-12-31', '1971-12-31', '1972-03-15']
 */
export function ledgerDates(from: string, to: string, step: 'year' | 'month'): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = step === 'year' ? 12 : Number(from.slice(5, 7));
  for (;;) {
    // day 0 of the next month is the last day of month m
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end >= to) break;
    out.push(end);
    if (step === 'year') y++;
    else if (m === 12) {
      y++;
      m = 1;
    } else m++;
  }
  out.push(to);
  return out;
}
