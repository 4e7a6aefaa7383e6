import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CardVerification } from '../../../src/supply/core/verify-card.js';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { usePageTitle } from '../app/use-page-title.js';
import { checkCard, type PublishedKey } from './check-card.js';
import { type OfflineClaim, offlineClaims } from './offline-claims.js';
import { type Basket, currentPeriod, type Point } from './supply-types.js';
import { useSupplyData } from './use-supply-data.js';

interface Checked {
  readonly token: string;
  readonly verdict: CardVerification;
  /** Milliseconds the browser took to verify the signature. */
  readonly ms: number;
}

/** What happened to one handover: recorded (or queued offline), or the server's refusal. */
type Handover = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

/** The server's answer for one offline claim at sync. */
type SyncResult =
  | { readonly key: string; readonly status: 'recorded' | 'replayed' }
  | { readonly key: string; readonly status: 'flagged'; readonly reason: string };

/**
 * `/supply/points/:id`, phone-first: a card token (pasted or typed) is verified in the browser
 * against the committee's published keys, without a round trip; a valid card shows what is due
 * and each good is handed over once (`POST …/claims` with a key per handover, so a retry is the
 * same claim); a second handover shows the server's refusal. Without the network the page keeps
 * working from its last keys, basket and stock: handovers wait in IndexedDB and are synced when the
 * network is back (or on demand); doubles found at sync are shown as flagged, never dropped.
 */
export function PointPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const point = useSupplyData(`/api/supply/points/${id}/stock`, (b: Point) => b, { offline: true });
  const committeeId = point.value?.committeeId ?? null;
  // Basket and published keys are kept too, so cards are verified and handed over offline.
  const basket = useSupplyData(
    committeeId && `/api/supply/committees/${committeeId}/basket`,
    (b: Basket) => b,
    { offline: true },
  );
  const keys = useSupplyData(
    committeeId && `/api/supply/committees/${committeeId}/keys`,
    (b: { keys: PublishedKey[] }) => b.keys,
    { offline: true },
  );
  const [period, setPeriod] = useState(currentPeriod());
  const [token, setToken] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [handovers, setHandovers] = useState<Record<string, Handover>>({});
  const [claimKeys, setClaimKeys] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<OfflineClaim[]>([]);
  const [synced, setSynced] = useState<readonly SyncResult[] | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const reloadPoint = point.reload;

  const sync = useCallback(async () => {
    const waiting = await offlineClaims.of(id);
    setPending(waiting);
    const first = waiting[0];
    if (!first) return;
    const r = await api<{ results: SyncResult[] }>(
      'POST',
      `/api/supply/committees/${first.committeeId}/claims/sync`,
      {
        pointId: id,
        claims: waiting.map((c) => ({
          key: c.key,
          goodId: c.goodId,
          period: c.period,
          quantity: c.quantity,
          card: c.card,
          claimedAt: c.claimedAt,
        })),
      },
    );
    if (r.status === 'problem') {
      setSyncError(r.problem.detail);
      return;
    }
    setSyncError(null);
    await offlineClaims.remove(r.value.results.map((x) => x.key));
    setSynced(r.value.results);
    setPending(await offlineClaims.of(id));
    void reloadPoint();
  }, [id, reloadPoint]);

  useEffect(() => {
    void sync();
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [sync]);
  usePageTitle(point.value?.name ?? t('supply.point.title'));

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!committeeId || !keys.value) return;
    const started = performance.now();
    const verdict = await checkCard(token, committeeId, keys.value, period);
    setChecked({ token: token.trim(), verdict, ms: performance.now() - started });
    setHandovers({});
    // A new reading of a card is a new handover: fresh keys; a retry of one handover reuses its key.
    setClaimKeys({});
  }

  async function handOver(goodId: string, quantity: number) {
    if (!checked || !committeeId) return;
    const key = claimKeys[goodId] ?? crypto.randomUUID();
    setClaimKeys((k) => ({ ...k, [goodId]: key }));
    setBusy(true);
    const r = await api<{ status: string }>('POST', `/api/supply/committees/${committeeId}/claims`, {
      key,
      pointId: id,
      goodId,
      period,
      quantity,
      card: checked.token,
    });
    setBusy(false);
    if (r.status === 'problem' && r.problem.code === 'network') {
      await offlineClaims.add({
        key,
        committeeId,
        pointId: id,
        goodId,
        period,
        quantity,
        card: checked.token,
        claimedAt: new Date().toISOString(),
      });
      setPending(await offlineClaims.of(id));
      setHandovers((h) => ({ ...h, [goodId]: { ok: true, text: t('supply.point.queued') } }));
      return;
    }
    const result: Handover =
      r.status === 'ok'
        ? {
            ok: true,
            text: t(r.value.status === 'replayed' ? 'supply.point.replayed' : 'supply.point.recorded'),
          }
        : { ok: false, text: r.problem.detail };
    setHandovers((h) => ({ ...h, [goodId]: result }));
    void point.reload();
  }

  const goods = basket.value?.goods ?? [];
  const stockOf = (goodId: string) => point.value?.stock.find((s) => s.goodId === goodId)?.quantity ?? 0;
  const verdict = checked?.verdict;
  return (
    <div className="page supply-point">
      <h1 id="page-title" tabIndex={-1}>
        {point.value?.name ?? t('supply.point.title')}
      </h1>
      {point.error && (
        <p className="error-box" role="alert">
          {point.error}
        </p>
      )}
      {keys.error && <p className="error-box">{keys.error}</p>}
      <form className="card" onSubmit={verify}>
        <h2>{t('supply.point.cardTitle')}</h2>
        <div className="field">
          <label htmlFor="point-period">{t('supply.committee.period')}</label>
          <input id="point-period" value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="card-token">{t('supply.point.token')}</label>
          <textarea
            id="card-token"
            className="supply-token"
            rows={3}
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby="card-token-hint"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <p className="hint" id="card-token-hint">
            {t('supply.point.tokenHint')}
          </p>
        </div>
        <button className="button button-primary" type="submit" disabled={!keys.value}>
          {t('supply.point.verify')}
        </button>
      </form>

      {checked && verdict && (
        <section
          className={`card supply-verdict ${verdict.status === 'valid' ? 'supply-valid' : 'supply-refused'}`}
          aria-labelledby="verdict-title"
          aria-live="polite"
        >
          <h2 id="verdict-title">{t(`supply.verdict.${verdict.status}`)}</h2>
          {verdict.status !== 'valid' && <p>{verdict.reason}</p>}
          <p className="hint">{t('supply.point.checkedIn', { ms: checked.ms.toFixed(1) })}</p>
          {'card' in verdict && (
            <p>
              {t('supply.point.cardFacts', {
                household: verdict.card.householdId.slice(0, 8),
                period: verdict.card.period,
                expires: f.dateTime(verdict.card.expiresAt.toISOString()),
              })}
            </p>
          )}
          {verdict.status === 'valid' && (
            <ul className="supply-due">
              {verdict.card.items.map((item) => {
                const good = goods.find((g) => g.itemNo === item.item);
                if (!good) return null;
                const unit = t(`supply.unit.${good.unit}`);
                const done = handovers[good.id];
                return (
                  <li key={good.id}>
                    <p>
                      <strong>{good.name}</strong>:{' '}
                      {t('supply.point.due', { quantity: f.number(item.quantity), unit })}{' '}
                      <span className="muted">
                        {t('supply.point.inStock', { quantity: f.number(stockOf(good.id)), unit })}
                      </span>
                    </p>
                    {item.quantity > 0 && (
                      <button
                        className="button button-primary"
                        type="button"
                        disabled={busy || done?.ok === true}
                        onClick={() => void handOver(good.id, item.quantity)}
                      >
                        {t('supply.point.handOver', { good: good.name })}
                      </button>
                    )}
                    {done && (
                      <p
                        className={done.ok ? 'success-box' : 'error-box'}
                        role={done.ok ? 'status' : 'alert'}
                      >
                        {done.text}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}

      {(pending.length > 0 || synced !== null || syncError !== null) && (
        <section className="card" aria-labelledby="offline-title" aria-live="polite">
          <h2 id="offline-title">{t('supply.offline.title')}</h2>
          <p>{t('supply.offline.pending', { count: pending.length })}</p>
          {pending.length > 0 && (
            <button className="button" type="button" onClick={() => void sync()}>
              {t('supply.offline.sync')}
            </button>
          )}
          {syncError && <p className="error-box">{syncError}</p>}
          {synced && (
            <>
              <p className="supply-synced">
                {t('supply.offline.synced', {
                  recorded: synced.filter((x) => x.status !== 'flagged').length,
                  flagged: synced.filter((x) => x.status === 'flagged').length,
                })}
              </p>
              <ul className="supply-list supply-flagged">
                {synced.map((x) =>
                  x.status === 'flagged' ? (
                    <li key={x.key}>
                      <strong>{t(`supply.flagReason.${x.reason}`, { defaultValue: x.reason })}</strong>{' '}
                      {t('supply.offline.flaggedHint')}
                    </li>
                  ) : null,
                )}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
