/** A handover recorded while the point had no network, waiting to be synced. */
export interface OfflineClaim {
  /** The handover's idempotency key (the store's key). */
  readonly key: string;
  readonly committeeId: string;
  readonly pointId: string;
  readonly goodId: string;
  readonly period: string;
  readonly quantity: number;
  /** The scanned card, or… */
  readonly card?: string;
  /** …the household found by search (no card shown). */
  readonly householdId?: string;
  /** When the goods were handed over, ISO-8601 UTC. */
  readonly claimedAt: string;
}

const DB_NAME = 'cordones-supply';
const STORE = 'offline-claims';
/** The distribution point's copy of households it has found (household-cache.ts). */
export const HOUSEHOLD_STORE = 'households';

/** Opens the point's IndexedDB database: v1 had the claim queue; v2 adds the household copy. */
export function openSupplyDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE))
        db.createObjectStore(STORE, { keyPath: 'key' }).createIndex('pointId', 'pointId');
      if (!db.objectStoreNames.contains(HOUSEHOLD_STORE))
        db.createObjectStore(HOUSEHOLD_STORE, { keyPath: 'id' }).createIndex('committeeId', 'committeeId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one request (or several, returning null) in a transaction on `store`; resolves on commit. */
export async function runIn<T>(
  storeName: string,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T> | null,
): Promise<T> {
  const db = await openSupplyDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = act(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request?.result as T);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T> | null): Promise<T> {
  return runIn(STORE, mode, act);
}

/**
 * The distribution point's queue of offline handovers in IndexedDB: it survives reloads and
 * closed tabs, and a claim leaves it only once the server has answered for it at sync (recorded,
 * replayed or flagged — never dropped unanswered).
 *
 * @example await offlineClaims.add(claim); const waiting = await offlineClaims.of(pointId);
 */
export const offlineClaims = Object.freeze({
  /** Keeps a handover; the same key twice is the same handover. */
  add(claim: OfflineClaim): Promise<unknown> {
    return run('readwrite', (s) => s.put(claim));
  },
  /** The handovers of a point still waiting, oldest first. */
  async of(pointId: string): Promise<OfflineClaim[]> {
    const all = await run<OfflineClaim[]>('readonly', (s) => s.index('pointId').getAll(pointId));
    return all.sort((a, b) => a.claimedAt.localeCompare(b.claimedAt));
  },
  /** Forgets the handovers the server has answered for. */
  remove(keys: readonly string[]): Promise<unknown> {
    return run('readwrite', (s) => {
      for (const key of keys) s.delete(key);
      return null;
    });
  },
});
