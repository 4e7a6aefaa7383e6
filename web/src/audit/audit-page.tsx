import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { AuditEvent } from './audit-event.js';
import { AuditEventItem } from './audit-event-item.js';
import { ChainVerification } from './chain-verification.js';

const PAGE_SIZE = 25;

interface AuditPageBody {
  readonly events: AuditEvent[];
  readonly nextBefore: number | null;
}

/** The audit log, newest first, a page at a time, with a subject filter and chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);

  // only the latest read's answer is kept: the first page can arrive after a filter's
  const latest = useRef(0);
  const load = useCallback(async (filter: string, before: number | null) => {
    const request = ++latest.current;
    setBusy(true);
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (filter) query.set('subject', filter);
    if (before !== null) query.set('before', String(before));
    const result = await api<AuditPageBody>('GET', `/api/audit?${query}`);
    if (request !== latest.current) return;
    setBusy(false);
    if (result.status === 'problem') {
      setError(result.problem.detail);
      return;
    }
    setError(null);
    setEvents((old) => (before === null ? result.value.events : [...old, ...result.value.events]));
    setNextBefore(result.value.nextBefore);
  }, []);

  useEffect(() => {
    void load('', null);
  }, [load]);

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('subject') ?? '').trim();
    setSubject(value);
    void load(value, null);
  };

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('audit.title')}
      </h1>
      <p className="lead">{t('audit.intro')}</p>
      <ChainVerification />
      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('audit.listLabel')}</h2>
        <form className="inline-form" onSubmit={applyFilter}>
          <div className="field">
            <label htmlFor="audit-subject">{t('audit.filterLabel')}</label>
            <input id="audit-subject" name="subject" defaultValue={subject} spellCheck={false} />
          </div>
          <button type="submit" className="button">
            {t('audit.filterApply')}
          </button>
          {subject && (
            <button
              type="reset"
              className="button button-quiet"
              onClick={() => {
                setSubject('');
                void load('', null);
              }}
            >
              {t('audit.filterClear')}
            </button>
          )}
        </form>
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        {events.length === 0 && !busy && !error ? <p>{t('audit.empty')}</p> : null}
        {events.length > 0 && (
          <ol className="event-list" aria-labelledby="events-title">
            {events.map((event) => (
              <AuditEventItem key={event.seq} event={event} />
            ))}
          </ol>
        )}
        <p className="visually-hidden" role="status">
          {busy ? t('audit.loading') : t('audit.shown', { shown: events.length })}
        </p>
        {nextBefore !== null ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void load(subject, nextBefore)}
          >
            {busy ? t('audit.loading') : t('audit.loadOlder')}
          </button>
        ) : (
          events.length > 0 && <p className="muted">{t('audit.end')}</p>
        )}
      </section>
    </div>
  );
}
