import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import type { ClaimFlag } from './supply-types.js';

/** Offline claims that could not stand at sync (doubles and others), kept for the officers to review. */
export function FlagsSection(props: {
  flags: readonly ClaimFlag[] | null;
  error: string | null;
  onReviewed(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function review(id: string) {
    const r = await api('POST', `/api/supply/claim-flags/${id}/review`, { notes: notes[id] ?? '' });
    if (r.status === 'problem') setError(r.problem.detail);
    else {
      setError(null);
      props.onReviewed();
    }
  }
  return (
    <section className="card" aria-labelledby="flags-title">
      <h2 id="flags-title">{t('supply.flags.title')}</h2>
      {props.error && <p className="error-box">{props.error}</p>}
      {props.flags && props.flags.length === 0 && <p className="muted">{t('supply.flags.none')}</p>}
      <ul className="supply-list">
        {(props.flags ?? []).map((flag) => (
          <li key={flag.id}>
            <strong>{t(`supply.flagReason.${flag.reason}`, { defaultValue: flag.reason })}</strong>{' '}
            {t('supply.flags.line', { quantity: f.number(flag.quantity), at: f.dateTime(flag.claimedAt) })}{' '}
            <span className="muted">{flag.detail}</span>
            {flag.status === 'open' ? (
              <div className="inline-form">
                <div className="field">
                  <label htmlFor={`flag-notes-${flag.id}`}>{t('supply.flags.notes')}</label>
                  <input
                    id={`flag-notes-${flag.id}`}
                    value={notes[flag.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [flag.id]: e.target.value })}
                  />
                </div>
                <button
                  className="button"
                  type="button"
                  disabled={!(notes[flag.id] ?? '').trim()}
                  onClick={() => void review(flag.id)}
                >
                  {t('supply.flags.review')}
                </button>
              </div>
            ) : (
              <span className="tag">{t('supply.flags.reviewed')}</span>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
