import { readSecretKey, SecretKeyError, type SecretKeyPlace } from '../core/secret-key.js';
import { isSealed, openKey, sealKey } from './core/sealed-key.js';
import * as store from './supply.store.js';
import type { SupplyContext } from './supply-context.js';
import { supplyDb } from './supply-db.js';

function where(place: SecretKeyPlace): string {
  return place.kind === 'file' ? place.path : '(in memory)';
}

/**
 * Makes ready the key that seals the committees' card-signing keys, at start, and returns it:
 * reads SECRET_KEY_FILE (making it when nothing is sealed yet), refuses a missing, malformed or
 * wrong key with a SecretKeyError naming the file, and seals every private key still stored as
 * PEM (the keys made before migration 0009) in one audited command. Run before anything signs.
 */
export async function prepareSealingKey(ctx: SupplyContext, place: SecretKeyPlace): Promise<Uint8Array> {
  const keys = await store.allKeys(ctx.db);
  const sealed = keys.filter((k) => isSealed(k.private_key_sealed));
  const read = readSecretKey(place, { mayCreate: sealed.length === 0 });
  if (read.status === 'missing') {
    throw new SecretKeyError(
      `SECRET_KEY_FILE ${read.path} does not exist, but ${sealed.length} card-signing key(s) in the database are encrypted with it; restore the file from a backup or set SECRET_KEY_FILE to where it is`,
    );
  }
  if (read.status === 'malformed') {
    throw new SecretKeyError(`SECRET_KEY_FILE ${read.path} must hold 64 hex digits (a 256-bit key)`);
  }
  const kek = read.key;
  const probe = sealed[0];
  if (probe && openKey(kek, probe.id, probe.private_key_sealed) === null) {
    throw new SecretKeyError(
      `SECRET_KEY_FILE ${where(place)} is not the key the card-signing keys in the database were encrypted with; set SECRET_KEY_FILE to the right file`,
    );
  }
  const plain = keys.filter((k) => !isSealed(k.private_key_sealed));
  if (plain.length > 0) {
    await ctx.audit.runCommand({ actor: { kind: 'system', name: 'supply:seal-keys' } }, async (c) => {
      const db = supplyDb(c.trx);
      const done: string[] = [];
      // Only rows still holding the PEM read above: another process starting at once may have sealed them.
      for (const k of plain)
        if (
          await store.updateSealedKey(
            db,
            k.id,
            k.private_key_sealed,
            sealKey(kek, k.id, k.private_key_sealed),
          )
        )
          done.push(k.id);
      if (done.length > 0)
        c.record({
          action: 'supply.keys-sealed',
          subjectType: 'deployment',
          subjectId: 'supply_committee_keys',
          scopeBodyId: null,
          payload: { keys: done },
        });
    });
  }
  return kek;
}
