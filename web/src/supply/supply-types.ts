// The supply API's views are the server's own (`src/supply/supply-views.ts`), under the names the
// pages use.
export type {
  AllocationPreview,
  BasketView as Basket,
  DeliveryView as Delivery,
  FlagView as ClaimFlag,
  GoodView as Good,
  HouseholdView as Household,
  IssuedCard,
  PointView as Point,
  PriceReportView as PriceReport,
} from '../../../src/supply/supply-views.js';

/** The period being distributed by default: this month, `YYYY-MM` (UTC). */
export function currentPeriod(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}
