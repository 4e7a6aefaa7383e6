import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardCode } from '../../../src/supply/search-terms.js';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { CardQr } from './card-qr.js';
import type { Good, Household, IssuedCard } from './supply-types.js';

/**
 * The committee's households with their members, and a button per household that issues its
 * signed ration card for the period; the token is shown as a printable QR code and as text.
 */
export function HouseholdsSection(props: {
  households: readonly Household[] | null;
  error: string | null;
  period: string;
  goods: readonly Good[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [card, setCard] = useState<IssuedCard | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function issue(h: Household) {
    setBusy(true);
    const r = await api<IssuedCard>('POST', `/api/supply/households/${h.id}/cards`, { period: props.period });
    setBusy(false);
    if (r.status === 'problem') {
      setError(r.problem.detail);
      return;
    }
    setError(null);
    setAddress(h.address);
    setCard(r.value);
  }

  const good = (id: string) => props.goods.find((g) => g.id === id);
  return (
    <section className="card" aria-labelledby="households-title">
      <h2 id="households-title">{t('supply.households.title')}</h2>
      {props.error && <p className="error-box">{props.error}</p>}
      {props.households && props.households.length === 0 && (
        <p className="muted">{t('supply.households.none')}</p>
      )}
      <ul className="supply-list supply-households">
        {(props.households ?? []).map((h) => (
          <li key={h.id}>
            {h.name && <strong>{h.name}</strong>} <span className="supply-address">{h.address}</span>{' '}
            <span className="muted">
              {h.members
                .map((m) =>
                  [
                    t(`supply.ageBand.${m.ageBand}`, { defaultValue: m.ageBand }),
                    ...m.needs.map((n) => t(`supply.category.${n}`, { defaultValue: n })),
                  ].join(' · '),
                )
                .join(', ')}
            </span>{' '}
            <button
              className="button button-quiet"
              type="button"
              disabled={busy}
              onClick={() => void issue(h)}
              aria-label={t('supply.households.issueFor', { address: h.address })}
            >
              {t('supply.households.issue')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {card && (
        <div className="supply-card" role="status">
          <h3>{t('supply.households.cardTitle', { address, period: card.period })}</h3>
          <ul>
            {card.items.map((i) => (
              <li key={i.goodId}>
                {t('supply.households.cardItem', {
                  good: good(i.goodId)?.name ?? i.goodId.slice(0, 8),
                  quantity: f.number(i.quantity),
                  unit: t(`supply.unit.${good(i.goodId)?.unit ?? 'unit'}`),
                })}
              </li>
            ))}
          </ul>
          <CardQr token={card.token} label={t('supply.households.qr')} />
          <p className="supply-card-code">
            {t('supply.households.cardCode', { code: cardCode(card.householdId) })}
          </p>
          <label htmlFor="issued-token">{t('supply.households.token')}</label>
          <textarea id="issued-token" className="supply-token" readOnly value={card.token} rows={3} />
        </div>
      )}
    </section>
  );
}
