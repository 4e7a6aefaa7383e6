import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { DECIDING_ROLES, type Place, type Vehicle } from './logistics-types.js';

const STATUSES = ['volunteered', 'requisitioned', 'returned', 'out-of-service'] as const;

/**
 * The fleet board: every truck of the pool with its status, capacity, owner and depot, counts per
 * status, and for the trucks of a pool one decides for a button to take the wheel oneself.
 */
export function FleetPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const title = t('logistics.fleet.title');
  usePageTitle(title);
  const [status, setStatus] = useState('');
  const vehicles = useLoaded(`/api/logistics/vehicles${status ? `?status=${status}` : ''}`, {
    pick: (b: { vehicles: Vehicle[] }) => b.vehicles,
  });
  const places = useLoaded('/api/logistics/places?kind=depot', {
    pick: (b: { places: Place[] }) => b.places,
  });
  const depotName = new Map((places.value ?? []).map((p) => [p.id, p.name]));
  const deciding = new Set(
    me.bodies.filter((b) => b.roles.some((r) => DECIDING_ROLES.includes(r))).map((b) => b.bodyId),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const drive = async (v: Vehicle) => {
    const result = await api<Vehicle>('PUT', `/api/logistics/vehicles/${v.id}/driver`, {
      accountId: me.accountId,
    });
    if (result.status === 'problem') setMessage({ ok: false, text: result.problem.detail });
    else {
      setMessage({ ok: true, text: t('logistics.fleet.driving', { plate: v.plate }) });
      await vehicles.reload();
    }
  };

  const list = vehicles.value ?? [];
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('logistics.fleet.intro')}</p>
      <section className="card" aria-labelledby="fleet-title">
        <h2 id="fleet-title">{t('logistics.fleet.listTitle')}</h2>
        <div className="field">
          <label htmlFor="fleet-status">{t('logistics.fleet.filter')}</label>
          <select id="fleet-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('logistics.fleet.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`logistics.vehicleStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {!status && list.length > 0 && (
          <p>
            {STATUSES.map((s) =>
              t('logistics.fleet.count', {
                n: f.number(list.filter((v) => v.status === s).length),
                status: t(`logistics.fleet.group.${s}`),
              }),
            ).join(' · ')}
          </p>
        )}
        {message && (
          <p className={message.ok ? 'success-box' : 'error-box'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        {vehicles.error && (
          <p className="error-box" role="alert">
            {vehicles.error}
          </p>
        )}
        {vehicles.value && list.length === 0 && <p className="muted">{t('logistics.fleet.empty')}</p>}
        {list.length > 0 && (
          <div className="table-scroll">
            <table className="logistics-table">
              <caption className="visually-hidden">{t('logistics.fleet.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('logistics.fleet.plate')}</th>
                  <th scope="col">{t('logistics.fleet.status')}</th>
                  <th scope="col">{t('logistics.fleet.capacity')}</th>
                  <th scope="col">{t('logistics.fleet.owner')}</th>
                  <th scope="col">{t('logistics.fleet.depot')}</th>
                  <th scope="col">{t('logistics.fleet.driver')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">{v.plate}</th>
                    <td>
                      <span className={`status status-${v.status}`}>
                        {t(`logistics.vehicleStatus.${v.status}`)}
                      </span>
                    </td>
                    <td>
                      {t('logistics.fleet.capacityValue', {
                        kg: f.number(v.capacityKg),
                        m3: f.number(v.capacityM3),
                      })}
                    </td>
                    <td>{v.owner}</td>
                    <td>{depotName.get(v.depotPlaceId) ?? '—'}</td>
                    <td>
                      {v.driverAccountId === me.accountId ? (
                        t('logistics.fleet.you')
                      ) : v.driverAccountId ? (
                        t('logistics.fleet.assigned')
                      ) : deciding.has(v.bodyId) &&
                        (v.status === 'volunteered' || v.status === 'requisitioned') ? (
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => void drive(v)}
                          aria-label={t('logistics.fleet.driveLabel', { plate: v.plate })}
                        >
                          {t('logistics.fleet.drive')}
                        </button>
                      ) : (
                        '—'
                      )}
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
