import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';

/** Reports a harvest of an assigned parcel (its committee's chair or secretary); it becomes stock. */
export function HarvestForm({
  parcelId,
  since,
  onDone,
}: {
  parcelId: string;
  since: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const result = await api('POST', `/api/parcels/${parcelId}/harvests`, {
      productCode: String(data.get('productCode') ?? '').trim(),
      quantityKg: Number(data.get('quantityKg')),
      harvestedOn: String(data.get('harvestedOn') ?? ''),
    });
    setBusy(false);
    if (result.status === 'problem') setError(result.problem.detail);
    else {
      setError(null);
      form.reset();
      onDone();
    }
  };
  return (
    <form className="land-form" onSubmit={submit} aria-labelledby="land-harvest-title">
      <h3 id="land-harvest-title">{t('land.harvest.title')}</h3>
      <div className="field">
        <label htmlFor="land-harvest-product">{t('land.harvest.product')}</label>
        <input
          id="land-harvest-product"
          name="productCode"
          required
          list="land-products"
          spellCheck={false}
        />
        <datalist id="land-products">
          {['wheat', 'maize', 'potato', 'beans', 'oats', 'sugar-beet'].map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <p className="hint">{t('land.harvest.productHint')}</p>
      </div>
      <div className="field">
        <label htmlFor="land-harvest-kg">{t('land.harvest.quantity')}</label>
        <input
          id="land-harvest-kg"
          name="quantityKg"
          type="number"
          min={1}
          step={1}
          required
          inputMode="numeric"
        />
      </div>
      <div className="field">
        <label htmlFor="land-harvest-date">{t('land.harvest.date')}</label>
        <input id="land-harvest-date" name="harvestedOn" type="date" required min={since} />
      </div>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('land.harvest.submit')}
        </button>
      </div>
    </form>
  );
}
