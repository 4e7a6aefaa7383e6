import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Place } from './logistics-types.js';

interface PlaceDetail extends Place {
  readonly delivered: readonly { good: string; unit: string; quantity: number }[];
}

/**
 * A place with the goods delivered there, from logistics' own deliveries ledger (supply's stock
 * of the distribution point is not linked yet).
 */
export function PlacePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const place = useLoaded(`/api/logistics/places/${id}`, { pick: (b: PlaceDetail) => b });
  const title = place.value?.name ?? t('logistics.place.title');
  usePageTitle(title);
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {place.error && (
        <p className="error-box" role="alert">
          {place.error}
        </p>
      )}
      {place.value && (
        <>
          <p className="lead">{t(`logistics.placeKind.${place.value.kind}`)}</p>
          <section className="card" aria-labelledby="delivered-title">
            <h2 id="delivered-title">{t('logistics.place.delivered')}</h2>
            <p className="hint">{t('logistics.place.ledgerHint')}</p>
            {place.value.delivered.length === 0 ? (
              <p className="muted">{t('logistics.place.none')}</p>
            ) : (
              <ul className="logistics-list delivered-list">
                {place.value.delivered.map((d) => (
                  <li key={`${d.good}-${d.unit}`}>
                    {t('logistics.place.line', {
                      quantity: f.number(d.quantity),
                      unit: d.unit,
                      good: d.good,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
