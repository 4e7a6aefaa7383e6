import { useTranslation } from 'react-i18next';
import { TableScroll } from '../app/table-scroll.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import type { Fulfilment } from './planning-api.js';

type Names = (id: string) => { name: string; unit: string };

interface Row {
  readonly key: string;
  readonly label: string;
  readonly quota: number;
  readonly reported: number;
  readonly unit: string;
}

// Drawing units (the SVG scales to its box): label column, bar column, row height.
const LABEL_W = 290;
const BAR_W = 300;
const ROW_H = 26;

/**
 * Reported output against quota as horizontal bars (SVG): the full bar is the quota, the filled
 * part what was reported, the dashed line where a steady pace would stand today. The table
 * under it says the same in text.
 */
function FulfilmentChart({
  rows,
  elapsed,
  title,
  id,
}: {
  rows: Row[];
  elapsed: number;
  title: string;
  id: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const H = rows.length * ROW_H + 24;
  const W = LABEL_W + BAR_W + 80;
  const pace = LABEL_W + elapsed * BAR_W;
  return (
    <figure className="fulfilment-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('planning.fulfilment.desc', { pace: Math.round(elapsed * 100) })}</desc>
        {rows.map((r, i) => {
          const share = r.quota > 0 ? r.reported / r.quota : 0;
          const y = i * ROW_H + 4;
          return (
            <g key={r.key}>
              <text x={LABEL_W - 8} y={y + ROW_H / 2 + 2} textAnchor="end" className="chart-label">
                {r.label.length > 42 ? `${r.label.slice(0, 41)}…` : r.label}
              </text>
              <rect x={LABEL_W} y={y + 4} width={BAR_W} height={ROW_H - 10} className="bar-quota" />
              <rect
                x={LABEL_W}
                y={y + 4}
                width={Math.min(1, share) * BAR_W}
                height={ROW_H - 10}
                className={share >= elapsed ? 'bar-reported on-pace' : 'bar-reported behind'}
              />
              <text x={LABEL_W + BAR_W + 6} y={y + ROW_H / 2 + 2} className="chart-label">
                {`${Math.round(share * 100)} %`}
              </text>
            </g>
          );
        })}
        <line x1={pace} x2={pace} y1={0} y2={H - 20} className="pace-line" />
        <text x={pace} y={H - 6} textAnchor="middle" className="chart-label">
          {t('planning.fulfilment.today')}
        </text>
      </svg>
      <figcaption className="muted">{t('planning.fulfilment.legend')}</figcaption>
      <TableScroll label={title}>
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">{t('planning.fulfilment.what')}</th>
              <th scope="col">{t('planning.quota')}</th>
              <th scope="col">{t('planning.fulfilment.reported')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>
                  {fmt.number(r.quota)} {r.unit}
                </td>
                <td>
                  {fmt.number(r.reported)} {r.unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}

/** Fulfilment of an adopted plan: per product, per cordón and per workplace. */
export function FulfilmentSection({ planId, names }: { planId: string; names: Names }) {
  const { t } = useTranslation();
  const f = useLoaded<Fulfilment>(`/api/planning/plans/${planId}/fulfilment`);
  const v = f.value;
  return (
    <section className="card" aria-labelledby="fulfilment-title">
      <h2 id="fulfilment-title">{t('planning.fulfilment.title')}</h2>
      {f.error && (
        <p className="error-box" role="alert">
          {f.error}
        </p>
      )}
      {v && (
        <>
          <h3>{t('planning.fulfilment.byProduct')}</h3>
          <FulfilmentChart
            id="fulfilment-products"
            title={t('planning.fulfilment.byProduct')}
            elapsed={v.elapsed}
            rows={v.products.map((r) => ({
              key: r.productId,
              label: names(r.productId).name,
              quota: r.quota,
              reported: r.reported,
              unit: names(r.productId).unit,
            }))}
          />
          <h3>{t('planning.fulfilment.byCordon')}</h3>
          <FulfilmentChart
            id="fulfilment-cordones"
            title={t('planning.fulfilment.byCordon')}
            elapsed={v.elapsed}
            rows={v.cordones.map((r) => ({
              key: `${r.cordonId}-${r.productId}`,
              label: `${r.name} · ${names(r.productId).name}`,
              quota: r.quota,
              reported: r.reported,
              unit: names(r.productId).unit,
            }))}
          />
          <h3>{t('planning.fulfilment.byWorkplace')}</h3>
          <FulfilmentChart
            id="fulfilment-workplaces"
            title={t('planning.fulfilment.byWorkplace')}
            elapsed={v.elapsed}
            rows={v.workplaces.map((r) => ({
              key: `${r.workplaceId}-${r.productId}`,
              label: `${r.name} · ${names(r.productId).name}`,
              quota: r.quota,
              reported: r.reported,
              unit: names(r.productId).unit,
            }))}
          />
        </>
      )}
    </section>
  );
}
