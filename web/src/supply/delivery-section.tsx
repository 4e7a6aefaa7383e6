import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import type { AllocationPreview, Delivery, Good, Household } from './supply-types.js';

/**
 * Records a delivery, shows the split the server proposes (per priority group and per household)
 * and confirms exactly that split by its digest. Officers only; the server says no to others.
 */
export function DeliverySection(props: {
  committeeId: string;
  goods: readonly Good[];
  households: readonly Household[];
  period: string;
  onConfirmed(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [goodId, setGoodId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [preview, setPreview] = useState<{ delivery: Delivery; split: AllocationPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = goodId || props.goods[0]?.id || '';
  const good = (id: string) => props.goods.find((g) => g.id === id);
  const address = (id: string) => props.households.find((h) => h.id === id)?.address ?? id.slice(0, 8);

  async function record(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(null);
    const recorded = await api<Delivery>('POST', `/api/supply/committees/${props.committeeId}/deliveries`, {
      goodId: chosen,
      period: props.period,
      quantity: Number(quantity),
    });
    if (recorded.status === 'problem') {
      setBusy(false);
      setError(recorded.problem.detail);
      return;
    }
    const split = await api<AllocationPreview>('GET', `/api/supply/deliveries/${recorded.value.id}/preview`);
    setBusy(false);
    if (split.status === 'problem') {
      setError(split.problem.detail);
      return;
    }
    setError(null);
    setPreview({ delivery: recorded.value, split: split.value });
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    const r = await api<{ total: number; households: number }>(
      'POST',
      `/api/supply/deliveries/${preview.delivery.id}/confirm`,
      { digest: preview.split.digest },
    );
    setBusy(false);
    if (r.status === 'problem') {
      setError(r.problem.detail);
      return;
    }
    setError(null);
    setPreview(null);
    setDone(
      t('supply.delivery.confirmed', { total: f.number(r.value.total), households: r.value.households }),
    );
    props.onConfirmed();
  }

  const unitOf = (id: string) => t(`supply.unit.${good(id)?.unit ?? 'unit'}`);
  return (
    <section className="card" aria-labelledby="delivery-title">
      <h2 id="delivery-title">{t('supply.delivery.title')}</h2>
      <p className="hint">{t('supply.delivery.hint', { period: props.period })}</p>
      <form className="inline-form" onSubmit={record}>
        <div className="field">
          <label htmlFor="delivery-good">{t('supply.delivery.good')}</label>
          <select id="delivery-good" value={chosen} onChange={(e) => setGoodId(e.target.value)}>
            {props.goods.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="delivery-quantity">
            {t('supply.delivery.quantity', { unit: chosen ? unitOf(chosen) : '' })}
          </label>
          <input
            id="delivery-quantity"
            inputMode="numeric"
            pattern="[0-9]*"
            required
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <button className="button button-primary" type="submit" disabled={busy || !chosen}>
          {t('supply.delivery.preview')}
        </button>
      </form>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="success-box" role="status">
          {done}
        </p>
      )}
      {preview && (
        <div className="supply-preview">
          <h3>{t('supply.delivery.previewTitle')}</h3>
          <p>
            {t('supply.delivery.summary', {
              quantity: f.number(preview.delivery.quantity),
              due: f.number(preview.split.due),
              total: f.number(preview.split.total),
              surplus: f.number(preview.split.surplus),
              unit: unitOf(preview.delivery.goodId),
            })}
          </p>
          <ul className="supply-groups">
            {preview.split.groups.map((g) => (
              <li key={g.group}>
                {t('supply.delivery.group', {
                  group: g.group,
                  claims: g.claims,
                  due: f.number(g.due),
                  awarded: f.number(g.awarded),
                })}
              </li>
            ))}
          </ul>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="supply-table-wrap" aria-label={t('supply.delivery.previewTitle')} tabIndex={0}>
            <table className="supply-table">
              <caption>{t('supply.delivery.awardsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supply.households.address')}</th>
                  <th scope="col" className="num">
                    {t('supply.delivery.due')}
                  </th>
                  <th scope="col" className="num">
                    {t('supply.delivery.award')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.split.awards.map((a) => (
                  <tr key={a.householdId}>
                    <th scope="row">{address(a.householdId)}</th>
                    <td className="num">{f.number(a.due)}</td>
                    <td className="num">{f.number(a.award)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <button
            className="button button-primary"
            type="button"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {t('supply.delivery.confirm')}
          </button>
        </div>
      )}
    </section>
  );
}
