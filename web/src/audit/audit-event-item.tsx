import { useTranslation } from 'react-i18next';
import { ShortId } from '../app/short-id.js';
import { useFormat } from '../app/use-format.js';
import type { AuditEvent } from './audit-event.js';

/** One event of the audit list: action, time, subject, actor and the start of its hash. */
export function AuditEventItem({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="event">
      <div className="event-head">
        <span className="event-action">{t(`actions.${event.action}`, { defaultValue: event.action })}</span>
        <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
      </div>
      <dl className="event-facts">
        <div>
          <dt className="visually-hidden">#</dt>
          <dd>{t('audit.seq', { seq: format.number(event.seq) })}</dd>
        </div>
        <div>
          <dt>{t('audit.subject')}</dt>
          <dd>
            {t(`subjects.${event.subjectType}`, { defaultValue: event.subjectType })}{' '}
            <ShortId id={event.subjectId} />
          </dd>
        </div>
        <div>
          <dt>{t('audit.actor')}</dt>
          <dd>{event.actorId ? <ShortId id={event.actorId} /> : t('audit.system')}</dd>
        </div>
        <div>
          <dt>{t('audit.hash')}</dt>
          <dd>
            <code title={event.hash}>{event.hash.slice(0, 12)}</code>
          </dd>
        </div>
      </dl>
    </li>
  );
}
