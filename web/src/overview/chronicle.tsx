import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../app/use-format.js';
import type { ChronicleEvent } from './overview-types.js';

/** Where an event's subject is shown, when it has a page. */
function linkOf(e: ChronicleEvent): string | null {
  switch (e.subjectType) {
    case 'workplace':
      return `/production/workplaces/${e.subjectId}`;
    case 'alert':
      return typeof e.payload.workplaceId === 'string'
        ? `/production/workplaces/${e.payload.workplaceId}`
        : '/production';
    case 'motion':
      return `/councils/motions/${e.subjectId}`;
    case 'plan':
      return `/planning/plans/${e.subjectId}`;
    case 'route-plan':
      return `/logistics/plans/${e.subjectId}`;
    case 'parcel':
      return `/land/parcels/${e.subjectId}`;
    case 'supply-request':
    case 'price-report':
      return e.scopeBodyId ? `/supply/committees/${e.scopeBodyId}` : null;
    case 'vehicle':
      return '/logistics/fleet';
    default:
      return e.scopeBodyId ? `/councils/bodies/${e.scopeBodyId}` : null;
  }
}

/** The chronicle: notable events, newest first, each with a sentence and a link to where it happened. */
export function Chronicle(props: { events: readonly ChronicleEvent[] | null; error: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="chronicle-title">
      <h2 id="chronicle-title">{t('overview.chronicle.title')}</h2>
      {props.error && <p className="error-box">{props.error}</p>}
      {props.events && props.events.length === 0 && <p className="muted">{t('overview.chronicle.none')}</p>}
      <ol className="chronicle">
        {(props.events ?? []).map((e) => {
          const to = linkOf(e);
          const sentence = t(`overview.action.${e.action}`, { defaultValue: e.action });
          return (
            <li key={e.seq} data-action={e.action}>
              <time dateTime={e.occurredAt}>{f.dateTime(e.occurredAt)}</time>{' '}
              {to ? <Link to={to}>{sentence}</Link> : sentence}
              {typeof e.payload.note === 'string' && <span className="muted"> — {e.payload.note}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
