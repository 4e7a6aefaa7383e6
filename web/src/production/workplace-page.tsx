import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useEventStream } from '../app/use-event-stream.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { WorkplaceQuotas } from '../planning/workplace-quotas.js';
import { AlertItem } from './alert-item.js';
import { IndicatorChart } from './indicator-chart.js';
import type { Indicator, Series, WorkplaceDetail } from './production-api.js';
import { SparePartsSection } from './spare-parts-section.js';
import { usePeriodFormat } from './use-period-format.js';

// Periods drawn per chart.
const SERIES_LIMIT = 90;

function IndicatorSection({
  indicator,
  workplaceName,
  tick,
}: {
  indicator: Indicator;
  workplaceName: string | undefined;
  tick: number;
}) {
  const { t } = useTranslation();
  const series = useLoaded<Series>(`/api/indicators/${indicator.id}/series?limit=${SERIES_LIMIT}`);
  const { reload } = series;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const headingId = `indicator-${indicator.id}`;
  const open = series.value?.alerts.filter((a) => a.status !== 'resolved') ?? [];
  return (
    <section className="card indicator" aria-labelledby={headingId} data-indicator-id={indicator.id}>
      <h3 id={headingId}>{indicator.name}</h3>
      <p className="muted">
        {t('production.indicator.facts', {
          kind: t(`production.indicatorKind.${indicator.kind}`, { defaultValue: indicator.kind }),
          unit: indicator.unit,
          frequency: t(`production.frequency.${indicator.frequency}`, { defaultValue: indicator.frequency }),
        })}
      </p>
      {series.error && (
        <p className="error-box" role="alert">
          {series.error}
        </p>
      )}
      {series.value ? (
        <>
          <p className="indicator-alerts">{t('production.indicator.openAlerts', { count: open.length })}</p>
          <IndicatorChart series={series.value} headingId={headingId} />
          {open.length > 0 && (
            <ul
              className="alert-list"
              aria-label={t('production.indicator.alertsOf', { name: indicator.name })}
            >
              {open.map((a) => (
                <AlertItem
                  key={a.id}
                  alert={a}
                  names={{ workplace: workplaceName, indicator: indicator.name }}
                  onChanged={reload}
                />
              ))}
            </ul>
          )}
        </>
      ) : (
        !series.error && <p>{t('common.loading')}</p>
      )}
    </section>
  );
}

/**
 * `/production/workplaces/:id`: a workplace with its status history and, for its assembly's
 * members and the delegates above, a chart per indicator, redrawn live as reports arrive.
 */
export function WorkplacePage() {
  const { t } = useTranslation();
  const fmt = usePeriodFormat();
  const { id = '' } = useParams();
  const workplace = useLoaded<WorkplaceDetail>(`/api/workplaces/${id}`);
  const indicators = useLoaded<{ indicators: Indicator[] }>(`/api/workplaces/${id}/indicators`);
  usePageTitle(workplace.value?.name ?? t('production.workplace.title'));
  // each live event makes every chart fetch its series again
  const [tick, setTick] = useState(0);
  const stream = useEventStream({
    actions: ['production.'],
    onEvent: () => {
      setTick((n) => n + 1);
      workplace.reload();
    },
  });
  const w = workplace.value;

  return (
    <div className="page">
      <p>
        <Link to="/production">{t('production.workplace.back')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {w?.name ?? t('production.workplace.title')}
      </h1>
      {workplace.error && (
        <p className="error-box" role="alert">
          {workplace.error}
        </p>
      )}
      {w && (
        <section className="card" aria-labelledby="workplace-facts-title">
          <h2 id="workplace-facts-title">{t('production.workplace.facts')}</h2>
          <dl className="workplace-facts">
            <div>
              <dt>{t('production.workplace.sector')}</dt>
              <dd>{w.sector}</dd>
            </div>
            <div>
              <dt>{t('production.workplace.status')}</dt>
              <dd className="workplace-status">
                {t(`production.status.${w.status}`, { defaultValue: w.status })}
              </dd>
            </div>
            <div>
              <dt>{t('production.workplace.workforce')}</dt>
              <dd>{fmt.value(w.workforce)}</dd>
            </div>
          </dl>
          {w.statusHistory.length > 0 && (
            <>
              <h3>{t('production.workplace.history')}</h3>
              <ol className="status-history">
                {w.statusHistory.map((h) => (
                  <li key={`${h.since}-${h.recordedAt}`}>
                    {t('production.workplace.since', {
                      status: t(`production.status.${h.status}`, { defaultValue: h.status }),
                      date: fmt.day(h.since),
                    })}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
      {w && <WorkplaceQuotas workplaceId={w.id} />}
      <section aria-labelledby="indicators-title">
        <div className="card-heading">
          <h2 id="indicators-title">{t('production.indicator.title')}</h2>
          <span className={`stream-status stream-${stream}`} role="status">
            {t(`home.stream.${stream}`)}
          </span>
        </div>
        {indicators.error && <p className="notice">{indicators.error}</p>}
        {indicators.value?.indicators.length === 0 && <p>{t('production.indicator.none')}</p>}
        {indicators.value?.indicators.map((i) => (
          <IndicatorSection key={i.id} indicator={i} workplaceName={w?.name} tick={tick} />
        ))}
      </section>
      {w && <SparePartsSection workplace={w} tick={tick} />}
    </div>
  );
}
