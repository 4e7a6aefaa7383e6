import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { usePageTitle } from '../app/use-page-title.js';

/**
 * `/supply/committees/:id/report`: any signed-in person reports a sale above the official price or
 * hoarding to a supply committee, anonymously if they wish (the price in escudos, stored in
 * centésimos).
 */
export function PriceReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  usePageTitle(t('supply.report.title'));
  const [kind, setKind] = useState<'overprice' | 'hoarding'>('overprice');
  const [goodCode, setGoodCode] = useState('');
  const [place, setPlace] = useState('');
  const [price, setPrice] = useState('');
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const escudos = Number(price.replace(',', '.'));
    if (price.trim() !== '' && !(Number.isFinite(escudos) && escudos >= 0)) {
      setError(t('supply.report.badPrice'));
      return;
    }
    setBusy(true);
    const r = await api('POST', `/api/supply/committees/${id}/price-reports`, {
      kind,
      goodCode: goodCode.trim().toLowerCase(),
      place: place.trim(),
      priceCentesimos: price.trim() === '' ? null : Math.round(escudos * 100),
      description: description.trim(),
      anonymous,
    });
    setBusy(false);
    if (r.status === 'problem') {
      setError(r.problem.detail);
      return;
    }
    setError(null);
    setSent(true);
  }

  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('supply.report.title')}
      </h1>
      <p className="lead">{t('supply.report.lead')}</p>
      {sent ? (
        <p className="success-box" role="status">
          {t('supply.report.sent')} <Link to={`/supply/committees/${id}`}>{t('supply.report.back')}</Link>
        </p>
      ) : (
        <form className="card supply-form" onSubmit={submit}>
          <fieldset className="checkboxes">
            <legend>{t('supply.report.kind')}</legend>
            {(['overprice', 'hoarding'] as const).map((k) => (
              <label key={k} className="checkbox">
                <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
                {t(`supply.reportKind.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="report-good">{t('supply.report.good')}</label>
            <input
              id="report-good"
              required
              pattern="[a-zA-Z0-9-]{1,40}"
              aria-describedby="report-good-hint"
              value={goodCode}
              onChange={(e) => setGoodCode(e.target.value)}
            />
            <p className="hint" id="report-good-hint">
              {t('supply.report.goodHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="report-place">{t('supply.report.place')}</label>
            <input id="report-place" required value={place} onChange={(e) => setPlace(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="report-price">{t('supply.report.price')}</label>
            <input
              id="report-price"
              inputMode="decimal"
              value={price}
              onChange={(e) => setPrice(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="report-description">{t('supply.report.description')}</label>
            <textarea
              id="report-description"
              className="supply-text"
              rows={3}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            {t('supply.report.anonymous')}
          </label>
          {error && (
            <p className="error-box" role="alert">
              {error}
            </p>
          )}
          <button className="button button-primary" type="submit" disabled={busy}>
            {t('supply.report.send')}
          </button>
        </form>
      )}
    </div>
  );
}
