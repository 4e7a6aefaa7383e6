import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import { base64url } from './core/base64url.js';
import { generateCommitteeKeys } from './core/committee-keys.js';
import { openKey, sealKey } from './core/sealed-key.js';
import { signCard } from './core/sign-card.js';
import { type CardVerification, verifyCard } from './core/verify-card.js';
import type { EntitlementsService } from './entitlements.service.js';
import { periodOrThrow } from './entitlements.service.js';
import * as store from './supply.store.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyContext } from './supply-context.js';
import { type SupplyDb, supplyDb } from './supply-db.js';
import type { IssuedCard } from './supply-views.js';

const KEY_CACHE_MS = 10_000;

/** A committee's published card key. */
export interface PublicKeyView {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key, base64url. */
  readonly publicKey: string;
  readonly createdAt: string;
  /** Cards signed before retirement still verify with it. */
  readonly retiredAt: string | null;
}

/**
 * Ration cards: each committee's Ed25519 key (made on first use, published), a signed card per
 * household and period, and verification of scanned cards for claims.
 */
export class CardsService {
  /**
   * @param sealingKey the deployment's 32-byte key-encryption key (see key-sealing.ts): private keys
   *   are stored only sealed with it and opened in memory to sign.
   */
  constructor(
    private readonly ctx: SupplyContext,
    private readonly entitlements: EntitlementsService,
    private readonly sealingKey: Uint8Array,
  ) {}

  // Opened private keys by key id: opening and parsing on every card would double its cost.
  private readonly signingKeys = new Map<string, KeyObject>();

  private signingKey(row: SupplyTables['supply_committee_keys']): KeyObject {
    const hit = this.signingKeys.get(row.id);
    if (hit) return hit;
    const pem = openKey(this.sealingKey, row.id, row.private_key_sealed);
    // Checked at start against the same key; failing here means the row was altered since.
    if (pem === null) throw new Error(`card-signing key ${row.id} does not open with the deployment key`);
    const key = createPrivateKey(pem);
    if (this.signingKeys.size >= 1000) this.signingKeys.clear();
    this.signingKeys.set(row.id, key);
    return key;
  }

  private async activeKey(
    c: CommandScope,
    committeeId: string,
  ): Promise<SupplyTables['supply_committee_keys']> {
    const db = supplyDb(c.trx);
    const active = (await store.keysOf(db, committeeId)).find((k) => k.retired_at === null);
    if (active) return active;
    const keys = generateCommitteeKeys();
    const id = newId();
    const row = {
      id,
      committee_id: committeeId,
      public_key: keys.publicKeyText,
      private_key_sealed: sealKey(
        this.sealingKey,
        id,
        keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      ),
      created_at: c.now,
      retired_at: null,
    };
    this.signingKeys.set(id, keys.privateKey);
    await store.insertKey(db, row);
    c.record({
      action: 'supply.key-created',
      subjectType: 'body',
      subjectId: committeeId,
      scopeBodyId: committeeId,
      payload: { keyId: row.id, publicKey: row.public_key },
    });
    return row;
  }

  /**
   * Issues the household's card for a period, signed with its committee's key, with what it is due
   * per good (its allocation where a delivery was confirmed, else its entitlement); the committee's
   * officers may. The card expires at the end of the period.
   */
  async issue(
    principal: Principal,
    householdId: string,
    periodText: string,
    meta?: CommandMeta,
  ): Promise<IssuedCard> {
    const period = periodOrThrow(periodText, 'body.period');
    const household = await store.findHousehold(this.ctx.db, householdId);
    if (!household) throw new AppError('forbidden');
    await this.ctx.councils.assertMay(principal, 'body.manage', household.committee_id);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      const db = supplyDb(c.trx);
      const committeeId = household.committee_id;
      const basket = await this.entitlements.basketOf(db, committeeId);
      const items: IssuedCard['items'] = [];
      for (const good of basket.goods) {
        const quantity = await this.entitlements.dueOf(db, committeeId, householdId, good.id, period);
        if (quantity > 0) items.push({ goodId: good.id, itemNo: good.itemNo, quantity });
      }
      const key = await this.activeKey(c, committeeId);
      const expiresAt = new Date(period.endMs - 1000);
      const token = signCard(
        {
          committeeId,
          householdId,
          period: period.text,
          expiresAt,
          basketVersion: basket.version ?? 0,
          items: items.map((i) => ({ item: i.itemNo, quantity: i.quantity })),
        },
        this.signingKey(key),
      );
      await store.insertCard(db, {
        id: newId(),
        committee_id: committeeId,
        household_id: householdId,
        period: period.text,
        key_id: key.id,
        token,
        issued_at: c.now,
      });
      c.record({
        action: 'supply.card-issued',
        subjectType: 'household',
        subjectId: householdId,
        scopeBodyId: committeeId,
        payload: { period: period.text, keyId: key.id, items },
      });
      return {
        token,
        committeeId,
        householdId,
        period: period.text,
        expiresAt: expiresAt.toISOString(),
        basketVersion: basket.version ?? 0,
        items,
      };
    });
  }

  /** Retires the committee's key and makes a new one; cards already issued keep verifying. Officers may. */
  async rotateKey(principal: Principal, committeeId: string, meta?: CommandMeta): Promise<PublicKeyView> {
    await this.ctx.assertManagesCommittee(principal, committeeId);
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c) => {
      await store.retireKeys(supplyDb(c.trx), committeeId, c.now);
      const key = await this.activeKey(c, committeeId);
      return { keyId: key.id, publicKey: key.public_key, createdAt: key.created_at, retiredAt: null };
    });
  }

  /** The committee's public keys, newest first: published, for offline verification. */
  async publicKeys(committeeId: string): Promise<PublicKeyView[]> {
    return (await store.keysOf(this.ctx.db, committeeId)).map((k) => ({
      keyId: k.id,
      publicKey: k.public_key,
      createdAt: k.created_at,
      retiredAt: k.retired_at,
    }));
  }

  /**
   * Verifies a scanned token for a committee and period against every key the committee has had.
   * A genuine card of another committee is `unknown-key` here: this committee's points do not honour it.
   */
  async verify(
    db: SupplyDb,
    token: string,
    committeeId: string,
    period: string,
    nowMs: number,
  ): Promise<CardVerification> {
    const options = { now: new Date(nowMs), period };
    const check = (keys: readonly Uint8Array[]): CardVerification => {
      if (keys.length === 0) return verifyCard(token, () => null, options);
      let verdict: CardVerification = { status: 'forged', reason: 'the signature does not match the card' };
      // Newest key first; a card signed before a rotation verifies with the key it was signed with.
      for (const key of keys) {
        verdict = verifyCard(token, (id) => (id === committeeId ? key : null), options);
        if (verdict.status !== 'forged') return verdict;
      }
      return verdict;
    };
    const cached = this.keyCache.get(committeeId);
    if (cached && nowMs - cached.readAt < KEY_CACHE_MS && nowMs >= cached.readAt) {
      const verdict = check(cached.keys);
      // A card signed with a key made since the cache was filled: read the keys again.
      if (verdict.status !== 'forged' && verdict.status !== 'unknown-key') return verdict;
    }
    const keys = (await store.keysOf(db, committeeId))
      .map((k) => base64url.decode(k.public_key))
      .filter((k): k is Uint8Array => k !== null);
    if (this.keyCache.size >= 1000) this.keyCache.clear();
    this.keyCache.set(committeeId, { keys, readAt: nowMs });
    return check(keys);
  }

  // Public keys by committee, read at most every KEY_CACHE_MS per committee on the claim path.
  private readonly keyCache = new Map<string, { keys: Uint8Array[]; readAt: number }>();
}
