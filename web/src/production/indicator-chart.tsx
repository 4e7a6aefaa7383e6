import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from './production-api.js';
import { ScrollRegion } from './scroll-region.js';
import { useElementWidth } from './use-element-width.js';
import { usePeriodFormat } from './use-period-format.js';

// Drawing size in CSS pixels: as wide as its box (so labels keep their size on a phone), at least
// MIN_W; shorter on narrow boxes.
const MIN_W = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };
// Rows in the data table alternative: the most recent periods.
const TABLE_ROWS = 30;

/**
 * An indicator's chart: the reported values as a line, the forecast band (what the forecaster
 * expected for each period, and for the next) as a shaded area, alerts marked on their periods.
 * The SVG has a title and description; a small table of the latest periods is its text alternative.
 */
export function IndicatorChart({ series, headingId }: { series: Series; headingId: string }) {
  const { t } = useTranslation();
  const fmt = usePeriodFormat();
  const { indicator, points, forecast, alerts } = series;
  const id = `chart-${indicator.id}`;
  const box = useRef<HTMLDivElement>(null);
  const W = Math.max(MIN_W, useElementWidth(box, 640));
  const H = W < 480 ? 200 : 260;
  if (points.length === 0) return <p>{t('production.chart.noData')}</p>;

  // x: one slot per period, plus one for the forecast
  const slots = points.length + (forecast ? 1 : 0);
  const values: number[] = [];
  for (const p of points) {
    values.push(p.value);
    if (p.low !== null) values.push(p.low);
    if (p.high !== null) values.push(p.high);
  }
  if (forecast) values.push(forecast.low, forecast.high, forecast.value);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max === min) {
    max += 1;
    min -= 1;
  }
  const margin = (max - min) * 0.05;
  min -= margin;
  max += margin;
  const x = (i: number) => PAD.left + (slots === 1 ? 0.5 : i / (slots - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);

  // the band as closed runs of consecutive periods that have one
  const band: { i: number; low: number; high: number }[] = points.flatMap((p, i) =>
    p.low !== null && p.high !== null ? [{ i, low: p.low, high: p.high }] : [],
  );
  if (forecast) band.push({ i: points.length, low: forecast.low, high: forecast.high });
  const runs: (typeof band)[] = [];
  for (const b of band) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.i === b.i - 1) last.push(b);
    else runs.push([b]);
  }
  const bandPaths = runs.map((run) => {
    const top = run.map((b) => `${x(b.i).toFixed(1)},${y(b.high).toFixed(1)}`);
    const bottom = [...run].reverse().map((b) => `${x(b.i).toFixed(1)},${y(b.low).toFixed(1)}`);
    return `M${top.join('L')}L${bottom.join('L')}Z`;
  });
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join('');
  const indexOf = new Map(points.map((p, i) => [p.period, i]));
  const marked = alerts.flatMap((a) => {
    const i = indexOf.get(a.period);
    const p = i === undefined ? undefined : points[i];
    return i === undefined || !p ? [] : [{ alert: a, i, value: p.value }];
  });
  const ticks = [min + margin, (min + max) / 2, max - margin];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const unit = indicator.unit;

  const description = t('production.chart.description', {
    count: points.length,
    from: fmt.day(first.period),
    to: fmt.day(last.period),
    last: fmt.value(last.value),
    unit,
    alerts: marked.length,
  });
  const forecastText = forecast
    ? t('production.chart.forecast', {
        period: fmt.day(forecast.period),
        value: fmt.value(forecast.value),
        low: fmt.value(forecast.low),
        high: fmt.value(forecast.high),
        unit,
      })
    : '';

  return (
    <figure className="indicator-chart">
      <div ref={box} className="chart-box">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width={W}
          height={H}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="chart"
        >
          <title id={`${id}-title`}>{t('production.chart.title', { name: indicator.name, unit })}</title>
          <desc id={`${id}-desc`}>
            {description} {forecastText}
          </desc>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
              <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-label">
                {fmt.value(v)}
              </text>
            </g>
          ))}
          {bandPaths.map((d) => (
            <path key={d} d={d} className="chart-band" />
          ))}
          <path d={line} className="chart-line" />
          {forecast && (
            <circle cx={x(points.length)} cy={y(forecast.value)} r={4} className="chart-forecast" />
          )}
          {marked.map((m) => (
            <g key={m.alert.id} className={`chart-alert severity-${m.alert.severity}`}>
              <line x1={x(m.i)} x2={x(m.i)} y1={PAD.top} y2={H - PAD.bottom} />
              <circle cx={x(m.i)} cy={y(m.value)} r={6} />
            </g>
          ))}
          <text x={PAD.left} y={H - 10} className="chart-label">
            {fmt.day(first.period)}
          </text>
          <text x={x(points.length - 1)} y={H - 10} textAnchor="end" className="chart-label">
            {fmt.day(last.period)}
          </text>
        </svg>
      </div>
      <figcaption className="chart-legend">
        <span className="legend-line">{t('production.chart.legendValues')}</span>
        <span className="legend-band">{t('production.chart.legendBand')}</span>
        <span className="legend-alert">{t('production.chart.legendAlert')}</span>
        {forecast && <span className="legend-forecast">{forecastText}</span>}
      </figcaption>
      <details>
        <summary>{t('production.chart.table', { count: Math.min(TABLE_ROWS, points.length) })}</summary>
        <ScrollRegion label={t('production.chart.tableCaption', { name: indicator.name })}>
          <table className="chart-table" aria-describedby={headingId}>
            <caption className="visually-hidden">
              {t('production.chart.tableCaption', { name: indicator.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('production.chart.period')}</th>
                <th scope="col" className="num">
                  {t('production.chart.value', { unit })}
                </th>
                <th scope="col" className="num">
                  {t('production.chart.band')}
                </th>
                <th scope="col">{t('production.chart.alert')}</th>
              </tr>
            </thead>
            <tbody>
              {points
                .slice(-TABLE_ROWS)
                .reverse()
                .map((p) => {
                  const a = alerts.find((al) => al.period === p.period);
                  return (
                    <tr key={p.period}>
                      <th scope="row">{fmt.day(p.period)}</th>
                      <td className="num">{fmt.value(p.value)}</td>
                      <td className="num">
                        {p.low !== null && p.high !== null
                          ? `${fmt.value(p.low)} – ${fmt.value(p.high)}`
                          : '—'}
                      </td>
                      <td>{a ? t(`production.severity.${a.severity}`, { defaultValue: a.severity }) : ''}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
