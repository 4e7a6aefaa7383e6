import { useEffect, useRef } from 'react';
import { useAuth } from '../app/auth-context.js';
import { type LiveEvent, useEventStream } from '../app/use-event-stream.js';

// Events arriving within this many milliseconds are answered by one reload (a recall alone
// records several events in one command).
const COALESCE_MS = 250;

// Events that can change what the person is in a body (the roles and seats `/api/me` lists).
const STANDING_CHANGES = new Set([
  'councils.election-closed',
  'councils.delegate-recalled',
  'councils.seat-vacated',
  'councils.member-joined',
  'councils.member-left',
  'councils.member-role-changed',
]);

/**
 * Follows the councils events the person may see: each is handed to `onEvent` at once (for
 * announcements), and the page's data is read again once per burst of events — and the person's
 * own bodies and roles too when an event may have changed them (an election, a recall).
 *
 * @example useLiveReload(() => void reloadAll(), notice.show);
 */
export function useLiveReload(reload: () => void, onEvent?: (event: LiveEvent) => void): void {
  const { refresh } = useAuth();
  const latest = useRef(reload);
  latest.current = reload;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const standingChanged = useRef(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEventStream({
    actions: ['councils.'],
    onEvent: (event) => {
      onEvent?.(event);
      if (STANDING_CHANGES.has(event.action)) standingChanged.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        latest.current();
        if (standingChanged.current) {
          standingChanged.current = false;
          void refresh();
        }
      }, COALESCE_MS);
    },
  });
}
