import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { TableScroll } from '../app/table-scroll.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import type { Good, Point } from './supply-types.js';

/** One good's position in a period, as `GET …/shortfall` answers (the good's own unit). */
interface ShortfallLine {
  goodId: string;
  name: string;
  unit: string;
  due: number;
  claimed: number;
  onHand: number;
  inTransit: number;
  short: number;
}

/** A resupply request, as `GET …/resupply` answers. */
interface ResupplyRequest {
  id: string;
  pointId: string;
  period: string;
  status: 'requested' | 'delivered' | 'unrouted';
  shipmentId: string | null;
  unroutedReason: string | null;
  requestedAt: string;
  deliveredAt: string | null;
  lines: { goodId: string; quantity: number }[];
}

/**
 * The committee's shortfall for the period (due, claimed, in stock, on its way, short) and the
 * button that asks for it: the request becomes a shipment on the cordón's trucks, shown with its
 * state until its delivery raises the point's stock. `reloadKey` changes when live events arrive.
 */
export function ResupplySection(props: {
  committeeId: string;
  period: string;
  goods: readonly Good[];
  points: readonly Point[];
  reloadKey: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const base = `/api/supply/committees/${props.committeeId}`;
  const validPeriod = /^\d{4}-(0[1-9]|1[0-2]|W\d{2})$/.test(props.period);
  const lines = useLoaded(validPeriod ? `${base}/shortfall?period=${props.period}` : null, {
    pick: (b: { goods: ShortfallLine[] }) => b.goods,
  });
  const requests = useLoaded(`${base}/resupply`, {
    pick: (b: { requests: ResupplyRequest[] }) => b.requests,
  });
  const { reload: reloadLines } = lines;
  const { reload: reloadRequests } = requests;
  useEffect(() => {
    if (props.reloadKey === 0) return;
    void reloadLines();
    void reloadRequests();
  }, [props.reloadKey, reloadLines, reloadRequests]);
  const [pointId, setPointId] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = pointId || props.points[0]?.id || '';
  const goodName = (id: string) => props.goods.find((g) => g.id === id)?.name ?? id.slice(0, 8);
  const unitOf = (id: string) => t(`supply.unit.${props.goods.find((g) => g.id === id)?.unit ?? 'unit'}`);
  const pointName = (id: string) => props.points.find((p) => p.id === id)?.name ?? id.slice(0, 8);

  async function request() {
    setBusy(true);
    const r = await api<{ status: 'requested' | 'nothing-short'; request?: ResupplyRequest }>(
      'POST',
      `${base}/resupply`,
      { period: props.period, pointId: chosen },
    );
    setBusy(false);
    if (r.status === 'problem') {
      setMessage({ error: true, text: r.problem.detail });
      return;
    }
    setMessage({
      error: false,
      text:
        r.value.status === 'nothing-short'
          ? t('supply.resupply.nothingShort')
          : r.value.request?.status === 'unrouted'
            ? t('supply.resupply.unrouted', {
                reason: t(`supply.resupply.reason.${r.value.request.unroutedReason}`, {
                  defaultValue: r.value.request.unroutedReason ?? '',
                }),
              })
            : t('supply.resupply.requested'),
    });
    void lines.reload();
    void requests.reload();
  }

  const anyShort = (lines.value ?? []).some((l) => l.short > 0);
  return (
    <section className="card" aria-labelledby="resupply-title">
      <h2 id="resupply-title">{t('supply.resupply.title', { period: props.period })}</h2>
      <p className="hint">{t('supply.resupply.hint')}</p>
      {lines.error && <p className="error-box">{lines.error}</p>}
      {lines.value && lines.value.length === 0 && <p className="muted">{t('supply.resupply.noGoods')}</p>}
      {lines.value && lines.value.length > 0 && (
        <TableScroll label={t('supply.resupply.caption')}>
          <table className="resupply-table">
            <caption className="visually-hidden">{t('supply.resupply.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supply.resupply.good')}</th>
                <th scope="col">{t('supply.resupply.due')}</th>
                <th scope="col">{t('supply.resupply.claimed')}</th>
                <th scope="col">{t('supply.resupply.onHand')}</th>
                <th scope="col">{t('supply.resupply.inTransit')}</th>
                <th scope="col">{t('supply.resupply.short')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.value.map((l) => (
                <tr key={l.goodId} data-short={l.short > 0 ? 'yes' : 'no'}>
                  <th scope="row">
                    {l.name} <span className="muted">({t(`supply.unit.${l.unit}`)})</span>
                  </th>
                  <td>{f.number(l.due)}</td>
                  <td>{f.number(l.claimed)}</td>
                  <td>{f.number(l.onHand)}</td>
                  <td>{f.number(l.inTransit)}</td>
                  <td>
                    <strong>{f.number(l.short)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.points.length > 0 && anyShort && (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="resupply-point">{t('supply.resupply.point')}</label>
            <select id="resupply-point" value={chosen} onChange={(e) => setPointId(e.target.value)}>
              {props.points.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button" disabled={busy || !chosen} onClick={() => void request()}>
            {t('supply.resupply.request')}
          </button>
        </div>
      )}
      {message && (
        <p className={message.error ? 'error-box' : 'notice'} role="status">
          {message.text}
        </p>
      )}
      <h3>{t('supply.resupply.requestsTitle')}</h3>
      {requests.error && <p className="error-box">{requests.error}</p>}
      {requests.value && requests.value.length === 0 && <p className="muted">{t('supply.resupply.none')}</p>}
      <ul className="supply-list">
        {(requests.value ?? []).map((r) => (
          <li key={r.id} data-request-status={r.status}>
            <strong>{t(`supply.resupply.status.${r.status}`)}</strong> — {f.dateTime(r.requestedAt)} ·{' '}
            {pointName(r.pointId)} · {r.period}:{' '}
            {r.lines
              .map((l) => `${goodName(l.goodId)} ${f.number(l.quantity)} ${unitOf(l.goodId)}`)
              .join(', ')}
            {r.shipmentId && (
              <>
                {' '}
                · <Link to="/logistics/shipments">{t('supply.resupply.shipment')}</Link>
              </>
            )}
            {r.unroutedReason && (
              <> · {t(`supply.resupply.reason.${r.unroutedReason}`, { defaultValue: r.unroutedReason })}</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
