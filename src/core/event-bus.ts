import { EventEmitter } from 'node:events';

/** An event as it reaches live subscribers (the SSE stream): one committed audit event. */
export interface LiveEvent {
  /** The event's position in the deployment's stream; SSE `id`. */
  readonly seq: number;
  /** `<area>.<event>`; SSE `event`. */
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Members of this body may see it; null (with scopePersonId null) means every signed-in person. */
  readonly scopeBodyId: string | null;
  /** Only this person may see it. */
  readonly scopePersonId: string | null;
  readonly occurredAt: string;
  readonly payload: unknown;
}

/**
 * Fan-out of committed events to live subscribers in this process. Events are published only
 * after their transaction commits, so a subscriber never sees a change that was rolled back.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE connection; the default warning at 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

  /** Delivers `events` to every subscriber, in order. */
  publish(events: readonly LiveEvent[]): void {
    for (const e of events) this.emitter.emit('event', e);
  }

  /** Calls `listener` for every published event until the returned function is called. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
