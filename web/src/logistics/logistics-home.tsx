import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { DECIDING_ROLES, type Plan, type PlanHead } from './logistics-types.js';

/** Today's date (UTC) as YYYY-MM-DD. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The area's front page: start the day's plan of a pool one decides for, and the recent plans. */
export function LogisticsHome() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const title = t('nav.logistics');
  usePageTitle(title);
  const pools = me.bodies.filter((b) => b.roles.some((r) => DECIDING_ROLES.includes(r)));
  const names = new Map(me.bodies.map((b) => [b.bodyId, b.name]));
  const plans = useLoaded('/api/logistics/plans', { pick: (b: { plans: PlanHead[] }) => b.plans });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await api<Plan>('POST', '/api/logistics/plans', {
      bodyId: String(form.get('bodyId')),
      date: String(form.get('date')),
    });
    setBusy(false);
    if (result.status === 'problem') {
      setError(result.problem.detail);
      return;
    }
    navigate(`/logistics/plans/${result.value.id}`);
  };

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('logistics.intro')}</p>
      <section className="card" aria-labelledby="start-title">
        <h2 id="start-title">{t('logistics.start.title')}</h2>
        {pools.length === 0 ? (
          <p className="muted">{t('logistics.start.none')}</p>
        ) : (
          <form className="inline-form" onSubmit={(e) => void start(e)}>
            <div className="field">
              <label htmlFor="plan-body">{t('logistics.start.body')}</label>
              <select id="plan-body" name="bodyId">
                {pools.map((b) => (
                  <option key={b.bodyId} value={b.bodyId}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="plan-date">{t('logistics.start.date')}</label>
              <input id="plan-date" name="date" type="date" defaultValue={today()} required />
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('logistics.start.submit')}
            </button>
          </form>
        )}
        <p className="hint">{t('logistics.start.hint')}</p>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="plans-title">
        <h2 id="plans-title">{t('logistics.plans.title')}</h2>
        {plans.error && (
          <p className="error-box" role="alert">
            {plans.error}
          </p>
        )}
        {plans.value?.length === 0 && <p className="muted">{t('logistics.plans.empty')}</p>}
        {plans.value && plans.value.length > 0 && (
          <ul className="logistics-list">
            {plans.value.map((p) => (
              <li key={p.id}>
                <Link to={`/logistics/plans/${p.id}`}>
                  {t('logistics.plans.item', {
                    date: p.date,
                    body: names.get(p.bodyId) ?? t('logistics.pool'),
                  })}
                </Link>{' '}
                <span className={`status status-${p.status}`}>{t(`logistics.planStatus.${p.status}`)}</span>{' '}
                <span className="muted">
                  {t('logistics.plans.figures', {
                    shipments: f.number(p.shipmentCount),
                    trucks: f.number(p.vehiclesUsed ?? 0),
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
