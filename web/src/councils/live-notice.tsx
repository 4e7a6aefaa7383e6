import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveEvent } from '../app/use-event-stream.js';

// Events worth a sentence on an open page; the others only refresh what it shows.
const ANNOUNCED = new Set([
  'councils.delegate-recalled',
  'councils.by-election-opened',
  'councils.election-closed',
  'councils.motion-decided',
]);

/** The announcements of live councils events on a page. */
export interface LiveNoticeState {
  /** Newest first, at most three, each a translated key under `councils.live.`. */
  readonly messages: readonly { seq: number; action: string }[];
  /** Takes a live event; announces it when it is one a person should notice at once. */
  show(event: LiveEvent): void;
}

/** Keeps the last few announced councils events of a page. */
export function useLiveNotice(): LiveNoticeState {
  const [messages, setMessages] = useState<{ seq: number; action: string }[]>([]);
  const show = useCallback((event: LiveEvent) => {
    if (!ANNOUNCED.has(event.action)) return;
    setMessages((old) => [{ seq: event.seq, action: event.action }, ...old].slice(0, 3));
  }, []);
  return useMemo(() => ({ messages, show }), [messages, show]);
}

/**
 * A polite live region announcing what just happened elsewhere (a recall, a by-election, a
 * closed ballot, a decided motion). Always rendered, so screen readers hear each new line.
 */
export function LiveNotice({ notice }: { notice: LiveNoticeState }) {
  const { t } = useTranslation();
  return (
    <div className="live-notice" role="status" aria-live="polite">
      {notice.messages.map((m) => (
        <p key={m.seq} className="notice" data-action={m.action}>
          {t(`councils.live.${m.action.slice('councils.'.length)}`)}
        </p>
      ))}
    </div>
  );
}
