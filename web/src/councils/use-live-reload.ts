import { useEffect, useRef } from 'react';
import { type LiveEvent, useEventStream } from '../app/use-event-stream.js';

// Events arriving within this many milliseconds are answered by one reload (a recall alone
// records several events in one command).
const COALESCE_MS = 250;

/**
 * Follows the councils events the person may see: each is handed to `onEvent` at once (for
 * announcements), and the page's data is read again once per burst of events.
 *
 * @example useLiveReload(() => void reloadAll(), notice.show);
 */
export function useLiveReload(reload: () => void, onEvent?: (event: LiveEvent) => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEventStream({
    actions: ['councils.'],
    onEvent: (event) => {
      onEvent?.(event);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(), COALESCE_MS);
    },
  });
}
