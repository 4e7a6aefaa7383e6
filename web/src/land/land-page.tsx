import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { TableScroll } from '../app/table-scroll.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { LAND_CLASSES, type Ledger, PARCEL_STATUSES, type ParcelList } from './land-api.js';
import { ParcelMap } from './parcel-map.js';
import './land.css';

// Parcels fetched for the map; the table shows the first TABLE_ROWS of them.
const MAP_LIMIT = 5000;
const TABLE_ROWS = 100;
const FILTERS = ['status', 'region', 'landClass'] as const;

/** The land register: filters, the map of the parcels, the list and the agrarian-reform ledger. */
export function LandPage() {
  const { t } = useTranslation();
  const f = useFormat();
  usePageTitle(t('land.title'));
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const query = new URLSearchParams({ limit: String(MAP_LIMIT) });
  for (const k of FILTERS) if (filter[k]) query.set(k, filter[k]);
  const list = useLoaded<ParcelList>(`/api/parcels?${query}`);
  const ledger = useLoaded<Ledger>('/api/land/ledger');
  useEventStream({
    actions: ['land.'],
    onEvent: () => {
      list.reload();
      ledger.reload();
    },
  });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = String(data.get(k) ?? '');
      if (v) next.set(k, v);
    }
    setParams(next);
  };

  // the ledger table follows the region and class filters; its columns are the statuses
  const ledgerRows = useMemo(() => {
    const rows = (ledger.value?.rows ?? []).filter(
      (r) =>
        (!filter.region || r.region === filter.region) &&
        (!filter.landClass || r.landClass === filter.landClass),
    );
    return (ledger.value?.dates ?? []).map((date) => {
      const byStatus = Object.fromEntries(PARCEL_STATUSES.map((s) => [s, 0])) as Record<string, number>;
      for (const r of rows) if (r.date === date) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.hectares;
      return { date, byStatus };
    });
  }, [ledger.value, filter.region, filter.landClass]);

  const exportQuery = new URLSearchParams();
  for (const k of FILTERS) if (filter[k]) exportQuery.set(k, filter[k]);
  const parcels = list.value?.parcels ?? [];
  const ha = (n: number) => t('land.hectares', { value: f.number(Math.round(n * 100) / 100) });

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('land.title')}
      </h1>
      <p className="lead">{t('land.intro')}</p>

      <section className="card" aria-labelledby="land-filters-title">
        <h2 id="land-filters-title">{t('land.filters.title')}</h2>
        <form className="land-filters" onSubmit={apply} key={params.toString()}>
          <div className="field">
            <label htmlFor="land-status">{t('land.fields.status')}</label>
            <select id="land-status" name="status" defaultValue={filter.status}>
              <option value="">{t('land.filters.any')}</option>
              {PARCEL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`land.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="land-region">{t('land.fields.region')}</label>
            <select id="land-region" name="region" defaultValue={filter.region}>
              <option value="">{t('land.filters.any')}</option>
              {(list.value?.regions ?? (filter.region ? [filter.region] : [])).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="land-class">{t('land.fields.landClass')}</label>
            <select id="land-class" name="landClass" defaultValue={filter.landClass}>
              <option value="">{t('land.filters.any')}</option>
              {LAND_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {t(`land.class.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <button type="submit" className="button">
              {t('land.filters.apply')}
            </button>
          </div>
        </form>
        <p role="status">
          {list.loading && !list.value
            ? t('common.loading')
            : t('land.filters.found', { count: list.value?.total ?? 0 })}
        </p>
        {list.value && list.value.total > parcels.length && (
          <p className="muted">{t('land.filters.partial', { shown: parcels.length })}</p>
        )}
        {list.error && (
          <p className="error-box" role="alert">
            {list.error}
          </p>
        )}
        <p>
          <a href={`/api/land/export?format=csv&${exportQuery}`} download>
            {t('land.export.csv')}
          </a>
          {' · '}
          <a href={`/api/land/export?format=geojson&${exportQuery}`} download>
            {t('land.export.geojson')}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="land-map-heading">
        <h2 id="land-map-heading">{t('land.map.heading')}</h2>
        <ParcelMap
          parcels={parcels}
          title={t('land.map.title')}
          description={t('land.map.description', { count: parcels.filter((p) => p.boundary).length })}
        />
      </section>

      <section className="card" aria-labelledby="land-list-title">
        <h2 id="land-list-title">{t('land.list.title')}</h2>
        {parcels.length === 0 && !list.loading ? (
          <p>{t('land.list.empty')}</p>
        ) : (
          <TableScroll label={t('land.scrollable', { table: t('land.list.title') })}>
            <table className="land-table">
              <caption className="visually-hidden">{t('land.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('land.fields.name')}</th>
                  <th scope="col">{t('land.fields.region')}</th>
                  <th scope="col">{t('land.fields.landClass')}</th>
                  <th scope="col" className="num">
                    {t('land.fields.area')}
                  </th>
                  <th scope="col">{t('land.fields.status')}</th>
                  <th scope="col">{t('land.fields.since')}</th>
                </tr>
              </thead>
              <tbody>
                {parcels.slice(0, TABLE_ROWS).map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/land/parcels/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.region}</td>
                    <td>{t(`land.class.${p.landClass}`)}</td>
                    <td className="num">{ha(p.areaHectares)}</td>
                    <td>{t(`land.status.${p.status}`)}</td>
                    <td>{p.statusSince}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {parcels.length > TABLE_ROWS && (
          <p className="muted">{t('land.list.more', { shown: TABLE_ROWS, total: list.value?.total ?? 0 })}</p>
        )}
      </section>

      <section className="card" aria-labelledby="land-ledger-title">
        <h2 id="land-ledger-title">{t('land.ledger.title')}</h2>
        <p className="muted">{t('land.ledger.intro')}</p>
        {ledger.error && (
          <p className="error-box" role="alert">
            {ledger.error}
          </p>
        )}
        <TableScroll label={t('land.scrollable', { table: t('land.ledger.title') })}>
          <table className="land-table">
            <caption className="visually-hidden">{t('land.ledger.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('land.ledger.date')}</th>
                {PARCEL_STATUSES.map((s) => (
                  <th scope="col" className="num" key={s}>
                    {t(`land.status.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ledgerRows.map((row) => (
                <tr key={row.date}>
                  <th scope="row">{row.date}</th>
                  {PARCEL_STATUSES.map((s) => (
                    <td className="num" key={s}>
                      {ha(row.byStatus[s] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
