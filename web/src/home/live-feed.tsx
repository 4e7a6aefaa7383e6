import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { ShortId } from '../app/short-id.js';
import { type LiveEvent, useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';

// Events kept on screen; older ones are on the Audit page.
const FEED_SIZE = 15;

interface AuditPage {
  readonly events: LiveEvent[];
}

/**
 * The latest events the person may see: the last few from the audit log, then each new one as
 * the server pushes it (newest first).
 */
export function LiveFeed() {
  const { t } = useTranslation();
  const format = useFormat();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [since, setSince] = useState<number | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api<AuditPage>('GET', `/api/audit?limit=${FEED_SIZE}`).then((result) => {
      if (cancelled) return;
      if (result.status === 'ok') {
        setEvents(result.value.events);
        setSince(result.value.events[0]?.seq ?? null);
      }
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const onEvent = useCallback((event: LiveEvent) => {
    setEvents((old) => [event, ...old.filter((e) => e.seq !== event.seq)].slice(0, FEED_SIZE));
  }, []);
  const status = useEventStream({ onEvent, since, enabled: ready });

  return (
    <section className="card" aria-labelledby="feed-title">
      <div className="card-heading">
        <h2 id="feed-title">{t('home.feedTitle')}</h2>
        <span className={`stream-status stream-${status}`} role="status">
          {t(`home.stream.${status}`)}
        </span>
      </div>
      <p className="muted">{t('home.feedIntro')}</p>
      {events.length === 0 ? (
        <p>{ready ? t('home.feedEmpty') : t('common.loading')}</p>
      ) : (
        <ol className="feed" aria-labelledby="feed-title">
          {events.map((event) => (
            <li key={event.seq} data-action={event.action}>
              <div className="event-head">
                <span className="feed-action">
                  {t(`actions.${event.action}`, { defaultValue: event.action })}
                </span>
                <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
              </div>
              <span className="feed-subject">
                {t(`subjects.${event.subjectType}`, { defaultValue: event.subjectType })}{' '}
                <ShortId id={event.subjectId} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
