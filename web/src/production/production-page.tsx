import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { type LiveEvent, useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { AlertBoard } from './alert-board.js';
import type { AlertNames } from './alert-item.js';
import { ALERT_BODY_KINDS, type Alert, type Workplace } from './production-api.js';
import { useAlertBoards } from './use-alert-boards.js';
import { useIndicatorNames } from './use-indicator-names.js';

/** Body names of the whole federation, for "who must answer now". */
interface Federation {
  readonly bodies: readonly { readonly id: string; readonly name: string }[];
}

// Events worth announcing to a screen reader on the board (the board itself redraws for every one).
const LIVE_NEWS: Readonly<Record<string, string>> = {
  'production.alert-raised': 'production.board.liveRaised',
  'production.alert-escalated': 'production.board.liveEscalated',
};

/**
 * `/production`: the workplace register (the person's own workplaces first) and the alert board of
 * every assembly and council the person belongs to, kept current by the live stream.
 */
export function ProductionPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  usePageTitle(t('production.title'));
  const workplaces = useLoaded<{ workplaces: Workplace[] }>('/api/workplaces');
  const federation = useLoaded<Federation>('/api/bodies');
  const myBodies = me.bodies.filter((b) => ALERT_BODY_KINDS.has(b.kind));
  const mine = new Set(me.bodies.map((b) => b.bodyId));
  const { boards, reload } = useAlertBoards(myBodies.map((b) => b.bodyId));
  const alerts = [...boards.values()].flatMap((b) => (b.status === 'ok' ? b.alerts : []));
  const list = [...(workplaces.value?.workplaces ?? [])].sort(
    (a, b) => Number(mine.has(b.bodyId)) - Number(mine.has(a.bodyId)) || a.name.localeCompare(b.name),
  );
  const workplaceName = new Map(list.map((w) => [w.id, w.name]));
  const bodyName = new Map((federation.value?.bodies ?? []).map((b) => [b.id, b.name]));
  const indicatorNames = useIndicatorNames(alerts);

  const [liveNews, setLiveNews] = useState('');
  const stream = useEventStream({
    actions: ['production.'],
    onEvent: (event: LiveEvent) => {
      reload();
      const news = LIVE_NEWS[event.action];
      if (news) setLiveNews(t(news));
      if (event.action.startsWith('production.workplace')) workplaces.reload();
    },
  });

  const namesOf = (a: Alert): AlertNames => ({
    workplace: workplaceName.get(a.workplaceId),
    indicator: indicatorNames.get(a.indicatorId),
    body: bodyName.get(a.bodyId),
  });

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('production.title')}
      </h1>
      <p className="lead">{t('production.intro')}</p>
      <section aria-labelledby="boards-title">
        <div className="card-heading">
          <h2 id="boards-title">{t('production.board.title')}</h2>
          <span className={`stream-status stream-${stream}`} role="status">
            {t(`home.stream.${stream}`)}
          </span>
        </div>
        <p className="visually-hidden" aria-live="polite" data-live-news>
          {liveNews}
        </p>
        {myBodies.length === 0 ? (
          <p>{t('production.board.none')}</p>
        ) : (
          <div className="alert-boards">
            {myBodies.map((b) => (
              <AlertBoard
                key={b.bodyId}
                body={b}
                board={boards.get(b.bodyId) ?? { status: 'loading' }}
                namesOf={namesOf}
                onChanged={reload}
              />
            ))}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="spare-boards-title">
        <h2 id="spare-boards-title">{t('production.spareParts.boardsTitle')}</h2>
        <p className="muted">{t('production.spareParts.boardsIntro')}</p>
        {myBodies.length === 0 ? (
          <p>{t('production.board.none')}</p>
        ) : (
          <ul className="spare-board-list">
            {myBodies.map((b) => (
              <li key={b.bodyId}>
                <Link to={`/production/spare-parts/${b.bodyId}`}>
                  {t('production.spareParts.boardOf', { body: b.name })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="workplaces-title">
        <h2 id="workplaces-title">{t('production.workplaces.title')}</h2>
        {workplaces.error && (
          <p className="error-box" role="alert">
            {workplaces.error}
          </p>
        )}
        {workplaces.loading && !workplaces.value ? (
          <p>{t('common.loading')}</p>
        ) : list.length === 0 ? (
          <p>{t('production.workplaces.empty')}</p>
        ) : (
          <ul className="workplace-list">
            {list.map((w) => (
              <li key={w.id}>
                <Link to={`/production/workplaces/${w.id}`} className="workplace-name">
                  {w.name}
                </Link>
                {mine.has(w.bodyId) && <span className="tag">{t('production.workplaces.mine')}</span>}
                <span className="muted">
                  {t('production.workplaces.facts', {
                    sector: w.sector,
                    status: t(`production.status.${w.status}`, { defaultValue: w.status }),
                    workforce: f.number(w.workforce),
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
