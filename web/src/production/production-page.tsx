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
import { useRegisterNames } from './use-register-names.js';

/** A page of the register. */
interface RegisterPage {
  readonly workplaces: readonly Workplace[];
  /** Every match, beyond this page too. */
  readonly total: number;
}

// Workplaces per page of the register: at country scale there are 30,000.
const PAGE = 50;

// Events worth announcing to a screen reader on the board (the board itself redraws for every one).
const LIVE_NEWS: Readonly<Record<string, string>> = {
  'production.alert-raised': 'production.board.liveRaised',
  'production.alert-escalated': 'production.board.liveEscalated',
  'production.alert-revised': 'production.board.liveRevised',
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
  const myBodies = me.bodies.filter((b) => ALERT_BODY_KINDS.has(b.kind));
  const mine = new Set(me.bodies.map((b) => b.bodyId));
  // the person's own workplaces (those of their assemblies), then the register a page at a time
  const myIds = [...mine].sort().slice(0, 500).join(',');
  const own = useLoaded<RegisterPage>(myIds === '' ? null : `/api/workplaces?bodyIds=${myIds}`);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (search.trim() !== '') query.set('q', search.trim());
  const register = useLoaded<RegisterPage>(`/api/workplaces?${query}`);
  const { boards, reload } = useAlertBoards(myBodies.map((b) => b.bodyId));
  const alerts = [...boards.values()].flatMap((b) => (b.status === 'ok' ? b.alerts : []));
  const ownList = own.value?.workplaces ?? [];
  const list = register.value?.workplaces ?? [];
  const total = register.value?.total ?? 0;
  const [knownBodies] = useState(() => new Map(me.bodies.map((b) => [b.bodyId, b.name])));
  const names = useRegisterNames(alerts, knownBodies);
  const indicatorNames = useIndicatorNames(alerts);

  const [liveNews, setLiveNews] = useState('');
  const stream = useEventStream({
    actions: ['production.'],
    onEvent: (event: LiveEvent) => {
      reload();
      const news = LIVE_NEWS[event.action];
      if (news) setLiveNews(t(news));
      if (event.action.startsWith('production.workplace')) {
        register.reload();
        own.reload();
      }
    },
  });

  const namesOf = (a: Alert): AlertNames => ({
    workplace: names.workplaces.get(a.workplaceId),
    indicator: indicatorNames.get(a.indicatorId),
    body: names.bodies.get(a.bodyId),
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
      <section className="card" aria-labelledby="own-workplaces-title">
        <h2 id="own-workplaces-title">{t('production.workplaces.ownTitle')}</h2>
        {own.error && (
          <p className="error-box" role="alert">
            {own.error}
          </p>
        )}
        {ownList.length === 0 ? (
          <p>{own.loading ? t('common.loading') : t('production.workplaces.noneOwn')}</p>
        ) : (
          <WorkplaceList workplaces={ownList} mine={mine} />
        )}
      </section>
      <section className="card" aria-labelledby="workplaces-title">
        <h2 id="workplaces-title">{t('production.workplaces.title')}</h2>
        <div className="field">
          <label htmlFor="workplace-search">{t('production.workplaces.search')}</label>
          <input
            id="workplace-search"
            type="search"
            value={search}
            maxLength={100}
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </div>
        {register.error && (
          <p className="error-box" role="alert">
            {register.error}
          </p>
        )}
        {register.loading && !register.value ? (
          <p>{t('common.loading')}</p>
        ) : total === 0 ? (
          <p>
            {search.trim() === '' ? t('production.workplaces.empty') : t('production.workplaces.noMatch')}
          </p>
        ) : (
          <>
            <p className="muted" role="status">
              {t('production.workplaces.range', {
                from: f.number(offset + 1),
                to: f.number(offset + list.length),
                total: f.number(total),
              })}
            </p>
            <WorkplaceList workplaces={list} mine={mine} />
            <nav className="workplace-pager" aria-label={t('production.workplaces.pages')}>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('production.workplaces.previous')}
              </button>
              <button
                type="button"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('production.workplaces.next')}
              </button>
            </nav>
          </>
        )}
      </section>
    </div>
  );
}

/** Workplaces as links with their facts; the person's own marked. */
function WorkplaceList({
  workplaces,
  mine,
}: {
  workplaces: readonly Workplace[];
  mine: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ul className="workplace-list">
      {workplaces.map((w) => (
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
  );
}
