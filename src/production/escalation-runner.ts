import type { EscalationOutcome, EscalationService } from './escalation.js';

/**
 * Runs `escalateDue` every `intervalMs` in this process. It holds no state of its own (the
 * database does), so stopping and starting it — or the process — loses nothing; runs never
 * overlap, and a failed run is reported and retried at the next tick.
 *
 * @example const runner = new EscalationRunner(escalation); runner.start(30_000, (e) => log.error(e));
 */
export class EscalationRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<EscalationOutcome | null> | null = null;

  constructor(
    private readonly escalation: EscalationService,
    private onError: (error: unknown) => void = () => {},
  ) {}

  /** True while the runner is ticking. */
  get active(): boolean {
    return this.timer !== null;
  }

  /** Starts ticking (a second call is ignored); `onError` hears of failed runs. */
  start(intervalMs: number, onError?: (error: unknown) => void): void {
    if (this.timer) return;
    if (onError) this.onError = onError;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  /** One run now, unless one is under way (then that one's outcome). */
  tick(): Promise<EscalationOutcome | null> {
    if (!this.running) {
      this.running = this.escalation
        .escalateDue()
        .catch((error: unknown) => {
          this.onError(error);
          return null;
        })
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  /** Stops ticking and waits for a run under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
