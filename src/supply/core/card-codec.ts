import type { CardItem, RationCard } from './ration-card.js';
import { CARD_FORMAT_VERSION } from './ration-card.js';

/** Ed25519 signature length in bytes. */
export const SIGNATURE_BYTES = 64;
const MAX_ITEMS = 32;
const MAX_PERIOD = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outcome of decoding a card's signed bytes. */
export type DecodedPayload =
  /** The bytes spell a card. */
  | { readonly status: 'ok'; readonly card: RationCard }
  /** They do not (truncated, trailing bytes, unknown version, bad field); `reason` says where. */
  | { readonly status: 'malformed'; readonly reason: string };

/**
 * The card's binary payload (the bytes that are signed), big-endian, documented in README.md:
 * version u8 · committee uuid 16 · household uuid 16 · period length u8 + ASCII · expiry u32 (Unix
 * seconds) · basket version u16 · item count u8 · items (u16 item, u32 quantity). Pure, no Node APIs,
 * so a browser can run it. Throws TypeError on a card that cannot be encoded (a programmer error).
 */
export const cardCodec = Object.freeze({
  encode(card: RationCard): Uint8Array {
    const period = card.period;
    if (period.length < 1 || period.length > MAX_PERIOD || !/^[\x21-\x7e]+$/.test(period))
      throw new TypeError(
        `period must be 1–${MAX_PERIOD} printable ASCII characters: ${JSON.stringify(period)}`,
      );
    if (card.items.length > MAX_ITEMS) throw new TypeError(`a card holds at most ${MAX_ITEMS} items`);
    const seconds = Math.floor(card.expiresAt.getTime() / 1000);
    if (!(seconds >= 0 && seconds <= 0xffffffff))
      throw new TypeError('expiresAt must lie between 1970 and 2106');
    checkU16(card.basketVersion, 'basketVersion');
    const bytes = new Uint8Array(1 + 16 + 16 + 1 + period.length + 4 + 2 + 1 + 6 * card.items.length);
    const view = new DataView(bytes.buffer);
    let o = 0;
    bytes[o++] = CARD_FORMAT_VERSION;
    writeUuid(bytes, o, card.committeeId, 'committeeId');
    o += 16;
    writeUuid(bytes, o, card.householdId, 'householdId');
    o += 16;
    bytes[o++] = period.length;
    for (let k = 0; k < period.length; k++) bytes[o++] = period.charCodeAt(k);
    view.setUint32(o, seconds);
    o += 4;
    view.setUint16(o, card.basketVersion);
    o += 2;
    bytes[o++] = card.items.length;
    for (const it of card.items) {
      checkU16(it.item, 'item');
      if (!Number.isInteger(it.quantity) || it.quantity < 0 || it.quantity > 0xffffffff)
        throw new TypeError(`quantity must be an integer in 0–4294967295: ${it.quantity}`);
      view.setUint16(o, it.item);
      view.setUint32(o + 2, it.quantity);
      o += 6;
    }
    return bytes;
  },

  decode(bytes: Uint8Array): DecodedPayload {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const bad = (reason: string): DecodedPayload => ({ status: 'malformed', reason });
    if (bytes.length < 1) return bad('empty payload');
    if (bytes[0] !== CARD_FORMAT_VERSION) return bad(`unknown card format version ${bytes[0]}`);
    if (bytes.length < 34) return bad('payload ends inside the identifiers');
    const committeeId = readUuid(bytes, 1);
    const householdId = readUuid(bytes, 17);
    const plen = bytes[33]!;
    if (plen < 1 || plen > MAX_PERIOD) return bad(`period length ${plen} out of range`);
    let o = 34;
    if (bytes.length < o + plen + 7) return bad('payload ends inside the period or expiry');
    let period = '';
    for (let k = 0; k < plen; k++) {
      const c = bytes[o + k]!;
      if (c < 0x21 || c > 0x7e) return bad('period is not printable ASCII');
      period += String.fromCharCode(c);
    }
    o += plen;
    const expiresAt = new Date(view.getUint32(o) * 1000);
    o += 4;
    const basketVersion = view.getUint16(o);
    o += 2;
    const count = bytes[o++]!;
    if (count > MAX_ITEMS) return bad(`${count} items, at most ${MAX_ITEMS}`);
    if (bytes.length !== o + 6 * count)
      return bad(`payload is ${bytes.length} bytes, ${o + 6 * count} expected for ${count} items`);
    const items: CardItem[] = [];
    for (let k = 0; k < count; k++, o += 6)
      items.push({ item: view.getUint16(o), quantity: view.getUint32(o + 2) });
    return { status: 'ok', card: { committeeId, householdId, period, expiresAt, basketVersion, items } };
  },
});

function checkU16(x: number, name: string): void {
  if (!Number.isInteger(x) || x < 0 || x > 0xffff)
    throw new TypeError(`${name} must be an integer in 0–65535: ${x}`);
}

function writeUuid(bytes: Uint8Array, at: number, id: string, name: string): void {
  if (!UUID.test(id)) throw new TypeError(`${name} is not a UUID: ${JSON.stringify(id)}`);
  const hex = id.replace(/-/g, '');
  for (let k = 0; k < 16; k++) bytes[at + k] = Number.parseInt(hex.slice(2 * k, 2 * k + 2), 16);
}

function readUuid(bytes: Uint8Array, at: number): string {
  let hex = '';
  for (let k = 0; k < 16; k++) hex += bytes[at + k]!.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
