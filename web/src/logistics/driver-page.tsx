import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { DriverRoute, Place, Shipment, Stop } from './logistics-types.js';

/**
 * The driver's page (phone first): the dispatched routes the signed-in person drives, each stop
 * with what to unload and large buttons to record picked up, delivered or failed.
 */
export function DriverPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const title = t('logistics.drive.title');
  usePageTitle(title);
  const routes = useLoaded('/api/logistics/my-routes', { pick: (b: { routes: DriverRoute[] }) => b.routes });
  const places = useLoaded('/api/logistics/places', { pick: (b: { places: Place[] }) => b.places });
  const shipments = useLoaded('/api/logistics/shipments', {
    pick: (b: { shipments: Shipment[] }) => b.shipments,
  });
  const placeName = new Map((places.value ?? []).map((p) => [p.id, p.name]));
  const shipmentById = new Map((shipments.value ?? []).map((s) => [s.id, s]));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const record = async (stop: Stop, event: 'picked-up' | 'delivered' | 'failed') => {
    setBusy(true);
    const result = await api<DriverRoute>('POST', `/api/logistics/stops/${stop.id}/events`, { event });
    setBusy(false);
    if (result.status === 'problem') {
      setMessage({ ok: false, text: result.problem.detail });
      return;
    }
    setMessage({
      ok: true,
      text: t(`logistics.drive.recorded.${event}`, { place: placeName.get(stop.placeId) ?? '' }),
    });
    await routes.reload();
  };

  return (
    <div className="page driver-page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('logistics.drive.intro')}</p>
      <p className={message ? (message.ok ? 'success-box' : 'error-box') : 'visually-hidden'} role="status">
        {message?.text ?? ''}
      </p>
      {routes.error && (
        <p className="error-box" role="alert">
          {routes.error}
        </p>
      )}
      {routes.value?.length === 0 && <p className="muted">{t('logistics.drive.none')}</p>}
      {(routes.value ?? []).map((r) => (
        <section key={r.id} className="card" aria-labelledby={`route-${r.id}`}>
          <h2 id={`route-${r.id}`}>
            {t('logistics.drive.route', { plate: r.plate, date: r.date, number: r.number })}
          </h2>
          <p className="muted">
            {t('logistics.drive.depot', {
              place: placeName.get(r.depotPlaceId) ?? '—',
              kg: f.number(r.loadKg),
            })}
          </p>
          <ol className="driver-stops">
            {r.stops.map((s) => {
              const shipment = shipmentById.get(s.shipmentId);
              const place = placeName.get(s.placeId) ?? '—';
              return (
                <li key={s.id} className={`driver-stop stop-${s.status}`}>
                  <h3>
                    <Link to={`/logistics/places/${s.placeId}`}>{place}</Link>
                  </h3>
                  <p>
                    {shipment?.goods.map((g) => `${f.number(g.quantity)} ${g.unit} ${g.good}`).join(', ')}{' '}
                    <span className={`status status-${s.status}`}>
                      {t(`logistics.stopStatus.${s.status}`)}
                    </span>
                  </p>
                  <div className="driver-actions">
                    {s.status === 'planned' && (
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => void record(s, 'picked-up')}
                        aria-label={t('logistics.drive.pickupLabel', { place })}
                      >
                        {t('logistics.drive.pickup')}
                      </button>
                    )}
                    {s.status === 'picked-up' && (
                      <button
                        type="button"
                        className="button button-primary"
                        disabled={busy}
                        onClick={() => void record(s, 'delivered')}
                        aria-label={t('logistics.drive.deliveredLabel', { place })}
                      >
                        {t('logistics.drive.delivered')}
                      </button>
                    )}
                    {(s.status === 'planned' || s.status === 'picked-up') && (
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={busy}
                        onClick={() => void record(s, 'failed')}
                        aria-label={t('logistics.drive.failedLabel', { place })}
                      >
                        {t('logistics.drive.failed')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
