import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth-context.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { Chronicle } from '../overview/chronicle.js';
import { OverviewPanel } from '../overview/overview-panel.js';
import type { ChronicleEvent, Overview } from '../overview/overview-types.js';
import { LiveFeed } from './live-feed.js';

/** Live events come in bursts (a report batch, a plan written): re-read the figures at most this often. */
const RELOAD_MS = 3_000;

/**
 * The first page after sign-in: the loop at a glance (figures of every area, live), the chronicle
 * of notable events, the person's bodies with their roles, and the live feed.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('nav.home'));
  const overview = useLoaded<Overview>('/api/overview');
  const chronicle = useLoaded<{ events: ChronicleEvent[] }>('/api/overview/chronicle?limit=12');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEventStream({
    onEvent: () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        overview.reload();
        chronicle.reload();
      }, RELOAD_MS);
    },
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('home.title', { name: me.displayName })}
      </h1>
      {overview.error && <p className="error-box">{overview.error}</p>}
      {overview.value && <OverviewPanel overview={overview.value} />}
      <Chronicle events={chronicle.value?.events ?? null} error={chronicle.error} />
      <div className="columns">
        <section className="card" aria-labelledby="bodies-title">
          <h2 id="bodies-title">{t('home.bodiesTitle')}</h2>
          <p className="muted">{t('home.bodiesIntro')}</p>
          {me.bodies.length === 0 ? (
            <p>{t('home.noBodies')}</p>
          ) : (
            <ul className="bodies" aria-labelledby="bodies-title">
              {me.bodies.map((body) => (
                <li key={body.bodyId}>
                  <span className="body-name">{body.name}</span>
                  <span className="body-kind">{t(`kinds.${body.kind}`, { defaultValue: body.kind })}</span>
                  <span className="body-roles">
                    <span className="visually-hidden">{t('home.roles')}: </span>
                    {body.roles.length === 0
                      ? t('home.noRoles')
                      : body.roles.map((role) => (
                          <span key={role} className="tag">
                            {t(`roles.${role}`, { defaultValue: role })}
                          </span>
                        ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <LiveFeed />
      </div>
    </div>
  );
}
