import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import type { Product, WorkplaceQuota } from './planning-api.js';

/** A workplace's quotas in the adopted plans (on its production page), newest period first. */
export function WorkplaceQuotas({ workplaceId }: { workplaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const quotas = useLoaded<{ quotas: WorkplaceQuota[] }>(`/api/planning/workplaces/${workplaceId}/quotas`);
  const products = useLoaded<{ products: Product[] }>('/api/products');
  const product = (id: string) => products.value?.products.find((p) => p.id === id);
  return (
    <section className="card" aria-labelledby="workplace-quotas-title">
      <h2 id="workplace-quotas-title">{t('planning.workplaceQuotas')}</h2>
      {quotas.error && (
        <p className="error-box" role="alert">
          {quotas.error}
        </p>
      )}
      {quotas.value?.quotas.length === 0 && <p>{t('planning.noQuotas')}</p>}
      {quotas.value && quotas.value.quotas.length > 0 && (
        <ul className="quota-list">
          {quotas.value.quotas.map((q) => (
            <li key={`${q.planId}-${q.productId}`} data-testid="workplace-quota">
              <Link to={`/planning/plans/${q.planId}`}>{q.title}</Link>:{' '}
              {t('planning.quotaLine', {
                product: product(q.productId)?.name ?? q.productId.slice(0, 8),
                quantity: fmt.number(q.quantity),
                unit: product(q.productId)?.unit ?? '',
                capacity: fmt.number(q.capacity),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
