import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Place, Shipment } from './logistics-types.js';

const STATUSES = ['requested', 'planned', 'picked-up', 'delivered'] as const;

/** The shipments: goods, weight, origin and destination, priority, day and status. */
export function ShipmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const title = t('logistics.shipments.title');
  usePageTitle(title);
  const [status, setStatus] = useState<string>('requested');
  const shipments = useLoaded(`/api/logistics/shipments${status ? `?status=${status}` : ''}`, {
    pick: (b: { shipments: Shipment[] }) => b.shipments,
  });
  const places = useLoaded('/api/logistics/places', { pick: (b: { places: Place[] }) => b.places });
  const placeName = new Map((places.value ?? []).map((p) => [p.id, p.name]));
  const list = shipments.value ?? [];
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('logistics.shipments.intro')}</p>
      <section className="card" aria-labelledby="shipments-title">
        <h2 id="shipments-title">{t('logistics.shipments.listTitle', { count: list.length })}</h2>
        <div className="field">
          <label htmlFor="shipment-status">{t('logistics.shipments.filter')}</label>
          <select id="shipment-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('logistics.shipments.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`logistics.shipmentStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {shipments.error && (
          <p className="error-box" role="alert">
            {shipments.error}
          </p>
        )}
        {shipments.value && list.length === 0 && <p className="muted">{t('logistics.shipments.empty')}</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <table className="logistics-table">
              <caption className="visually-hidden">{t('logistics.shipments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('logistics.shipments.goods')}</th>
                  <th scope="col">{t('logistics.shipments.weight')}</th>
                  <th scope="col">{t('logistics.shipments.route')}</th>
                  <th scope="col">{t('logistics.shipments.priority')}</th>
                  <th scope="col">{t('logistics.shipments.day')}</th>
                  <th scope="col">{t('logistics.shipments.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {s.goods.map((g) => `${f.number(g.quantity)} ${g.unit} ${g.good}`).join(', ')}
                      {s.source === 'supply-request' && s.requestedByBodyId && (
                        <span className="shipment-source">
                          <Link to={`/supply/committees/${s.requestedByBodyId}`}>
                            {t('logistics.shipments.source.supply-request')}
                          </Link>
                        </span>
                      )}
                      {s.source === 'spare-parts-order' && (
                        <span className="shipment-source">
                          {t('logistics.shipments.source.spare-parts-order')}
                        </span>
                      )}
                    </th>
                    <td>{t('logistics.kg', { kg: f.number(s.weightKg) })}</td>
                    <td>
                      {t('logistics.shipments.fromTo', {
                        from: placeName.get(s.fromPlaceId) ?? '—',
                        to: placeName.get(s.toPlaceId) ?? '—',
                      })}
                    </td>
                    <td>{t(`logistics.priority.${s.priority}`)}</td>
                    <td>
                      {s.dueDate}
                      {s.window && (
                        <span className="muted">
                          {' '}
                          {t('logistics.shipments.window', {
                            start: f.dateTime(s.window.start),
                            end: f.dateTime(s.window.end),
                          })}
                        </span>
                      )}
                    </td>
                    <td>
                      <span className={`status status-${s.status}`}>
                        {t(`logistics.shipmentStatus.${s.status}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
