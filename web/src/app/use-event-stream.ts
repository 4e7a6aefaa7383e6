import { useEffect, useRef, useState } from 'react';

/** One change delivered by `GET /api/events/stream`. */
export interface LiveEvent {
  /** Audit sequence number; also the SSE event id used to resume. */
  readonly seq: number;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  readonly payload: unknown;
}

/** State of the stream connection. */
export type StreamStatus =
  /** Opening the first connection. */
  | 'connecting'
  /** Connected; events arrive as they are committed. */
  | 'open'
  /** Lost; the browser (or this hook, after a refused connection) is reconnecting. */
  | 'reconnecting';

/** Options of `useEventStream`. */
export interface EventStreamOptions {
  /**
   * Only events whose action is one of these, or starts with one ending in `.` (e.g. `councils.`);
   * every event when absent.
   */
  readonly actions?: readonly string[];
  /** Called once per event, in order, never twice for the same `seq`. */
  readonly onEvent: (event: LiveEvent) => void;
  /** Replay events after this sequence number on the first connection (null: only new ones). */
  readonly since?: number | null;
  /** Connect only while true (default true). */
  readonly enabled?: boolean;
}

// Pause before reopening a stream the server refused (EventSource gives up on a non-200 answer).
const REOPEN_DELAY_MS = 5000;

/**
 * Subscribes to the server's live events while the component is mounted. The browser reconnects
 * on its own with `Last-Event-ID`, so events missed during a short outage are replayed; when the
 * server refuses the connection the hook reopens it later from the last event seen.
 *
 * @example const status = useEventStream({ actions: ['councils.'], onEvent: (e) => add(e) });
 */
export function useEventStream(options: EventStreamOptions): StreamStatus {
  const { actions = [], since = null, enabled = true } = options;
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const actionKey = actions.join(' ');

  useEffect(() => {
    if (!enabled) return;
    let lastSeq = since ?? -1;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const filters = actionKey.split(' ').filter((f) => f !== '');

    const listener = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(message.data) as LiveEvent;
      } catch {
        return;
      }
      if (event.seq <= lastSeq) return;
      const wanted =
        filters.length === 0 ||
        filters.some((f) => (f.endsWith('.') ? event.action.startsWith(f) : event.action === f));
      if (!wanted) return;
      lastSeq = event.seq;
      onEvent.current(event);
    };

    const open = () => {
      const url = lastSeq >= 0 ? `/api/events/stream?lastEventId=${lastSeq}` : '/api/events/stream';
      const es = new EventSource(url);
      source = es;
      es.onopen = () => setStatus('open');
      es.onerror = () => {
        setStatus('reconnecting');
        if (es.readyState === EventSource.CLOSED && !stopped) {
          timer = setTimeout(open, REOPEN_DELAY_MS);
        }
      };
      es.onmessage = listener;
    };

    setStatus('connecting');
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, since, actionKey]);

  return status;
}
