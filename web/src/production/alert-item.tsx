import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { AlertComments } from './alert-comments.js';
import { Countdown } from './countdown.js';
import type { Alert } from './production-api.js';
import { usePeriodFormat } from './use-period-format.js';

/** What the board knows about an alert's surroundings: names for its ids. */
export interface AlertNames {
  readonly workplace?: string;
  readonly indicator?: string;
  /** The body that must answer now. */
  readonly body?: string;
}

/**
 * One alert on a board: severity, workplace, indicator, escalation level with the body that must
 * answer, the countdown to its acknowledgement deadline, and acknowledge / comment / resolve. The
 * server decides who may do what; its sentence is shown when it refuses.
 */
export function AlertItem({
  alert,
  names,
  onChanged,
}: {
  alert: Alert;
  names: AlertNames;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const fmt = usePeriodFormat();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const noteId = `alert-note-${alert.id}`;

  const send = async (path: string, body: unknown, message: string) => {
    setBusy(true);
    const result = await api('POST', `/api/alerts/${alert.id}/${path}`, body);
    setBusy(false);
    if (result.status === 'problem') {
      setError(result.problem.detail);
      setDone(null);
      return;
    }
    setError(null);
    setDone(message);
    setNote('');
    setVersion((n) => n + 1);
    onChanged();
  };
  const comment = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send('comments', { text: note.trim() }, t('production.alert.commented'));
  };

  const open = alert.status === 'open';
  return (
    <li className={`alert-item severity-${alert.severity}`} data-alert-id={alert.id} data-level={alert.level}>
      <div className="alert-head">
        <span className={`tag severity-tag severity-tag-${alert.severity}`}>
          {t(`production.severity.${alert.severity}`, { defaultValue: alert.severity })}
        </span>
        <strong className="alert-title">
          {names.indicator ?? t('production.alert.indicator')} ·{' '}
          {t(`production.kind.${alert.kind}`, { defaultValue: alert.kind })}
        </strong>
      </div>
      <dl className="alert-facts">
        <div>
          <dt>{t('production.alert.workplace')}</dt>
          <dd>
            <Link to={`/production/workplaces/${alert.workplaceId}`}>
              {names.workplace ?? t('production.alert.workplace')}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('production.alert.period')}</dt>
          <dd>{fmt.day(alert.period)}</dd>
        </div>
        <div>
          <dt>{t('production.alert.level')}</dt>
          <dd className="alert-level">
            {t('production.alert.levelValue', {
              level: alert.level,
              name: t(`production.level.${alert.levelName}`, { defaultValue: alert.levelName }),
            })}
            {names.body ? ` — ${names.body}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('production.alert.status')}</dt>
          <dd>{t(`production.alertStatus.${alert.status}`, { defaultValue: alert.status })}</dd>
        </div>
        {alert.deadline && open && (
          <div>
            <dt>{t('production.alert.deadline')}</dt>
            <dd>
              <time dateTime={alert.deadline}>{f.dateTime(alert.deadline)}</time>
              <br />
              <Countdown deadline={alert.deadline} />
            </dd>
          </div>
        )}
        {alert.resolution && (
          <div>
            <dt>{t('production.alert.resolution')}</dt>
            <dd>{alert.resolution}</dd>
          </div>
        )}
      </dl>
      {open && (
        <p className="alert-acknowledge">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void send('acknowledge', undefined, t('production.alert.acknowledged'))}
          >
            {t('production.alert.acknowledge')}
          </button>
        </p>
      )}
      {alert.status !== 'resolved' && (
        <form className="alert-actions" onSubmit={comment}>
          <div className="field alert-note">
            <label htmlFor={noteId}>{t('production.alert.note')}</label>
            <input id={noteId} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy || note.trim() === ''}>
            {t('production.alert.comment')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || note.trim() === ''}
            onClick={() => void send('resolve', { resolution: note.trim() }, t('production.alert.resolved'))}
          >
            {t('production.alert.resolve')}
          </button>
        </form>
      )}
      <AlertComments alertId={alert.id} version={version} />
      <div aria-live="polite">
        {error && <p className="error-box">{error}</p>}
        {done && <p className="success-box">{done}</p>}
      </div>
    </li>
  );
}
