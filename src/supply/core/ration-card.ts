/** One good on a ration card: its number in the committee's basket and the quantity due. */
export interface CardItem {
  /** Position of the good in the basket version the card was issued under (0–65535). */
  readonly item: number;
  /** Quantity due in the period, in the good's stated unit (integer, 0 – 4,294,967,295). */
  readonly quantity: number;
}

/** What a ration card states: one household of one supply committee, for one period. */
export interface RationCard {
  /** The issuing supply committee (a UUID); its public key verifies the card. */
  readonly committeeId: string;
  /** The household (a UUID). */
  readonly householdId: string;
  /** The period the card is for, 1–15 printable ASCII characters, e.g. "2026-11" or "2026-W47". */
  readonly period: string;
  /** End of validity, UTC; stored to the whole second (milliseconds are dropped). */
  readonly expiresAt: Date;
  /** Version of the basket whose item numbers `items` uses (0–65535). */
  readonly basketVersion: number;
  /** Entitlement summary, at most 32 items. */
  readonly items: readonly CardItem[];
}

/** Layout version written in the first byte of every card. */
export const CARD_FORMAT_VERSION = 1;
