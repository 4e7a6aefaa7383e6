import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import type { PriceReport } from './supply-types.js';

const NEXT: Record<string, 'checked' | 'resolved' | undefined> = { open: 'checked', checked: 'resolved' };

/** The committee's board of price and hoarding reports; officers move each open → checked → resolved with notes. */
export function PriceBoard({ committeeId }: { committeeId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  // Centésimos shown as escudos with two decimals, in the UI's number style.
  const escudos = (centesimos: number) =>
    (centesimos / 100).toLocaleString(i18n.language === 'es' ? 'es-CL' : 'en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  const reports = useLoaded(`/api/supply/committees/${committeeId}/price-reports`, {
    pick: (b: { reports: PriceReport[] }) => b.reports,
  });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function advance(r: PriceReport, to: 'checked' | 'resolved') {
    const result = await api('POST', `/api/supply/price-reports/${r.id}/advance`, {
      to,
      notes: notes[r.id] ?? '',
    });
    if (result.status === 'problem') setError(result.problem.detail);
    else {
      setError(null);
      void reports.reload();
    }
  }
  return (
    <section className="card" aria-labelledby="board-title">
      <h2 id="board-title">{t('supply.board.title')}</h2>
      {reports.error && <p className="error-box">{reports.error}</p>}
      {reports.value && reports.value.length === 0 && <p className="muted">{t('supply.board.none')}</p>}
      <ul className="supply-list">
        {(reports.value ?? []).map((r) => {
          const next = NEXT[r.status];
          return (
            <li key={r.id}>
              <span className="tag">{t(`supply.reportStatus.${r.status}`, { defaultValue: r.status })}</span>{' '}
              <strong>{t(`supply.reportKind.${r.kind}`)}</strong>{' '}
              {t('supply.board.line', {
                good: r.goodCode,
                place: r.place,
                at: f.dateTime(r.reportedAt),
              })}
              {r.priceCentesimos !== null && (
                <> {t('supply.board.price', { price: escudos(r.priceCentesimos) })}</>
              )}
              {r.description && <p>{r.description}</p>}
              {r.photo && (
                <a href={`/api/supply/price-reports/${r.id}/photo`} target="_blank" rel="noreferrer">
                  <img
                    className="supply-report-photo"
                    src={`/api/supply/price-reports/${r.id}/photo`}
                    alt={t('supply.board.photo', { place: r.place })}
                    loading="lazy"
                  />
                </a>
              )}
              {r.notes && <p className="muted">{t('supply.board.notes', { notes: r.notes })}</p>}
              {next && (
                <div className="inline-form">
                  <div className="field">
                    <label htmlFor={`report-notes-${r.id}`}>{t('supply.board.notesLabel')}</label>
                    <input
                      id={`report-notes-${r.id}`}
                      value={notes[r.id] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
                    />
                  </div>
                  <button className="button" type="button" onClick={() => void advance(r, next)}>
                    {t(`supply.board.to.${next}`)}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
