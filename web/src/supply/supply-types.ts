/** A good of a committee's basket (`GET /api/supply/committees/:id/basket`). */
export interface Good {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** `mL`, `g` or `unit`. */
  readonly unit: string;
  /** Its number on ration cards. */
  readonly itemNo: number;
}

/** A committee's basket and the rules in force. */
export interface Basket {
  readonly goods: readonly Good[];
  readonly version: number | null;
  readonly adoptedAt: string | null;
  readonly rules: readonly {
    goodId: string;
    category: string;
    quantity: number;
    per: 'day' | 'week';
    priority: number;
  }[];
}

/** A registered household (officers only). */
export interface Household {
  readonly id: string;
  readonly address: string;
  /** How the household is called, e.g. "Familia Rojas Pérez" (optional). */
  readonly name: string | null;
  /** Printed under the card's QR code; the point's search finds the household by it. */
  readonly cardCode: string;
  readonly members: readonly { id: string; ageBand: string; needs: readonly string[]; diet: string | null }[];
}

/** A delivery of one good for one period. */
export interface Delivery {
  readonly id: string;
  readonly goodId: string;
  readonly period: string;
  readonly quantity: number;
  /** `recorded` (preview only) or `confirmed`. */
  readonly status: string;
  readonly recordedAt: string;
}

/** The split of a delivery shown before it is confirmed. */
export interface AllocationPreview {
  readonly deliveryId: string;
  readonly due: number;
  readonly total: number;
  readonly surplus: number;
  readonly groups: readonly { group: number; claims: number; due: number; awarded: number }[];
  readonly digest: string;
  readonly awards: readonly { householdId: string; due: number; award: number }[];
}

/** A distribution point with its stock in each good's unit. */
export interface Point {
  readonly id: string;
  readonly committeeId: string;
  readonly name: string;
  readonly stock: readonly { goodId: string; quantity: number }[];
}

/** A signed ration card as issued. */
export interface IssuedCard {
  readonly token: string;
  readonly householdId: string;
  readonly period: string;
  readonly expiresAt: string;
  readonly items: readonly { goodId: string; itemNo: number; quantity: number }[];
}

/** A resident's price or hoarding report on the committee's board. */
export interface PriceReport {
  readonly id: string;
  readonly kind: 'overprice' | 'hoarding';
  readonly goodCode: string;
  readonly place: string;
  readonly priceCentesimos: number | null;
  readonly description: string;
  /** `open` → `checked` → `resolved`. */
  readonly status: string;
  readonly notes: string;
  readonly reportedAt: string;
  /** The photo sent with it (metadata removed), if any. */
  readonly photo: { readonly contentType: string; readonly byteSize: number } | null;
}

/** An offline claim kept and flagged at sync. */
export interface ClaimFlag {
  readonly id: string;
  readonly reason: string;
  readonly detail: string;
  readonly householdId: string | null;
  readonly quantity: number;
  readonly claimedAt: string;
  readonly status: string;
}

/** The period being distributed by default: this month, `YYYY-MM` (UTC). */
export function currentPeriod(now: Date = new Date()): string {
  return now.toISOString().slice(0, 7);
}
