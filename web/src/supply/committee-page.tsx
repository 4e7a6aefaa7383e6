import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../app/auth-context.js';
import { useEventStream } from '../app/use-event-stream.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { DeliverySection } from './delivery-section.js';
import { FlagsSection } from './flags-section.js';
import { HouseholdsSection } from './households-section.js';
import { PriceBoard } from './price-board.js';
import { ResupplySection } from './resupply-section.js';
import { type Basket, type ClaimFlag, currentPeriod, type Household, type Point } from './supply-types.js';

/**
 * `/supply/committees/:id`: a supply committee's households (officers), basket and rules, a
 * delivery's allocation preview and confirmation, claims progress, its points' stock, flagged
 * offline claims and the price-report board. Sections the person may not see show the server's
 * sentence instead.
 */
export function CommitteePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const [period, setPeriod] = useState(currentPeriod());
  const base = `/api/supply/committees/${id}`;
  const basket = useLoaded(`${base}/basket`, { pick: (b: Basket) => b });
  const households = useLoaded(`${base}/households?limit=500`, {
    pick: (b: { households: Household[] }) => b.households,
  });
  const points = useLoaded(`${base}/points`, { pick: (b: { points: Point[] }) => b.points });
  const progress = useLoaded(
    /^\d{4}-(0[1-9]|1[0-2]|W\d{2})$/.test(period) ? `${base}/claims/progress?period=${period}` : null,
    { pick: (b: { goods: { goodId: string; claims: number; units: number }[] }) => b.goods },
  );
  const flags = useLoaded(`${base}/claims/flags`, { pick: (b: { flags: ClaimFlag[] }) => b.flags });
  // Bumped by live events so the resupply section re-reads (a delivery settles a request).
  const [liveTick, setLiveTick] = useState(0);
  const reloadLive = useCallback(() => {
    setLiveTick((n) => n + 1);
    void points.reload();
    void progress.reload();
    void flags.reload();
  }, [points.reload, progress.reload, flags.reload]);
  useEventStream({ actions: ['supply.', 'logistics.stop-delivered'], onEvent: reloadLive });
  const { state } = useAuth();
  const name =
    (state.status === 'signed-in' ? state.me.bodies.find((b) => b.bodyId === id)?.name : undefined) ??
    t('supply.committee.title');
  usePageTitle(name);
  const goods = basket.value?.goods ?? [];
  const goodName = (goodId: string) => goods.find((g) => g.id === goodId)?.name ?? goodId.slice(0, 8);
  const unitOf = (goodId: string) => t(`supply.unit.${goods.find((g) => g.id === goodId)?.unit ?? 'unit'}`);
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {name}
      </h1>
      <p className="lead">
        <Link to={`/supply/committees/${id}/report`}>{t('supply.home.report')}</Link>
      </p>
      <div className="field supply-period">
        <label htmlFor="supply-period">{t('supply.committee.period')}</label>
        <input id="supply-period" value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
      </div>

      <section className="card" aria-labelledby="basket-title">
        <h2 id="basket-title">{t('supply.basket.title')}</h2>
        {basket.error && <p className="error-box">{basket.error}</p>}
        {basket.value && (
          <>
            <p className="hint">
              {basket.value.version === null
                ? t('supply.basket.noRules')
                : t('supply.basket.version', { version: basket.value.version })}
            </p>
            <ul className="supply-list">
              {basket.value.rules.map((r) => (
                <li key={`${r.goodId}-${r.category}`}>
                  {t('supply.basket.rule', {
                    good: goodName(r.goodId),
                    quantity: f.number(r.quantity),
                    unit: unitOf(r.goodId),
                    per: t(`supply.per.${r.per}`),
                    category: t(`supply.category.${r.category}`, { defaultValue: r.category }),
                    priority: r.priority,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <DeliverySection
        committeeId={id}
        goods={goods}
        households={households.value ?? []}
        period={period}
        onConfirmed={() => void progress.reload()}
      />

      <HouseholdsSection
        households={households.value}
        error={households.error}
        period={period}
        goods={goods}
      />

      <section className="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('supply.progress.title', { period })}</h2>
        {progress.error && <p className="error-box">{progress.error}</p>}
        {progress.value && progress.value.length === 0 && (
          <p className="muted">{t('supply.progress.none')}</p>
        )}
        <ul className="supply-list">
          {(progress.value ?? []).map((p) => (
            <li key={p.goodId}>
              {t('supply.progress.line', {
                good: goodName(p.goodId),
                claims: p.claims,
                units: f.number(p.units),
                unit: unitOf(p.goodId),
              })}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="points-title">
        <h2 id="points-title">{t('supply.points.title')}</h2>
        {points.error && <p className="error-box">{points.error}</p>}
        {points.value && points.value.length === 0 && <p className="muted">{t('supply.points.none')}</p>}
        <ul className="supply-list">
          {(points.value ?? []).map((p) => (
            <li key={p.id}>
              <Link to={`/supply/points/${p.id}`}>{p.name}</Link>
              <ul>
                {p.stock.map((s) => (
                  <li key={s.goodId}>
                    {t('supply.points.stock', {
                      good: goodName(s.goodId),
                      quantity: f.number(s.quantity),
                      unit: unitOf(s.goodId),
                    })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <ResupplySection
        committeeId={id}
        period={period}
        goods={goods}
        points={points.value ?? []}
        reloadKey={liveTick}
      />

      <FlagsSection flags={flags.value} error={flags.error} onReviewed={() => void flags.reload()} />
      <PriceBoard committeeId={id} />
    </div>
  );
}
