import pg from 'pg';

/** Options of a CommitListener. */
export interface CommitListenerOptions {
  /** PostgreSQL connection URL (the deployment's DATABASE_URL). */
  readonly url: string;
  /** The channel the audit service notifies on (`AuditService.channel`). */
  readonly channel: string;
  /** Events up to `seq` are committed; called in arrival order (the relay serialises the work). */
  readonly onCommitted: (seq: number) => Promise<void>;
  /** The newest committed seq, read after every (re)connection to cover what was missed. */
  readonly headSeq: () => Promise<number>;
  /** Where dropped connections and failed reconnections are reported. */
  readonly log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** First wait before reconnecting, in ms, doubled after each failure up to `maxRetryMs`. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** How often the connection is probed and the head re-read, in ms (a silently dead TCP link). */
  readonly probeMs?: number;
}

/**
 * Hears commits of every instance on one PostgreSQL through LISTEN on a connection of its own
 * (a pooled connection cannot hold a LISTEN), and reconnects with backoff when that connection
 * drops. After each (re)connection it reads the head, so events committed while it was deaf are
 * still delivered — once, since the receiving relay keeps a cursor. The pg client speaks LISTEN
 * directly: Kysely has no notion of asynchronous notifications.
 *
 * @example const listener = new CommitListener({ url, channel: audit.channel, onCommitted: (s) => audit.committedUpTo(s), headSeq: () => audit.headSeq(), log }); await listener.start();
 */
export class CommitListener {
  private client: pg.Client | null = null;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private readonly minRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: CommitListenerOptions) {
    this.minRetryMs = options.minRetryMs ?? 200;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
    this.retryMs = this.minRetryMs;
  }

  /** True while a LISTEN connection is up. */
  get connected(): boolean {
    return this.client !== null;
  }

  /** The server process id of the LISTEN connection (tests cut it with pg_terminate_backend). */
  get backendPid(): number | null {
    return (this.client as (pg.Client & { processID?: number }) | null)?.processID ?? null;
  }

  /** Connects and listens; when the first attempt fails it keeps retrying in the background. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
    this.probeTimer = setInterval(() => void this.probe(), this.options.probeMs ?? 15_000);
    this.probeTimer.unref();
  }

  /** Stops listening and retrying. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.retryTimer = null;
    this.probeTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const { url, channel, log } = this.options;
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    let dropped = false;
    const drop = (reason: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => {});
      if (this.stopped) return;
      log.warn({ err: reason, retryMs: this.retryMs }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      const seq = Number(message.payload);
      if (Number.isSafeInteger(seq)) void this.options.onCommitted(seq);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      if (this.stopped || dropped) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.retryMs = this.minRetryMs;
      // Listening from here on; what committed before is read once from the table.
      await this.options.onCommitted(await this.options.headSeq());
      log.info({ channel }, 'listening for commits of other instances');
    } catch (error) {
      drop(error);
    }
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, wait);
    this.retryTimer.unref();
  }

  // A query on the LISTEN connection fails (and so reconnects) when the link died without a FIN;
  // re-reading the head then also covers a notification lost with it.
  private async probe(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.query('select 1');
      await this.options.onCommitted(await this.options.headSeq());
    } catch (error) {
      client.emit('error', error);
    }
  }
}
