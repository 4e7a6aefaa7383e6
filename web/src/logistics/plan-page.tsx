import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { useMe } from '../app/auth-context.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import {
  DECIDING_ROLES,
  type Place,
  type Plan,
  type Route,
  type Shipment,
  type Vehicle,
} from './logistics-types.js';
import { ROUTE_COLOURS, RouteMap } from './route-map.js';

// While the plan is solving in its worker, ask again this often (ms); the live event usually comes first.
const POLL_MS = 1000;

/** One route plan: status and figures, the map, the routes as text, what it could not place, dispatch. */
export function PlanPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { id = '' } = useParams();
  const title = t('logistics.plan.title');
  usePageTitle(title);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dispatchError, setDispatchError] = useState<string | null>(null);
  const places = useLoaded('/api/logistics/places', { pick: (b: { places: Place[] }) => b.places });
  const vehicles = useLoaded('/api/logistics/vehicles', { pick: (b: { vehicles: Vehicle[] }) => b.vehicles });
  const shipments = useLoaded('/api/logistics/shipments', {
    pick: (b: { shipments: Shipment[] }) => b.shipments,
  });
  const shipmentById = new Map((shipments.value ?? []).map((s) => [s.id, s]));
  const placeById = new Map((places.value ?? []).map((p) => [p.id, p]));
  const vehicleById = new Map((vehicles.value ?? []).map((v) => [v.id, v]));

  const load = useCallback(async () => {
    const result = await api<Plan>('GET', `/api/logistics/plans/${id}`);
    if (result.status === 'problem') setError(result.problem.detail);
    else {
      setError(null);
      setPlan(result.value);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (plan?.status !== 'solving') return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [plan, load]);
  useEventStream({
    actions: ['logistics.plan-', 'logistics.stop-'],
    onEvent: (event) => {
      if (event.subjectId === id || event.subjectType === 'shipment') void load();
    },
  });

  const mayDispatch =
    plan !== null &&
    (plan.status === 'solved' || plan.status === 'partial') &&
    me.bodies.some((b) => b.bodyId === plan.bodyId && b.roles.some((r) => DECIDING_ROLES.includes(r)));
  const dispatch = async () => {
    const result = await api<Plan>('POST', `/api/logistics/plans/${id}/dispatch`);
    if (result.status === 'problem') setDispatchError(result.problem.detail);
    else {
      setDispatchError(null);
      setPlan(result.value);
    }
  };
  const name = (placeId: string) => placeById.get(placeId)?.name ?? '—';
  const depotOf = (r: Route) => vehicleById.get(r.vehicleId)?.depotPlaceId;
  const describe = (shipmentId: string) => {
    const s = shipmentById.get(shipmentId);
    if (!s) return shipmentId.slice(-8);
    return t('logistics.plan.shipment', {
      goods: s.goods.map((g) => `${f.number(g.quantity)} ${g.unit} ${g.good}`).join(', '),
      place: name(s.toPlaceId),
    });
  };
  const km = (m: number | null) => f.number(Math.round((m ?? 0) / 100) / 10);

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {title}
        {plan && ` · ${plan.date}`}
      </h1>
      <p>
        <Link to="/logistics">{t('logistics.plan.back')}</Link>
      </p>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {plan && (
        <section className="card" aria-labelledby="plan-figures">
          <h2 id="plan-figures">{t('logistics.plan.figures')}</h2>
          <p role="status">
            <span className={`status status-${plan.status}`}>{t(`logistics.planStatus.${plan.status}`)}</span>
            {plan.status === 'solving' && ` ${t('logistics.plan.solving')}`}
          </p>
          {plan.status !== 'solving' && plan.status !== 'failed' && (
            <dl className="figures">
              <dt>{t('logistics.plan.shipments')}</dt>
              <dd>{f.number(plan.shipmentCount)}</dd>
              <dt>{t('logistics.plan.trucks')}</dt>
              <dd>{f.number(plan.vehiclesUsed ?? 0)}</dd>
              <dt>{t('logistics.plan.distance')}</dt>
              <dd>{t('logistics.km', { km: km(plan.distanceM) })}</dd>
              <dt>{t('logistics.plan.solveTime')}</dt>
              <dd>
                {t('logistics.plan.seconds', {
                  seconds: f.number(Math.round((plan.solveMs ?? 0) / 100) / 10),
                })}
              </dd>
            </dl>
          )}
          {plan.error && <p className="error-box">{plan.error}</p>}
          {mayDispatch && (
            <button type="button" className="button button-primary" onClick={() => void dispatch()}>
              {t('logistics.plan.dispatch')}
            </button>
          )}
          {dispatchError && (
            <p className="error-box" role="alert">
              {dispatchError}
            </p>
          )}
        </section>
      )}
      {plan && plan.unplaced.length > 0 && (
        <section className="card" aria-labelledby="plan-unplaced">
          <h2 id="plan-unplaced">{t('logistics.plan.unplaced', { count: plan.unplaced.length })}</h2>
          <p className="hint">{t('logistics.plan.unplacedHint')}</p>
          <ul className="logistics-list">
            {plan.unplaced.map((u) => (
              <li key={u.shipmentId}>
                {describe(u.shipmentId)} — {t(`logistics.unplacedReason.${u.reason}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan && plan.routes.length > 0 && (
        <section className="card" aria-labelledby="plan-routes">
          <h2 id="plan-routes">{t('logistics.plan.routes')}</h2>
          <RouteMap routes={plan.routes} depotOf={depotOf} places={placeById} describedBy="route-text" />
          <ol id="route-text" className="route-text">
            {plan.routes.map((r, i) => (
              <li key={r.id}>
                <span
                  className="route-swatch"
                  style={{ background: ROUTE_COLOURS[i % ROUTE_COLOURS.length] }}
                />
                <strong>
                  {t('logistics.plan.route', {
                    number: r.number,
                    plate: vehicleById.get(r.vehicleId)?.plate ?? '—',
                  })}
                </strong>{' '}
                <span className="muted">
                  {t('logistics.plan.routeFigures', { kg: f.number(r.loadKg), km: km(r.distanceM) })}
                </span>
                <ol>
                  <li>{t('logistics.plan.from', { place: name(depotOf(r) ?? '') })}</li>
                  {r.stops.map((s) => (
                    <li key={s.id}>
                      {name(s.placeId)}{' '}
                      <span className="muted">{t('logistics.plan.load', { kg: f.number(s.loadKg) })}</span>{' '}
                      <span className={`status status-${s.status}`}>
                        {t(`logistics.stopStatus.${s.status}`)}
                      </span>
                    </li>
                  ))}
                  <li>{t('logistics.plan.backTo', { place: name(depotOf(r) ?? '') })}</li>
                </ol>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
