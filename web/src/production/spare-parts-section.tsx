import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Federation } from '../../../src/councils/council-views.js';
import { api } from '../app/api-client.js';
import { useMe } from '../app/auth-context.js';
import { useLoaded } from '../app/use-loaded.js';
import { NeedItem, OrderLine, useKilometres } from './spare-part-need.js';
import {
  CAPABILITIES,
  type Need,
  ORDER_MOVES,
  type Order,
  type Proposal,
  SPARE_PARTS_API,
  URGENCIES,
  type WorkplaceSpareParts,
} from './spare-parts-api.js';

/** Buttons for the moves `side` may make on an order now. */
function MoveButtons({
  order,
  side,
  onMove,
  busy,
}: {
  order: Order;
  side: 'maker' | 'needer';
  onMove: (order: Order, to: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const moves = Object.entries(ORDER_MOVES[order.status] ?? {})
    .filter(([, by]) => by === side || by === 'either')
    .map(([to]) => to);
  if (moves.length === 0) return null;
  return (
    <span className="alert-actions">
      {moves.map((to) => (
        <button
          key={to}
          type="button"
          className={to === 'cancelled' || to === 'declined' ? 'button button-quiet' : 'button'}
          disabled={busy}
          onClick={() => onMove(order, to)}
        >
          {t(`production.spareParts.move.${to}`)}
        </button>
      ))}
    </span>
  );
}

/** The makers the server proposes for an open need, each with a button to propose the need to it. */
function Proposals({ need, onProposed }: { need: Need; onProposed: () => void }) {
  const { t } = useTranslation();
  const km = useKilometres();
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const detail = useLoaded<{ proposals: Proposal[] }>(shown ? `${SPARE_PARTS_API}/needs/${need.id}` : null);
  const proposed = new Set(need.orders.filter((o) => o.status === 'proposed').map((o) => o.makerWorkplaceId));
  const propose = async (p: Proposal) => {
    const r = await api('POST', `${SPARE_PARTS_API}/needs/${need.id}/orders`, {
      makerWorkplaceId: p.workplaceId,
    });
    setError(r.status === 'ok' ? null : r.problem.detail);
    if (r.status === 'ok') onProposed();
  };
  if (!shown)
    return (
      <button type="button" className="button" onClick={() => setShown(true)}>
        {t('production.spareParts.findMakers')}
      </button>
    );
  const list = detail.value?.proposals ?? [];
  return (
    <div className="spare-proposals">
      <h4>{t('production.spareParts.proposalsTitle')}</h4>
      {detail.error && <p className="error-box">{detail.error}</p>}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {detail.value && list.length === 0 && <p>{t('production.spareParts.noMakers')}</p>}
      <ol>
        {list.map((p) => (
          <li key={p.workplaceId} data-maker-id={p.workplaceId}>
            {t('production.spareParts.proposal', {
              name: p.name,
              km: km(p.distanceMetres),
              count: p.openOrders,
            })}
            {p.detail && <span className="muted"> — {p.detail}</span>}{' '}
            <button
              type="button"
              className="button"
              disabled={proposed.has(p.workplaceId)}
              onClick={() => void propose(p)}
            >
              {proposed.has(p.workplaceId)
                ? t('production.spareParts.proposedTo')
                : t('production.spareParts.proposeTo', { name: p.name })}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The form to post a need of the workplace. */
function NeedForm({ workplaceId, onPosted }: { workplaceId: string; onPosted: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const r = await api('POST', `${SPARE_PARTS_API}/workplaces/${workplaceId}/needs`, {
      part: String(data.get('part') ?? ''),
      specification: String(data.get('specification') ?? ''),
      quantity: Number(data.get('quantity')),
      urgency: String(data.get('urgency')),
      machine: String(data.get('machine') ?? ''),
      capability: String(data.get('capability')),
    });
    setBusy(false);
    setError(r.status === 'ok' ? null : r.problem.detail);
    if (r.status === 'ok') {
      form.reset();
      onPosted();
    }
  };
  return (
    <form className="spare-form" onSubmit={(e) => void submit(e)} aria-labelledby="need-form-title">
      <h3 id="need-form-title">{t('production.spareParts.postNeed')}</h3>
      <div className="field">
        <label htmlFor="need-part">{t('production.spareParts.part')}</label>
        <input id="need-part" name="part" required maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="need-spec">{t('production.spareParts.specification')}</label>
        <textarea id="need-spec" name="specification" maxLength={2000} rows={2} />
      </div>
      <div className="field">
        <label htmlFor="need-quantity">{t('production.spareParts.quantity')}</label>
        <input id="need-quantity" name="quantity" type="number" min={1} step={1} defaultValue={1} required />
      </div>
      <div className="field">
        <label htmlFor="need-urgency">{t('production.spareParts.urgencyLabel')}</label>
        <select id="need-urgency" name="urgency" defaultValue="normal">
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`production.spareParts.urgency.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="need-machine">{t('production.spareParts.machine')}</label>
        <input id="need-machine" name="machine" maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="need-capability">{t('production.spareParts.capabilityLabel')}</label>
        <select id="need-capability" name="capability" defaultValue="machining">
          {CAPABILITIES.map((c) => (
            <option key={c} value={c}>
              {t(`production.spareParts.capability.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div role="status">{error && <p className="error-box">{error}</p>}</div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('production.spareParts.post')}
      </button>
    </form>
  );
}

/** The form to set what the workplace can make: a checkbox and a detail per capability. */
function CapabilitiesForm({
  workplaceId,
  current,
  onSaved,
}: {
  workplaceId: string;
  current: WorkplaceSpareParts['capabilities'];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const have = new Map(current.map((c) => [c.capability, c.detail]));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const capabilities = CAPABILITIES.filter((c) => data.get(`cap-${c}`) === 'on').map((c) => ({
      capability: c,
      detail: String(data.get(`detail-${c}`) ?? ''),
    }));
    const r = await api('PUT', `${SPARE_PARTS_API}/workplaces/${workplaceId}/capabilities`, { capabilities });
    setError(r.status === 'ok' ? null : r.problem.detail);
    if (r.status === 'ok') onSaved();
  };
  return (
    <form
      className="spare-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="capabilities-form-title"
      key={current.map((c) => `${c.capability}:${c.detail}`).join('|')}
    >
      <h3 id="capabilities-form-title">{t('production.spareParts.editCapabilities')}</h3>
      <fieldset className="checkboxes">
        <legend>{t('production.spareParts.capabilitiesLegend')}</legend>
        {CAPABILITIES.map((c) => (
          <div key={c} className="capability-row">
            <label className="checkbox">
              <input type="checkbox" name={`cap-${c}`} defaultChecked={have.has(c)} />
              <span>{t(`production.spareParts.capability.${c}`)}</span>
            </label>
            <input
              name={`detail-${c}`}
              maxLength={500}
              defaultValue={have.get(c) ?? ''}
              aria-label={t('production.spareParts.detailOf', {
                capability: t(`production.spareParts.capability.${c}`),
              })}
            />
          </div>
        ))}
      </fieldset>
      <div role="status">{error && <p className="error-box">{error}</p>}</div>
      <button type="submit" className="button button-primary">
        {t('production.spareParts.saveCapabilities')}
      </button>
    </form>
  );
}

/**
 * The spare-parts part of a workplace's page: what it can make, what it needs (with the makers the
 * server proposes), the orders it is asked to make, and links to the boards. Its chair or
 * secretary gets the forms and the buttons; others read. Reloads whenever `tick` changes.
 */
export function SparePartsSection({
  workplace,
  tick,
}: {
  workplace: { id: string; bodyId: string; name: string };
  tick: number;
}) {
  const { t } = useTranslation();
  const km = useKilometres();
  const me = useMe();
  const data = useLoaded<WorkplaceSpareParts>(`${SPARE_PARTS_API}/workplaces/${workplace.id}`);
  const federation = useLoaded<Federation>('/api/bodies');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { reload } = data;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const officer = me.bodies.some(
    (b) => b.bodyId === workplace.bodyId && (b.roles.includes('chair') || b.roles.includes('secretary')),
  );
  const councilId = federation.value?.affiliations.find((a) => a.bodyId === workplace.bodyId)?.councilId;
  const council = federation.value?.bodies.find((b) => b.id === councilId);
  const move = async (order: Order, to: string) => {
    setBusy(true);
    const r = await api('POST', `${SPARE_PARTS_API}/orders/${order.id}/status`, { status: to });
    setBusy(false);
    setError(r.status === 'ok' ? null : r.problem.detail);
    reload();
  };
  const v = data.value;

  return (
    <section className="card spare-parts" aria-labelledby="spare-parts-title">
      <h2 id="spare-parts-title">{t('production.spareParts.title')}</h2>
      <p>
        <Link to={`/production/spare-parts/${workplace.bodyId}`}>{t('production.spareParts.ownBoard')}</Link>
        {council && (
          <>
            {' · '}
            <Link to={`/production/spare-parts/${council.id}`}>
              {t('production.spareParts.boardOf', { body: council.name })}
            </Link>
          </>
        )}
      </p>
      {data.error && <p className="error-box">{data.error}</p>}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {!v ? (
        !data.error && <p>{t('common.loading')}</p>
      ) : (
        <>
          <h3>{t('production.spareParts.capabilitiesTitle')}</h3>
          {v.capabilities.length === 0 ? (
            <p>{t('production.spareParts.noCapabilities')}</p>
          ) : (
            <ul className="capability-list">
              {v.capabilities.map((c) => (
                <li key={c.capability}>
                  {t(`production.spareParts.capability.${c.capability}`)}
                  {c.detail && <span className="muted"> — {c.detail}</span>}
                </li>
              ))}
            </ul>
          )}
          {officer && (
            <CapabilitiesForm workplaceId={workplace.id} current={v.capabilities} onSaved={reload} />
          )}

          <h3 id="own-needs-title">{t('production.spareParts.ownNeeds')}</h3>
          {v.needs.length === 0 ? (
            <p>{t('production.spareParts.noNeeds')}</p>
          ) : (
            <ul className="spare-needs" aria-labelledby="own-needs-title">
              {v.needs.map((n) => (
                <NeedItem
                  key={n.id}
                  need={n}
                  showWorkplace={false}
                  orderActions={
                    officer
                      ? (o) => <MoveButtons order={o} side="needer" onMove={move} busy={busy} />
                      : undefined
                  }
                >
                  {officer && n.status === 'open' && <Proposals need={n} onProposed={reload} />}
                </NeedItem>
              ))}
            </ul>
          )}
          {officer && <NeedForm workplaceId={workplace.id} onPosted={reload} />}

          <h3 id="maker-orders-title">{t('production.spareParts.makerOrders')}</h3>
          {v.makerOrders.length === 0 ? (
            <p>{t('production.spareParts.noMakerOrders')}</p>
          ) : (
            <ul className="spare-orders" aria-labelledby="maker-orders-title">
              {v.makerOrders.map((o) => (
                <OrderLine
                  key={o.id}
                  order={o}
                  label={t('production.spareParts.forWorkplace', {
                    part: o.need.part,
                    quantity: o.need.quantity,
                    workplace: o.need.workplaceName,
                    km: km(o.distanceMetres),
                  })}
                  actions={
                    officer ? <MoveButtons order={o} side="maker" onMove={move} busy={busy} /> : undefined
                  }
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
