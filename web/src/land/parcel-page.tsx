import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { ShortId } from '../app/short-id.js';
import { TableScroll } from '../app/table-scroll.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { HarvestForm } from './harvest-form.js';
import type { Federation, ParcelDetail, StockList } from './land-api.js';
import { ParcelMap } from './parcel-map.js';
import { TransitionForm } from './transition-form.js';
import './land.css';

/** One parcel: its facts, outline, status history, assignments, harvests, stock and the actions open to the person. */
export function ParcelPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { id = '' } = useParams();
  const parcel = useLoaded<ParcelDetail>(`/api/parcels/${id}`);
  const federation = useLoaded<Federation>('/api/bodies');
  const p = parcel.value;
  const stock = useLoaded<StockList>(p?.assignedBodyId ? `/api/land/stock?bodyId=${p.assignedBodyId}` : null);
  usePageTitle(p?.name ?? t('land.parcel.title'));
  useEventStream({
    actions: ['land.'],
    onEvent: () => {
      parcel.reload();
      stock.reload();
    },
  });
  const bodyName = (bodyId: string | null) =>
    bodyId === null ? '—' : (federation.value?.bodies.find((b) => b.id === bodyId)?.name ?? bodyId);
  const ha = (n: number) => t('land.hectares', { value: f.number(n) });
  const kg = (n: number) => t('land.kg', { value: f.number(n) });
  const reload = () => {
    parcel.reload();
    stock.reload();
  };
  const harvester =
    p?.assignedBodyId &&
    me.bodies.some(
      (b) => b.bodyId === p.assignedBodyId && (b.roles.includes('chair') || b.roles.includes('secretary')),
    );

  if (!p)
    return (
      <div className="page">
        <h1 id="page-title" tabIndex={-1}>
          {t('land.parcel.title')}
        </h1>
        {parcel.error ? (
          <p className="error-box" role="alert">
            {parcel.error}
          </p>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </div>
    );

  return (
    <div className="page">
      <p>
        <Link to="/land">{t('land.parcel.back')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {p.name}
      </h1>
      <section className="card" aria-labelledby="parcel-facts-title">
        <h2 id="parcel-facts-title">{t('land.parcel.facts')}</h2>
        <dl className="land-facts">
          <dt>{t('land.fields.status')}</dt>
          <dd className="parcel-status">
            {t(`land.status.${p.status}`)} ({t('land.parcel.since', { date: p.statusSince })})
          </dd>
          <dt>{t('land.fields.region')}</dt>
          <dd>{p.region}</dd>
          <dt>{t('land.fields.landClass')}</dt>
          <dd>{t(`land.class.${p.landClass}`)}</dd>
          <dt>{t('land.fields.area')}</dt>
          <dd>{ha(p.areaHectares)}</dd>
          <dt>{t('land.fields.previousOwner')}</dt>
          <dd>{p.previousOwner ?? '—'}</dd>
          <dt>{t('land.fields.assignedBody')}</dt>
          <dd>{bodyName(p.assignedBodyId)}</dd>
        </dl>
        <ParcelMap
          parcels={[p]}
          title={t('land.parcel.mapTitle', { name: p.name })}
          description={t('land.parcel.mapDescription', {
            name: p.name,
            region: p.region,
            area: ha(p.areaHectares),
          })}
        />
      </section>

      <section className="card" aria-labelledby="parcel-history-title">
        <h2 id="parcel-history-title">{t('land.parcel.history')}</h2>
        <TableScroll label={t('land.scrollable', { table: t('land.parcel.history') })}>
          <table className="land-table">
            <caption className="visually-hidden">{t('land.parcel.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('land.fields.since')}</th>
                <th scope="col">{t('land.fields.status')}</th>
                <th scope="col">{t('land.parcel.decidedBy')}</th>
                <th scope="col">{t('land.parcel.motion')}</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((h) => (
                <tr key={`${h.since}-${h.status}-${h.recordedAt}`}>
                  <td>{h.since}</td>
                  <td>{t(`land.status.${h.status}`)}</td>
                  <td>{bodyName(h.decidingBodyId)}</td>
                  <td>{h.motionId ? <ShortId id={h.motionId} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className="card" aria-labelledby="parcel-harvests-title">
        <h2 id="parcel-harvests-title">{t('land.parcel.harvests')}</h2>
        {p.harvests.length === 0 ? (
          <p>{t('land.parcel.noHarvests')}</p>
        ) : (
          <TableScroll label={t('land.scrollable', { table: t('land.parcel.harvests') })}>
            <table className="land-table">
              <caption className="visually-hidden">{t('land.parcel.harvests')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('land.harvest.date')}</th>
                  <th scope="col">{t('land.harvest.product')}</th>
                  <th scope="col" className="num">
                    {t('land.harvest.quantity')}
                  </th>
                  <th scope="col">{t('land.fields.assignedBody')}</th>
                </tr>
              </thead>
              <tbody>
                {p.harvests.map((h) => (
                  <tr key={h.id}>
                    <td>{h.harvestedOn}</td>
                    <td>{h.productCode}</td>
                    <td className="num">{kg(h.quantityKg)}</td>
                    <td>{bodyName(h.bodyId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {p.assignedBodyId && (
          <>
            <h3 id="parcel-stock-title">{t('land.parcel.stock', { body: bodyName(p.assignedBodyId) })}</h3>
            {(stock.value?.stock ?? []).length === 0 ? (
              <p>{t('land.parcel.noStock')}</p>
            ) : (
              <ul className="land-stock" aria-labelledby="parcel-stock-title">
                {stock.value?.stock.map((s) => (
                  <li key={s.product}>
                    {t('land.parcel.stockLine', { product: s.product, quantity: kg(s.quantityKg) })}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="parcel-actions-title">
        <h2 id="parcel-actions-title">{t('land.parcel.actions')}</h2>
        <TransitionForm
          key={`${p.status}-${p.statusSince}`}
          parcel={p}
          me={me}
          federation={federation.value}
          onDone={reload}
        />
        {harvester && <HarvestForm parcelId={p.id} since={p.statusSince} onDone={reload} />}
      </section>
    </div>
  );
}
