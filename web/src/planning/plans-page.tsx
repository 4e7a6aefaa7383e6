import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Federation } from '../../../src/councils/council-views.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { DraftForm } from './draft-form.js';
import type { PlanHead } from './planning-api.js';

/** `/planning`: every plan, newest first, with its period and where it stands. */
export function PlansPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  usePageTitle(t('nav.planning'));
  const plans = useLoaded<{ plans: PlanHead[] }>('/api/planning/plans');
  const federation = useLoaded<Federation>('/api/bodies');
  const assemblies = federation.value?.bodies.filter((b) => b.kind === 'national-assembly') ?? [];
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('nav.planning')}
      </h1>
      <p className="muted">{t('planning.intro')}</p>
      {plans.error && (
        <p className="error-box" role="alert">
          {plans.error}
        </p>
      )}
      {plans.value?.plans.length === 0 && <p>{t('planning.none')}</p>}
      <ul className="plan-list">
        {plans.value?.plans.map((p) => (
          <li key={p.id} className="card">
            <Link to={`/planning/plans/${p.id}`}>{p.title}</Link>{' '}
            <span className={`plan-status plan-status-${p.status}`}>{t(`planning.status.${p.status}`)}</span>
            <span className="muted">
              {' '}
              · {t('planning.period', { period: p.period })} · {fmt.dateTime(p.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      <DraftForm assemblies={assemblies} />
    </div>
  );
}
