// The supply API's views (basket, households, deliveries and their split, distribution points,
// flagged claims, cards, price reports), as the services return them and the web app reads them
// (type-only imports from web/src/supply: nothing here imports runtime code).

/** A good of a committee's basket. */
export interface GoodView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** The unit quantities are counted in: `mL`, `g`, `unit`. */
  readonly unit: string;
  /** Its number on ration cards. */
  readonly itemNo: number;
}

/** A rule as given and shown. */
export interface RuleView {
  readonly goodId: string;
  readonly category: string;
  readonly quantity: number;
  readonly per: 'day' | 'week';
  readonly priority: number;
}

/** A committee's basket: its goods and the rules in force. */
export interface BasketView {
  readonly goods: GoodView[];
  /** The version in force (printed on cards), or null before any rules were adopted. */
  readonly version: number | null;
  readonly motionId: string | null;
  readonly adoptedAt: string | null;
  readonly rules: RuleView[];
}

/** A household as the committee sees it (registry hashes are never shown). */
export interface HouseholdView {
  readonly id: string;
  readonly committeeId: string;
  readonly address: string;
  readonly name: string | null;
  /** The code printed under the card's QR code (last 8 hex digits of the id). */
  readonly cardCode: string;
  readonly registeredAt: string;
  readonly members: { id: string; ageBand: string; needs: string[]; diet: string | null }[];
}

/** A delivery as the committee sees it. */
export interface DeliveryView {
  readonly id: string;
  readonly committeeId: string;
  readonly goodId: string;
  readonly period: string;
  readonly quantity: number;
  /** `recorded` (preview only) or `confirmed` (allocations stored). */
  readonly status: string;
  readonly recordedAt: string;
  readonly confirmedAt: string | null;
}

/** A preview of a delivery's split, to be confirmed with its digest. */
export interface AllocationPreview {
  readonly deliveryId: string;
  /** Units still due over all households, units handed out and units left over. */
  readonly due: number;
  readonly total: number;
  readonly surplus: number;
  readonly groups: { group: number; claims: number; due: number; awarded: number }[];
  /** Send back to confirm; a different split (households changed meanwhile) is refused. */
  readonly digest: string;
  /** Households due something, in id order: units still due and units awarded. */
  readonly awards: { householdId: string; due: number; award: number }[];
}

/** A flagged offline claim, as shown to the committee. */
export interface FlagView {
  readonly id: string;
  readonly reason: string;
  readonly detail: string;
  readonly householdId: string | null;
  readonly goodId: string | null;
  readonly period: string;
  readonly quantity: number;
  readonly pointId: string;
  readonly key: string;
  readonly firstClaimId: string | null;
  readonly claimedAt: string;
  readonly syncedAt: string;
  readonly status: string;
}

/** A distribution point with its stock. */
export interface PointView {
  readonly id: string;
  readonly committeeId: string;
  readonly name: string;
  readonly stock: { goodId: string; quantity: number }[];
}

/** An issued card: the token for the QR code and what it says. */
export interface IssuedCard {
  readonly token: string;
  readonly committeeId: string;
  readonly householdId: string;
  readonly period: string;
  readonly expiresAt: string;
  readonly basketVersion: number;
  /** Goods on the card with quantities in their units. */
  readonly items: { goodId: string; itemNo: number; quantity: number }[];
}

/** A resident's report of an over-official price or of hoarding. */
export interface PriceReportView {
  readonly id: string;
  readonly committeeId: string;
  readonly kind: 'overprice' | 'hoarding';
  readonly goodCode: string;
  readonly place: string;
  readonly priceCentesimos: number | null;
  readonly description: string;
  /** `open` → `checked` → `resolved`. */
  readonly status: string;
  readonly notes: string;
  readonly reportedAt: string;
  readonly updatedAt: string;
  /** The photo sent with the report (`GET /api/supply/price-reports/:id/photo`), metadata removed. */
  readonly photo: { readonly contentType: string; readonly byteSize: number } | null;
}

/** What a household is due in a period and what it already received, per good of the basket. */
export interface HouseholdDue {
  readonly householdId: string;
  readonly committeeId: string;
  readonly period: string;
  readonly goods: readonly {
    goodId: string;
    /** Units due in the period (its allocation where a delivery was confirmed). */
    quantity: number;
    /** The claim already recorded for it, if any. */
    claimed: { quantity: number; claimedAt: string } | null;
  }[];
}
