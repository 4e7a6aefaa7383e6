import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Federation } from '../../../src/councils/council-views.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { NeedItem } from './spare-part-need.js';
import { type Need, SPARE_PARTS_API } from './spare-parts-api.js';

/**
 * `/production/spare-parts/:bodyId`: the spare-parts board of a body — the needs of every
 * workplace of the body and of the bodies affiliated under it, with their orders, most urgent
 * first; redrawn live on every spare-parts event.
 */
export function SparePartsBoardPage() {
  const { t } = useTranslation();
  const { bodyId = '' } = useParams();
  const [filter, setFilter] = useState<'live' | 'all'>('live');
  const board = useLoaded<{ needs: Need[] }>(
    `${SPARE_PARTS_API}/board?body=${encodeURIComponent(bodyId)}&status=${filter}`,
  );
  const federation = useLoaded<Federation>('/api/bodies');
  const body = federation.value?.bodies.find((b) => b.id === bodyId);
  const title = t('production.spareParts.boardTitle', { body: body?.name ?? '…' });
  usePageTitle(title);
  const stream = useEventStream({ actions: ['production.spare-part'], onEvent: () => board.reload() });
  const needs = board.value?.needs ?? [];

  return (
    <div className="page">
      <p>
        <Link to="/production">{t('production.workplace.back')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('production.spareParts.boardIntro')}</p>
      <section className="card" aria-labelledby="needs-title">
        <div className="card-heading">
          <h2 id="needs-title">{t('production.spareParts.needsTitle')}</h2>
          <span className={`stream-status stream-${stream}`} role="status">
            {t(`home.stream.${stream}`)}
          </span>
        </div>
        <div className="field">
          <label htmlFor="need-filter">{t('production.spareParts.filter')}</label>
          <select
            id="need-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value === 'all' ? 'all' : 'live')}
          >
            <option value="live">{t('production.spareParts.filterLive')}</option>
            <option value="all">{t('production.spareParts.filterAll')}</option>
          </select>
        </div>
        {board.error && (
          <p className="error-box" role="alert">
            {board.error}
          </p>
        )}
        {board.loading && !board.value ? (
          <p>{t('common.loading')}</p>
        ) : needs.length === 0 ? (
          <p>{t('production.spareParts.noNeeds')}</p>
        ) : (
          <ul className="spare-needs" aria-labelledby="needs-title">
            {needs.map((n) => (
              <NeedItem key={n.id} need={n} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
