import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../app/api-client.js';
import { usePageTitle } from '../app/use-page-title.js';

/** Largest photo the server takes (src/supply/core/report-photo.ts); checked here first to spare the upload. */
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

/** A file's bytes as base64 (the report is JSON). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * `/supply/committees/:id/report`: any signed-in person reports a sale above the official price or
 * hoarding to a supply committee, anonymously if they wish (the price in escudos, stored in
 * centésimos), with an optional photo whose EXIF (camera position) the server removes.
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
  const [photo, setPhoto] = useState<File | null>(null);
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
    if (photo && photo.size > PHOTO_MAX_BYTES) {
      setError(t('supply.report.photoTooLarge', { mb: (photo.size / 2 ** 20).toFixed(1) }));
      return;
    }
    setBusy(true);
    const r = await api('POST', `/api/supply/committees/${id}/price-reports`, {
      ...(photo ? { photo: await base64Of(photo) } : {}),
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
          <div className="field">
            <label htmlFor="report-photo">{t('supply.report.photo')}</label>
            <input
              id="report-photo"
              type="file"
              accept={PHOTO_TYPES}
              aria-describedby="report-photo-hint"
              onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            />
            <p className="hint" id="report-photo-hint">
              {t('supply.report.photoHint')}
            </p>
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
