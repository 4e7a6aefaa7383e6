import { useTranslation } from 'react-i18next';
import './overview.css';
import { Link } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import { type Overview, total } from './overview-types.js';

/** One figure with its label and where to see more. */
function Figure(props: { value: number; label: string; to: string; detail?: string }) {
  const f = useFormat();
  return (
    <li className="loop-figure">
      <Link to={props.to}>
        <span className="loop-figure-value">{f.number(props.value)}</span>
        <span className="loop-figure-label">{props.label}</span>
      </Link>
      {props.detail && <span className="loop-figure-detail">{props.detail}</span>}
    </li>
  );
}

/**
 * The loop at a glance, in its order: councils decide, workplaces report, alerts climb, committees
 * hand over and ask for what is short, trucks carry it, the land feeds it. Each figure links to the
 * page where it happens.
 */
export function OverviewPanel({ overview: o }: { overview: Overview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const by = (counts: Record<string, number>, prefix: string) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${t(`${prefix}.${k}`, { defaultValue: k })} ${f.number(n)}`)
      .join(' · ');
  const open = total(o.production.openAlertsByLevel);
  const above = open - (o.production.openAlertsByLevel['0'] ?? 0);
  const committee = o.tour.committeeId ? `/supply/committees/${o.tour.committeeId}` : '/supply';
  return (
    <section className="card overview" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('overview.title')}</h2>
      <p className="muted">{t('overview.lead', { at: f.dateTime(o.at) })}</p>
      <ul className="loop-figures">
        <Figure
          value={total(o.councils.bodies)}
          label={t('overview.bodies')}
          to="/councils"
          detail={t('overview.delegates', { count: o.councils.seatedDelegates })}
        />
        <Figure
          value={total(o.planning.plans)}
          label={t('overview.plans')}
          to={o.tour.planId ? `/planning/plans/${o.tour.planId}` : '/planning'}
          detail={by(o.planning.plans, 'overview.planStatus')}
        />
        <Figure
          value={total(o.production.workplaces)}
          label={t('overview.workplaces')}
          to="/production"
          detail={by(o.production.workplaces, 'overview.workplaceStatus')}
        />
        <Figure
          value={open}
          label={t('overview.openAlerts')}
          to="/production"
          detail={t('overview.alertsAbove', { count: above })}
        />
        <Figure
          value={o.supply.households}
          label={t('overview.households')}
          to={committee}
          detail={t('overview.claims', {
            week: o.supply.lastWeek,
            count: o.supply.claimsLastWeek,
            formatted: f.number(o.supply.claimsLastWeek),
          })}
        />
        <Figure
          value={total(o.supply.resupply)}
          label={t('overview.resupply')}
          to={committee}
          detail={by(o.supply.resupply, 'overview.resupplyStatus')}
        />
        <Figure
          value={total(o.supply.priceReports)}
          label={t('overview.priceReports')}
          to={committee}
          detail={by(o.supply.priceReports, 'overview.reportStatus')}
        />
        <Figure
          value={total(o.logistics.vehicles)}
          label={t('overview.trucks')}
          to="/logistics/fleet"
          detail={by(o.logistics.vehicles, 'overview.vehicleStatus')}
        />
        <Figure
          value={total(o.logistics.shipments)}
          label={t('overview.shipments')}
          to="/logistics/shipments"
          detail={by(o.logistics.shipments, 'overview.shipmentStatus')}
        />
        <Figure
          value={total(o.land.parcels)}
          label={t('overview.parcels')}
          to="/land"
          detail={by(o.land.parcels, 'overview.parcelStatus')}
        />
      </ul>
      <p>
        <Link to="/tour" className="button">
          {t('overview.tourLink')}
        </Link>
      </p>
    </section>
  );
}
