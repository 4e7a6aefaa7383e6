import type { EventBus, LiveEvent } from '../core/event-bus.js';

/** Reads committed events with seq above `afterSeq`, in seq order, at most `limit`. */
export type ReadEventsAfter = (afterSeq: number, limit: number) => Promise<readonly LiveEvent[]>;

// Events read per query while catching up after a notification or a gap.
const CATCH_UP_BATCH = 1000;

/**
 * Delivers committed audit events to this process's bus exactly once and in seq order, whichever
 * instance committed them.
 *
 * Invariant it relies on: the audit head row is locked from an append until its transaction
 * commits (`lockHead`), so seqs are handed out one transaction at a time and the committed events
 * are always a gap-free prefix 1..head. Hence a single cursor, `delivered`, is enough: everything
 * at or below it has been published here, nothing above it has, and when a later event becomes
 * known (a commit in this process, or a notification from another) the events between are already
 * committed and can be read from the audit table.
 *
 * @example const relay = new EventRelay(bus, (after, limit) => audit.after(after, limit)); relay.committed(events);
 */
export class EventRelay {
  /** Highest seq published on the bus; null until the first commit or `reached` call sets it. */
  private delivered: number | null = null;
  /** Highest seq announced by `reached`. */
  private announced = 0;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly bus: Pick<EventBus, 'publish'>,
    private readonly read: ReadEventsAfter,
    /** Hears of failed catch-up reads; the cursor stays put, so the next call retries them. */
    public onError: (error: unknown) => void = () => {},
  ) {}

  /** The highest seq delivered so far (null before any). */
  get cursor(): number | null {
    return this.delivered;
  }

  /**
   * Events this process has just committed (consecutive seqs). Published at once when nothing is
   * missing before them; otherwise the missing ones (committed by another instance, whose
   * notification has not arrived yet) are read first.
   */
  committed(events: readonly LiveEvent[]): void {
    const first = events[0];
    if (!first) return;
    if (this.pending === 0 && (this.delivered === null || first.seq <= this.delivered + 1)) {
      this.publishNew(events);
      return;
    }
    void this.enqueue(async () => {
      await this.fill(first.seq - 1);
      this.publishNew(events);
    });
  }

  /**
   * Every event up to `seq` is committed (a notification from some instance, or the head read
   * after (re)connecting): publishes those not yet delivered. The first call only sets the cursor:
   * events committed before this process started listening are history, not live.
   */
  reached(seq: number): Promise<void> {
    // A burst of notifications is served by as few reads as possible: each fill goes up to the
    // highest seq announced so far, and the fills queued behind it then find nothing left to do.
    this.announced = Math.max(this.announced, seq);
    return this.enqueue(() => this.fill(this.announced));
  }

  /** Resolves once every delivery asked for so far has been made (or has failed). */
  settled(): Promise<void> {
    return this.chain;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.pending += 1;
    this.chain = this.chain
      .then(work)
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.pending -= 1;
      });
    return this.chain;
  }

  private async fill(upTo: number): Promise<void> {
    if (this.delivered === null) {
      this.delivered = upTo;
      return;
    }
    while (this.delivered < upTo) {
      const rows = await this.read(this.delivered, Math.min(CATCH_UP_BATCH, upTo - this.delivered));
      // Nothing visible yet although announced: cannot happen with the head lock; stop rather than spin.
      const before: number = this.delivered;
      this.publishNew(rows.filter((e) => e.seq <= upTo));
      if (this.delivered === before) return;
    }
  }

  private publishNew(events: readonly LiveEvent[]): void {
    const fresh = this.delivered === null ? events : events.filter((e) => e.seq > (this.delivered as number));
    const last = fresh.at(-1);
    if (!last) return;
    this.bus.publish(fresh);
    this.delivered = last.seq;
  }
}
