/**
 * The source of time for services and schedulers. Production uses the system clock; tests use a
 * clock they can move forward, so deadlines (alert escalation, session expiry) are tested exactly.
 * All times are UTC.
 */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock that only moves when told to.
 *
 * @example const clock = new ManualClock(Date.parse('1972-10-11T08:00:00Z')); clock.advance(60_000);
 */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.ms += ms;
  }
  /** Sets the clock to `ms` milliseconds since the epoch. */
  set(ms: number): void {
    this.ms = ms;
  }
}

/** ISO-8601 UTC text with milliseconds, the one timestamp format stored in both databases. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
