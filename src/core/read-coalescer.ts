/**
 * Coalesces reads by key: the lookups asked for during one turn of the event loop share one read
 * of their distinct keys, started after the last of them (on `setImmediate`). Each answer is
 * therefore read after its caller asked — never an answer read earlier, as a cache or a join onto
 * a read already under way would give — so, for instance, a token revoked before a request arrived
 * is refused as surely as with one query per request; yet 200 requests that arrive together cost
 * one query instead of 200 (and on PostgreSQL one pooled connection instead of 200 waits for one).
 *
 * A failed read fails every lookup of its batch.
 *
 * @example const tokens = new ReadCoalescer((hashes: string[]) => store.liveTokens(db, hashes)); const row = await tokens.get(hash);
 */
export class ReadCoalescer<K, V> {
  /** Lookups waiting for the next read, by key; null when none is waiting. */
  private batch: Map<K, { resolve(value: V | undefined): void; reject(error: unknown): void }[]> | null =
    null;

  /** `readMany` answers for each key found; a key missing from its map answers undefined. */
  constructor(private readonly readMany: (keys: K[]) => Promise<ReadonlyMap<K, V>>) {}

  /** The value of `key`, read after this call (with the other keys asked for in this turn). */
  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.batch === null) {
        this.batch = new Map();
        setImmediate(() => void this.read());
      }
      const waiting = this.batch.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.batch.set(key, [{ resolve, reject }]);
    });
  }

  private async read(): Promise<void> {
    const batch = this.batch;
    // Lookups from now on wait for the next read: this one may already be too old for them.
    this.batch = null;
    if (!batch) return;
    try {
      const found = await this.readMany([...batch.keys()]);
      for (const [key, waiting] of batch) {
        const value = found.get(key);
        for (const w of waiting) w.resolve(value);
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  }
}
