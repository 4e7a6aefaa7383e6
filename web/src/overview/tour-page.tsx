import { useTranslation } from 'react-i18next';
import './overview.css';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth-context.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Overview } from './overview-types.js';

/** One stop of the tour: what to look at, why it matters, and the live page. */
interface Stop {
  readonly key: string;
  readonly to: string;
}

/**
 * `/tour`: a guided walk through the loop on this deployment's own data — each stop links to a
 * real record the server picked (the alert that climbed highest, a committee with households, the
 * latest route plan…), so the tour shows what is happening, not a slideshow.
 */
export function TourPage() {
  const { t } = useTranslation();
  usePageTitle(t('tour.title'));
  const overview = useLoaded<Overview>('/api/overview');
  const { state } = useAuth();
  const mine = state.status === 'signed-in' ? state.me.bodies : [];
  // The person's own committee and cordón, where they have one: there they see everything.
  const ownCommittee = mine.find((b) => b.kind === 'supply-committee')?.bodyId;
  const ownCordon = mine.find((b) => b.kind === 'cordon')?.bodyId;
  const a = overview.value?.tour;
  const stops: Stop[] = a
    ? [
        {
          key: 'federation',
          to: (ownCordon ?? a.cordonId) ? `/councils/bodies/${ownCordon ?? a.cordonId}` : '/councils',
        },
        { key: 'recall', to: a.recallBodyId ? `/councils/bodies/${a.recallBodyId}` : '/councils' },
        { key: 'plan', to: a.planId ? `/planning/plans/${a.planId}` : '/planning' },
        {
          key: 'workplace',
          to: a.alertWorkplaceId ? `/production/workplaces/${a.alertWorkplaceId}` : '/production',
        },
        { key: 'board', to: '/production' },
        {
          key: 'committee',
          to:
            (ownCommittee ?? a.committeeId)
              ? `/supply/committees/${ownCommittee ?? a.committeeId}`
              : '/supply',
        },
        { key: 'trucks', to: a.routePlanId ? `/logistics/plans/${a.routePlanId}` : '/logistics' },
        { key: 'land', to: '/land' },
        { key: 'audit', to: '/audit' },
      ]
    : [];
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('tour.title')}
      </h1>
      <p className="lead">{t('tour.lead')}</p>
      {overview.error && <p className="error-box">{overview.error}</p>}
      {overview.loading && !overview.value && <p className="muted">{t('common.loading')}</p>}
      <ol className="tour">
        {stops.map((s, i) => (
          <li key={s.key} className="card">
            <h2>{t('tour.step', { n: i + 1, title: t(`tour.stops.${s.key}.title`) })}</h2>
            <p>{t(`tour.stops.${s.key}.text`)}</p>
            <p>
              <Link to={s.to}>{t(`tour.stops.${s.key}.link`)}</Link>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
