/**
 * A value read from the database and kept between calls until its version there changes — for
 * large, rarely changing reads (the federation, the workplace register, the land ledger's inputs
 * at country scale). The version (a cheap query, e.g. row counts of tables only ever appended to)
 * is read first on every call, so data read after it is at least as new: a write in between makes
 * the next call read again rather than keep stale data, and every server instance sees it.
 *
 * @example const register = new VersionedRead(() => store.version(db), () => store.all(db)); const { version, value } = await register.get();
 */
export class VersionedRead<T> {
  private kept: { readonly version: string; readonly value: T } | null = null;

  constructor(
    private readonly readVersion: () => Promise<string>,
    private readonly readValue: () => Promise<T>,
  ) {}

  /** The value with the version it was read at, never older than the version read by this call. */
  async get(): Promise<{ readonly version: string; readonly value: T }> {
    const version = await this.readVersion();
    if (this.kept?.version === version) return this.kept;
    const kept = { version, value: await this.readValue() };
    this.kept = kept;
    return kept;
  }
}
