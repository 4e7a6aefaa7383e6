import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupplyCommittees } from '../../test/factories.js';
import { CliError } from '../cli/cli-error.js';
import { openDeployment } from '../cli/open-deployment.js';
import { ManualClock } from '../core/clock.js';
import { defaultConfig } from '../core/config.js';
import { SecretKeyError } from '../core/secret-key.js';
import { describeEachDialect } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { openKey, SEALED_PREFIX, sealKey } from './core/sealed-key.js';
import { supplyDb } from './supply-db.js';

describe('sealed card-signing keys', () => {
  const kek = new Uint8Array(32).fill(7);
  it('open only with the same key and the same key id, and not when altered', () => {
    const sealed = sealKey(kek, 'key-1', '-----BEGIN PRIVATE KEY-----\nabc\n');
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(openKey(kek, 'key-1', sealed)).toBe('-----BEGIN PRIVATE KEY-----\nabc\n');
    expect(openKey(new Uint8Array(32).fill(8), 'key-1', sealed)).toBeNull();
    expect(openKey(kek, 'key-2', sealed)).toBeNull();
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    expect(openKey(kek, 'key-1', flipped)).toBeNull();
    expect(openKey(kek, 'key-1', 'garbage')).toBeNull();
    // A fresh IV each time: the same key sealed twice differs.
    expect(sealKey(kek, 'key-1', 'x')).not.toBe(sealKey(kek, 'key-1', 'x'));
  });
});

describe('a deployment on a SQLite file', () => {
  it('makes secret.key beside the database on first start and refuses to start without it later', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'cordones-deploy-'));
    try {
      const config = defaultConfig({
        logLevel: 'silent',
        demo: false,
        database: { kind: 'sqlite', path: join(dir, 'cordones.db') },
      });
      const first = await openDeployment(config);
      expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      const { chairA, committeeA } = await createSupplyCommittees(first);
      await first.supply.cards.rotateKey(chairA, committeeA);
      await first.database.close();
      rmSync(join(dir, 'secret.key'));
      const refused = openDeployment(config);
      await expect(refused).rejects.toThrow(CliError);
      await expect(openDeployment(config)).rejects.toThrow(
        /^cannot start: SECRET_KEY_FILE .*secret\.key does not exist, but 1 card-signing key/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDialect('card-signing keys at rest', (database) => {
  let dir = '';
  let file = '';
  const start = (path = file) =>
    createServices(
      database(),
      defaultConfig({ logLevel: 'silent', demo: false, secretKeyFile: path }),
      new ManualClock(Date.parse('1972-10-11T08:00:00Z')),
    );
  let services: Services;
  let committees: Awaited<ReturnType<typeof createSupplyCommittees>>;
  let householdId = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(os.tmpdir(), 'cordones-kek-'));
    file = join(dir, 'secret.key');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stored = async () =>
    supplyDb(database().db)
      .selectFrom('supply_committee_keys')
      .select(['id', 'private_key_sealed'])
      .execute();
  const issue = async (s: Services) => s.supply.cards.issue(committees.chairA, householdId, '1972-10');

  it('makes the key file on first start and stores private keys only sealed', async () => {
    services = await start();
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    committees = await createSupplyCommittees(services);
    const registered = await services.supply.households.register(committees.chairA, committees.committeeA, {
      address: 'Pasaje 7',
      members: [{ registryNumber: '9.111.111-1', ageBand: '15-64' }],
    });
    if (registered.status !== 'registered') throw new Error('not registered');
    householdId = registered.householdId;
    const card = await issue(services);
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.private_key_sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(rows[0]!.private_key_sealed).not.toContain('PRIVATE KEY');
    const verdict = await services.supply.cards.verify(
      supplyDb(database().db),
      card.token,
      committees.committeeA,
      '1972-10',
      Date.parse('1972-10-12T00:00:00Z'),
    );
    expect(verdict.status).toBe('valid');
  });

  it('signs again after a restart with the same key file', async () => {
    const again = await start();
    const card = await issue(again);
    const verdict = await again.supply.cards.verify(
      supplyDb(database().db),
      card.token,
      committees.committeeA,
      '1972-10',
      Date.parse('1972-10-12T00:00:00Z'),
    );
    expect(verdict.status).toBe('valid');
  });

  it('refuses to start when the key file is missing, malformed or another key', async () => {
    const missing = join(dir, 'nowhere.key');
    await expect(start(missing)).rejects.toThrow(SecretKeyError);
    await expect(start(missing)).rejects.toThrow(/nowhere\.key does not exist, but 1 card-signing key/);
    // Refusing must not have made the file: the next start would otherwise take a wrong key.
    expect(() => statSync(missing)).toThrow();
    const malformed = join(dir, 'malformed.key');
    writeFileSync(malformed, 'not a key\n');
    await expect(start(malformed)).rejects.toThrow(/must hold 64 hex digits/);
    const other = join(dir, 'other.key');
    writeFileSync(other, `${'ab'.repeat(32)}\n`);
    await expect(start(other)).rejects.toThrow(/is not the key the card-signing keys .* were encrypted with/);
  });

  it('seals keys stored in clear before migration 0009 at the next start, and audits it', async () => {
    const kek = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    const [row] = await stored();
    const pem = openKey(kek, row!.id, row!.private_key_sealed)!;
    expect(pem).toContain('BEGIN PRIVATE KEY');
    // As 0009 leaves a key made before it: the PEM in the renamed column.
    await supplyDb(database().db)
      .updateTable('supply_committee_keys')
      .set({ private_key_sealed: pem })
      .where('id', '=', row!.id)
      .execute();
    const restarted = await start();
    const [after] = await stored();
    expect(after!.private_key_sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(openKey(kek, row!.id, after!.private_key_sealed)).toBe(pem);
    const events = await database()
      .db.selectFrom('audit_events')
      .select(['action', 'payload'])
      .where('action', '=', 'supply.keys-sealed')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.payload)).toContain(row!.id);
    const card = await issue(restarted);
    expect(card.token.length).toBeGreaterThan(0);
  });
});
