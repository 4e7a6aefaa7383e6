import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous-hash of the first event of a deployment's stream: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (everything but the hashes themselves). */
export interface ChainedEvent {
  readonly seq: number;
  readonly id: string;
  readonly deploymentId: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly scopeBodyId: string | null;
  readonly scopePersonId: string | null;
  /** Canonical JSON text of the payload, exactly as stored. */
  readonly payload: string;
}

/** RFC 8785 canonical JSON: sorted keys, no white space, so equal values hash equally anywhere. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be represented as JSON');
  return text;
}

/**
 * The hash of an event: SHA-256 (hex) over the previous hash, a newline and the canonical JSON of
 * the event's fields. Changing any field, or the order of events, changes every later hash.
 *
 * @example const h1 = hashEvent(GENESIS_HASH, first); const h2 = hashEvent(h1, second);
 */
export function hashEvent(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(eventJson(event)).digest('hex');
}

// In a `u` pattern a surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The canonical JSON of an event's hashed fields. Every event has the same flat shape (text, a
 * safe integer, nulls), so the object is built with its keys already in RFC 8785 order and
 * JSON.stringify writes exactly what `canonicalJson` would, several times faster (an append
 * hashes every event of a group of claims); a string that is not well-formed Unicode goes through
 * `canonicalJson`, which refuses it.
 */
function eventJson(e: ChainedEvent): string {
  const fields = {
    action: e.action,
    actorId: e.actorId,
    deploymentId: e.deploymentId,
    id: e.id,
    occurredAt: e.occurredAt,
    payload: e.payload,
    scopeBodyId: e.scopeBodyId,
    scopePersonId: e.scopePersonId,
    seq: e.seq,
    subjectId: e.subjectId,
    subjectType: e.subjectType,
  };
  for (const v of Object.values(fields))
    if (typeof v === 'string' ? LONE_SURROGATE.test(v) : v !== null && !Number.isSafeInteger(v))
      return canonicalJson(fields);
  return JSON.stringify(fields);
}

/** A stored event as the verifier reads it. */
export interface StoredChainedEvent extends ChainedEvent {
  readonly prevHash: string;
  readonly hash: string;
}

/** The outcome of recomputing a chain. */
export type ChainVerdict =
  /** Every link holds; `count` events checked, `headHash` is the last hash (GENESIS_HASH if none). */
  | { status: 'intact'; count: number; headHash: string }
  /** The first event whose link does not hold, and why. */
  | {
      status: 'broken';
      seq: number;
      id: string;
      reason: 'sequence-gap' | 'prev-hash-mismatch' | 'hash-mismatch';
      checked: number;
    };

/**
 * Incremental verifier: feed events in `seq` order with `check`, then read `verdict()`. Stops at
 * the first broken link. Works on batches so a chain of millions of events needs little memory.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private broken: Extract<ChainVerdict, { status: 'broken' }> | null = null;

  /** Checks the next event; returns false once the chain is broken. */
  check(event: StoredChainedEvent): boolean {
    if (this.broken) return false;
    const fail = (reason: 'sequence-gap' | 'prev-hash-mismatch' | 'hash-mismatch') => {
      this.broken = { status: 'broken', seq: event.seq, id: event.id, reason, checked: this.count };
      return false;
    };
    if (event.seq !== this.expectedSeq) return fail('sequence-gap');
    if (event.prevHash !== this.prev) return fail('prev-hash-mismatch');
    if (hashEvent(this.prev, event) !== event.hash) return fail('hash-mismatch');
    this.prev = event.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }

  /** The verdict over everything checked so far. */
  verdict(): ChainVerdict {
    return this.broken ?? { status: 'intact', count: this.count, headHash: this.prev };
  }
}
