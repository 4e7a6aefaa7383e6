/**
 * Tables of the supply area (migration 0004). Ids are UUIDv7 text; times are ISO-8601 UTC text;
 * quantities are integers of the good's stated unit (`supply_goods.unit`: mL, g, unit); prices are
 * integer centésimos of an escudo per `unit`. Periods are text: a month `2026-11` or an ISO week
 * `2026-W47`.
 *
 * Committee private keys are stored sealed with the deployment's key-encryption key
 * (`SECRET_KEY_FILE`, AES-256-GCM; src/supply/core/sealed-key.ts): reading the database alone does
 * not let anyone sign cards. The process that signs holds both (no separate signer or HSM).
 */
export type SupplyTables = {
  supply_households: {
    id: string;
    /** The supply committee (a body of kind `supply-committee`) the household belongs to now. */
    committee_id: string;
    address: string;
    /** How the household is called at the point, e.g. "Familia Rojas Pérez" (optional; migration 0009). */
    name: string | null;
    registered_at: string;
    updated_at: string;
  };
  /**
   * The household search index (migration 0009): one row per term of a household — each
   * normalised word of its name and address, and `#` + its card code (src/supply/search-terms.ts).
   * Kept by the store with every insert and move; `term` compares in byte order on both dialects.
   */
  supply_household_terms: {
    committee_id: string;
    term: string;
    household_id: string;
  };
  supply_members: {
    id: string;
    household_id: string;
    /** SHA-256 hex of the normalised registry number: a person is in at most one household. */
    identity_hash: string;
    /** `0-4`, `5-14`, `15-64` or `65+`. */
    age_band: string;
    /** Space-separated needs: `child`, `pregnant`, `elderly`, `disability`, `diet` (child and elderly follow the age band). */
    needs: string;
    /** A special diet (e.g. `celiac`), or null. */
    diet: string | null;
  };
  supply_household_moves: {
    id: string;
    household_id: string;
    from_committee_id: string;
    to_committee_id: string;
    from_address: string;
    to_address: string;
    moved_at: string;
  };
  supply_goods: {
    id: string;
    committee_id: string;
    /** Stable code shared across committees and price lists, e.g. `milk`. */
    code: string;
    name: string;
    /** The unit quantities are counted in: `mL`, `g`, `unit`. */
    unit: string;
    /** The good's number on ration cards (0–65535), fixed once given. */
    item_no: number;
    created_at: string;
  };
  supply_rule_versions: {
    id: string;
    committee_id: string;
    /** 1, 2, …: printed on cards as the basket version. */
    version: number;
    /** The motion that adopted this version, when adopted by one. */
    motion_id: string | null;
    adopted_at: string;
  };
  supply_rules: {
    id: string;
    version_id: string;
    good_id: string;
    /** Who it applies to: `everyone`, `child`, `adult`, `elderly`, `pregnant`, `disability`, `diet`. */
    category: string;
    /** Units of the good per person per `per`. */
    quantity: number;
    /** `day` or `week`. */
    per: string;
    /** Allocation priority group: smaller is served first under scarcity. */
    priority: number;
  };
  supply_committee_keys: {
    id: string;
    committee_id: string;
    /** Raw 32-byte Ed25519 public key, base64url. */
    public_key: string;
    /**
     * The PKCS#8 PEM private key sealed with the deployment key: `aes-256-gcm:v1:<iv>:<ct>:<tag>`
     * (column `private_key_pem` before migration 0009; rows from then are sealed at the next start).
     */
    private_key_sealed: string;
    created_at: string;
    retired_at: string | null;
  };
  supply_cards: {
    id: string;
    committee_id: string;
    household_id: string;
    period: string;
    key_id: string;
    token: string;
    issued_at: string;
  };
  supply_deliveries: {
    id: string;
    committee_id: string;
    good_id: string;
    period: string;
    /** Units received. */
    quantity: number;
    /** `recorded` (preview only) or `confirmed` (allocations stored). */
    status: string;
    /** Digest of the last preview's awards; confirmation checks it is still the same split. */
    preview_digest: string | null;
    recorded_at: string;
    confirmed_at: string | null;
  };
  supply_allocations: {
    delivery_id: string;
    household_id: string;
    good_id: string;
    period: string;
    quantity: number;
  };
  supply_points: {
    id: string;
    committee_id: string;
    name: string;
    created_at: string;
  };
  supply_point_stock: {
    point_id: string;
    good_id: string;
    quantity: number;
    updated_at: string;
  };
  supply_claims: {
    id: string;
    committee_id: string;
    household_id: string;
    good_id: string;
    period: string;
    quantity: number;
    point_id: string;
    /** Chosen by the distribution point for each handover; a retry with it is the same claim. */
    idempotency_key: string;
    /** `online` or `offline` (arrived by sync). */
    source: string;
    /** When the goods were handed over (the device's time for offline claims). */
    claimed_at: string;
    recorded_at: string;
  };
  supply_claim_flags: {
    id: string;
    committee_id: string;
    household_id: string | null;
    good_id: string | null;
    period: string;
    quantity: number;
    point_id: string;
    idempotency_key: string;
    /** `double-claim`, `beyond-entitlement`, `card-refused`, `unknown-household`, `unknown-good`. */
    reason: string;
    detail: string;
    /** The claim recorded first, for a double claim. */
    first_claim_id: string | null;
    claimed_at: string;
    synced_at: string;
    /** `open` or `reviewed`. */
    status: string;
    notes: string | null;
  };
  supply_prices: {
    id: string;
    /** The body whose area the price holds in (a regional council, a cordón or a committee). */
    region_id: string;
    good_code: string;
    unit: string;
    price_centesimos: number;
    motion_id: string | null;
    adopted_at: string;
  };
  supply_price_reports: {
    id: string;
    committee_id: string;
    /** `overprice` or `hoarding`. */
    kind: string;
    good_code: string;
    place: string;
    price_centesimos: number | null;
    description: string;
    /** Null for anonymous reports. */
    reporter_person_id: string | null;
    /** `open`, `checked` or `resolved`. */
    status: string;
    notes: string;
    reported_at: string;
    updated_at: string;
  };
  /**
   * The photo of a price report (migration 0009), at most one: JPEG, PNG or WebP up to 2 MB, as
   * checked by its first bytes; JPEG photos are stored without their APP1 (EXIF/XMP) segments.
   */
  supply_report_photos: {
    report_id: string;
    /** `image/jpeg`, `image/png` or `image/webp`, from the magic bytes (never from the client). */
    content_type: string;
    byte_size: number;
    bytes: Buffer;
    stored_at: string;
  };
};
