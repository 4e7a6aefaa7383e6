import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CardVerification } from '../../../src/supply/core/verify-card.js';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { CardScanner, type Decoder } from './card-scanner.js';
import { checkCard, type PublishedKey } from './check-card.js';
import { type FoundHousehold, type HouseholdDue, householdCache } from './household-cache.js';
import { type OfflineClaim, offlineClaims } from './offline-claims.js';
import { type Basket, currentPeriod, type Point } from './supply-types.js';

/** Who goods are being handed to: a card read here, or a household found by search. */
type Subject =
  | {
      readonly kind: 'card';
      readonly token: string;
      readonly verdict: CardVerification;
      /** Milliseconds the browser took to verify the signature. */
      readonly ms: number;
      readonly decoder: Decoder | null;
    }
  | {
      readonly kind: 'household';
      readonly household: FoundHousehold;
      readonly due: HouseholdDue | null;
      /** When the due shown was read, for a copy kept on this device (offline); null when live. */
      readonly keptAt: string | null;
    };

/** What happened to one handover: recorded (or queued offline), or the server's refusal. */
type Handover = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

/** The server's answer for one offline claim at sync. */
type SyncResult =
  | { readonly key: string; readonly status: 'recorded' | 'replayed' }
  | { readonly key: string; readonly status: 'flagged'; readonly reason: string };

/** The search box's answer: households found, on the server or (offline) in this device's copy. */
interface Found {
  readonly households: readonly FoundHousehold[];
  readonly offline: boolean;
  readonly tooShort: boolean;
}

/**
 * `/supply/points/:id`, phone-first: a card is read with the camera (or its token pasted) and
 * verified in the browser against the committee's published keys, without a round trip; or a
 * household is found by name, address, registry number or card code. Either way the page shows what
 * is due and each good is handed over once (`POST …/claims` with a key per handover, so a retry is
 * the same claim); a second handover shows the server's refusal. Without the network the page keeps
 * working from its last keys, basket and stock and from the households it has found before:
 * handovers wait in IndexedDB and are synced when the network is back (or on demand); doubles found
 * at sync are shown as flagged, never dropped.
 */
export function PointPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const point = useLoaded(`/api/supply/points/${id}/stock`, { pick: (b: Point) => b, offline: true });
  const committeeId = point.value?.committeeId ?? null;
  // Basket and published keys are kept too, so cards are verified and handed over offline.
  const basket = useLoaded(committeeId && `/api/supply/committees/${committeeId}/basket`, {
    pick: (b: Basket) => b,
    offline: true,
  });
  const keys = useLoaded(committeeId && `/api/supply/committees/${committeeId}/keys`, {
    pick: (b: { keys: PublishedKey[] }) => b.keys,
    offline: true,
  });
  const [period, setPeriod] = useState(currentPeriod());
  const [token, setToken] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [subject, setSubject] = useState<Subject | null>(null);
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
          ...(c.card !== undefined ? { card: c.card } : {}),
          ...(c.householdId !== undefined ? { householdId: c.householdId } : {}),
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

  /** A new subject is a new handover: fresh keys; a retry of one handover reuses its key. */
  function begin(next: Subject) {
    setSubject(next);
    setHandovers({});
    setClaimKeys({});
  }

  async function verifyToken(text: string, decoder: Decoder | null) {
    if (!committeeId || !keys.value) return;
    const started = performance.now();
    const verdict = await checkCard(text, committeeId, keys.value, period);
    begin({ kind: 'card', token: text.trim(), verdict, ms: performance.now() - started, decoder });
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    await verifyToken(token, null);
  }

  async function search(e: FormEvent) {
    e.preventDefault();
    if (!committeeId) return;
    const r = await api<{ households: FoundHousehold[]; tooShort: boolean }>(
      'GET',
      `/api/supply/committees/${committeeId}/households/search?q=${encodeURIComponent(query)}&limit=20`,
    );
    if (r.status === 'ok') {
      setSearchError(null);
      setFound({ households: r.value.households, offline: false, tooShort: r.value.tooShort });
      await householdCache.keep(r.value.households).catch(() => {});
      return;
    }
    if (r.problem.code !== 'network') {
      setSearchError(r.problem.detail);
      return;
    }
    setSearchError(null);
    const kept = await householdCache.search(committeeId, query).catch(() => []);
    setFound({ households: kept, offline: true, tooShort: false });
  }

  async function choose(household: FoundHousehold) {
    const r = await api<HouseholdDue>(
      'GET',
      `/api/supply/households/${household.id}/due?period=${encodeURIComponent(period)}`,
    );
    if (r.status === 'ok') {
      await householdCache.keepDue(r.value).catch(() => {});
      begin({ kind: 'household', household, due: r.value, keptAt: null });
      return;
    }
    const kept = r.problem.code === 'network' ? await householdCache.dueOf(household.id, period) : null;
    begin({ kind: 'household', household, due: kept?.due ?? null, keptAt: kept?.readAt ?? null });
    if (r.problem.code !== 'network') setSearchError(r.problem.detail);
  }

  async function handOver(goodId: string, quantity: number) {
    if (!subject || !committeeId) return;
    const key = claimKeys[goodId] ?? crypto.randomUUID();
    setClaimKeys((k) => ({ ...k, [goodId]: key }));
    const who = subject.kind === 'card' ? { card: subject.token } : { householdId: subject.household.id };
    setBusy(true);
    const r = await api<{ status: string }>('POST', `/api/supply/committees/${committeeId}/claims`, {
      key,
      pointId: id,
      goodId,
      period,
      quantity,
      ...who,
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
        ...who,
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
    // The kept copy of the household's due learns of the handover, for an offline look later.
    if (result.ok && subject.kind === 'household') {
      const fresh = await api<HouseholdDue>(
        'GET',
        `/api/supply/households/${subject.household.id}/due?period=${encodeURIComponent(period)}`,
      );
      if (fresh.status === 'ok') await householdCache.keepDue(fresh.value).catch(() => {});
    }
  }

  const goods = basket.value?.goods ?? [];
  const stockOf = (goodId: string) => point.value?.stock.find((s) => s.goodId === goodId)?.quantity ?? 0;

  /** The goods due to the subject, each with its handover button and outcome. */
  function dueList(items: readonly { goodId: string; quantity: number; claimedAt?: string | null }[]) {
    return (
      <ul className="supply-due">
        {items.map((item) => {
          const good = goods.find((g) => g.id === item.goodId);
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
              {item.claimedAt && (
                <p className="muted">
                  {t('supply.point.alreadyReceived', { at: f.dateTime(item.claimedAt) })}
                </p>
              )}
              {item.quantity > 0 && !item.claimedAt && (
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
                <p className={done.ok ? 'success-box' : 'error-box'} role={done.ok ? 'status' : 'alert'}>
                  {done.text}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  const verdict = subject?.kind === 'card' ? subject.verdict : null;
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
      <div className="card">
        <div className="field">
          <label htmlFor="point-period">{t('supply.committee.period')}</label>
          <input id="point-period" value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
        </div>
      </div>
      <form className="card" onSubmit={verify}>
        <h2>{t('supply.point.cardTitle')}</h2>
        {keys.value && committeeId && (
          <CardScanner
            onToken={(text, decoder) => {
              setToken(text);
              void verifyToken(text, decoder);
            }}
          />
        )}
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

      <search className="card" aria-labelledby="household-search-title">
        <h2 id="household-search-title">{t('supply.search.title')}</h2>
        <form onSubmit={search}>
          <div className="field">
            <label htmlFor="household-search">{t('supply.search.label')}</label>
            <input
              id="household-search"
              type="search"
              autoComplete="off"
              required
              aria-describedby="household-search-hint"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <p className="hint" id="household-search-hint">
              {t('supply.search.hint')}
            </p>
          </div>
          <button className="button" type="submit" disabled={!committeeId}>
            {t('supply.search.submit')}
          </button>
        </form>
        {searchError && (
          <p className="error-box" role="alert">
            {searchError}
          </p>
        )}
        {found && (
          <div aria-live="polite">
            {found.offline && <p className="hint">{t('supply.search.offline')}</p>}
            {found.households.length === 0 ? (
              <p className="muted">{t(found.tooShort ? 'supply.search.tooShort' : 'supply.search.none')}</p>
            ) : (
              <ul className="supply-list supply-found">
                {found.households.map((h) => (
                  <li key={h.id}>
                    <button className="button" type="button" onClick={() => void choose(h)}>
                      {h.name ?? h.address}
                    </button>{' '}
                    <span className="muted">
                      {h.name ? `${h.address} · ` : ''}
                      {t('supply.search.facts', { count: h.members.length, code: h.cardCode })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </search>

      {subject?.kind === 'card' && verdict && (
        <section
          className={`card supply-verdict ${verdict.status === 'valid' ? 'supply-valid' : 'supply-refused'}`}
          aria-labelledby="verdict-title"
          aria-live="polite"
        >
          <h2 id="verdict-title">{t(`supply.verdict.${verdict.status}`)}</h2>
          {verdict.status !== 'valid' && <p>{verdict.reason}</p>}
          <p className="hint">
            {t('supply.point.checkedIn', { ms: subject.ms.toFixed(1) })}
            {subject.decoder && ` ${t(`supply.scan.readBy.${subject.decoder}`)}`}
          </p>
          {'card' in verdict && (
            <p>
              {t('supply.point.cardFacts', {
                household: verdict.card.householdId.slice(0, 8),
                period: verdict.card.period,
                expires: f.dateTime(verdict.card.expiresAt.toISOString()),
              })}
            </p>
          )}
          {verdict.status === 'valid' &&
            dueList(
              verdict.card.items.flatMap((item) => {
                const good = goods.find((g) => g.itemNo === item.item);
                return good ? [{ goodId: good.id, quantity: item.quantity }] : [];
              }),
            )}
        </section>
      )}

      {subject?.kind === 'household' && (
        <section className="card supply-verdict" aria-labelledby="household-title" aria-live="polite">
          <h2 id="household-title">{subject.household.name ?? subject.household.address}</h2>
          <p>
            {subject.household.name ? `${subject.household.address} · ` : ''}
            {t('supply.search.facts', {
              count: subject.household.members.length,
              code: subject.household.cardCode,
            })}
          </p>
          {subject.keptAt && (
            <p className="hint">{t('supply.search.keptDue', { at: f.dateTime(subject.keptAt) })}</p>
          )}
          {subject.due ? (
            dueList(
              subject.due.goods.map((g) => ({
                goodId: g.goodId,
                quantity: g.quantity,
                claimedAt: g.claimed?.claimedAt ?? null,
              })),
            )
          ) : (
            <p className="muted">{t('supply.search.dueUnknown')}</p>
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
