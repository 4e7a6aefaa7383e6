import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.js';

/** Bytes of the key-encryption key (AES-256). */
export const SECRET_KEY_BYTES = 32;

/** Where the deployment's key-encryption key lives, or `memory` for a database that is not kept. */
export type SecretKeyPlace = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'memory' };

/**
 * Where `SECRET_KEY_FILE` points: the file it names, else `secret.key` beside the SQLite database
 * file, else (PostgreSQL) `./data/secret.key`. An in-memory SQLite database keeps nothing, so its
 * key is kept in memory too.
 *
 * @example secretKeyPlace(config) // { kind: 'file', path: 'data/secret.key' }
 */
export function secretKeyPlace(config: Config): SecretKeyPlace {
  if (config.secretKeyFile !== '') return { kind: 'file', path: config.secretKeyFile };
  if (config.database.kind === 'sqlite') {
    if (config.database.path === ':memory:') return { kind: 'memory' };
    return { kind: 'file', path: join(dirname(config.database.path), 'secret.key') };
  }
  return { kind: 'file', path: join('data', 'secret.key') };
}

/** The outcome of reading the key-encryption key. */
export type SecretKeyRead =
  /** Read (or made now: `created`). */
  | { readonly status: 'ok'; readonly key: Buffer; readonly created: boolean }
  /** No file, and making one was not allowed (something is already sealed with the lost key). */
  | { readonly status: 'missing'; readonly path: string }
  /** The file is not 64 hex digits. */
  | { readonly status: 'malformed'; readonly path: string };

/**
 * Reads the key-encryption key: a file of 64 hex digits (a trailing newline allowed). When the
 * file does not exist and `mayCreate`, a random key is written there first (mode 0600, created
 * atomically so two processes starting at once end up with the same key).
 */
export function readSecretKey(place: SecretKeyPlace, options: { mayCreate: boolean }): SecretKeyRead {
  if (place.kind === 'memory') return { status: 'ok', key: memoryKey, created: false };
  const { path } = place;
  let created = false;
  if (!existsSync(path)) {
    if (!options.mayCreate) return { status: 'missing', path };
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, `${randomBytes(SECRET_KEY_BYTES).toString('hex')}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, path);
      created = true;
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) return { status: 'malformed', path };
  return { status: 'ok', key: Buffer.from(text, 'hex'), created };
}

// One per process: an in-memory database lives no longer than it.
const memoryKey = randomBytes(SECRET_KEY_BYTES);

/**
 * The deployment cannot start with the key-encryption key it has: missing or malformed while
 * something is sealed with it, or another key. The CLI prints the message and exits.
 */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}
