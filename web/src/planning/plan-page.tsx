import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Federation } from '../../../src/councils/council-views.js';
import { TableScroll } from '../app/table-scroll.js';
import { useEventStream } from '../app/use-event-stream.js';
import { type Format, useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { useCommand } from '../councils/use-command.js';
import { FulfilmentSection } from './fulfilment-section.js';
import type { Amendment, Bottleneck, MotionState, Outcome, Plan, Product, Solve } from './planning-api.js';

// While a solve runs, the page asks for the plan this often (ms); the stream also says when it ends.
const POLL_MS = 500;

type Names = (id: string) => { name: string; unit: string };

function percent(fmt: Format, share: number | null): string {
  if (share === null) return '∞';
  return `${fmt.number(Math.round(share * 1000) / 10)} %`;
}

/** Capacity by product in a solve's outcome (null: uncapped, or no plan). */
function capacityLookup(outcome: Outcome | null | undefined): (productId: string) => number | null {
  const caps = new Map(
    outcome?.status === 'planned' ? outcome.products.map((p) => [p.productId, p.capacity]) : [],
  );
  return (productId) => caps.get(productId) ?? null;
}

function hours(fmt: Format, h: number): string {
  return fmt.number(Math.round(h * 10) / 10);
}

/** A solve's state: its progress while running, what it found once done. */
function SolveStatus({ solve, names }: { solve: Solve; names: Names }) {
  const { t } = useTranslation();
  if (solve.status === 'solving')
    return (
      <p className="solve-progress" role="status">
        {t('planning.solving', {
          phase: t(`planning.phase.${solve.progress?.phase ?? 'assembling'}`),
          percent: Math.round((solve.progress?.fraction ?? 0) * 100),
        })}
      </p>
    );
  if (solve.status === 'failed')
    return (
      <p className="error-box" role="alert">
        {t('planning.failed', { error: solve.error ?? '' })}
      </p>
    );
  const o = solve.outcome;
  if (!o || o.status === 'planned') return null;
  return (
    <p className="error-box" role="alert">
      {o.status === 'non-productive'
        ? t('planning.nonProductive', { products: o.productIds.map((id) => names(id).name).join(', ') })
        : o.status === 'not-converged'
          ? t('planning.notConverged', { reason: o.reason })
          : t('planning.invalidInput', {
              product: o.productId ? names(o.productId).name : '—',
              reason: o.message,
            })}
    </p>
  );
}

/**
 * Binding capacities. The shadow price (level per extra unit) is shown as what 1 % more of the
 * capacity would add to the level, in percentage points: shadow price × capacity.
 */
function BottleneckList({
  items,
  names,
  label,
  capacityOf,
}: {
  items: Bottleneck[];
  names: Names;
  label: string;
  capacityOf: (productId: string) => number | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (items.length === 0) return <p className="muted">{t('planning.noBottlenecks')}</p>;
  return (
    <ul className="bottlenecks" aria-label={label}>
      {items.map((b) => (
        <li key={b.productId}>
          <strong>{names(b.productId).name}</strong>{' '}
          {t('planning.bottleneck', {
            level: percent(fmt, b.level),
            points: fmt.number(Math.round(b.shadowPrice * (capacityOf(b.productId) ?? 0) * 100) / 100),
          })}
        </li>
      ))}
    </ul>
  );
}

/** θ, labour and bottlenecks of the plan's current solve. */
function PlanFigures({ outcome, names }: { outcome: Extract<Outcome, { status: 'planned' }>; names: Names }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <dl className="plan-figures">
        <div>
          <dt>{t('planning.theta')}</dt>
          <dd data-testid="plan-theta">{percent(fmt, outcome.theta)}</dd>
        </div>
        <div>
          <dt>{t('planning.labour')}</dt>
          <dd data-testid="plan-labour">{t('planning.hours', { hours: hours(fmt, outcome.labourHours) })}</dd>
        </div>
      </dl>
      <h3>{t('planning.bottlenecks')}</h3>
      <BottleneckList
        items={outcome.bottlenecks}
        names={names}
        label={t('planning.bottlenecks')}
        capacityOf={capacityLookup(outcome)}
      />
    </>
  );
}

/** One amendment: what it changes, its solve, the consequences and its vote. */
function AmendmentItem({
  amendment,
  names,
  motion,
  onChanged,
  canAct,
}: {
  amendment: Amendment;
  names: Names;
  motion: MotionState['amendments'][number] | undefined;
  onChanged: () => void;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const c = amendment.consequences;
  const headingId = `amendment-${amendment.id}`;
  return (
    <li className="card amendment" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {amendment.changes
          .map((ch) =>
            t('planning.change', {
              product: names(ch.productId).name,
              kind: t(`planning.kind.${ch.kind}`),
              quantity: fmt.number(ch.quantity),
              unit: names(ch.productId).unit,
            }),
          )
          .join('; ')}
      </h3>
      <SolveStatus solve={amendment.solve} names={names} />
      {c && (
        <div className="consequences" data-testid="consequences">
          <h4>{t('planning.consequences')}</h4>
          <dl className="plan-figures">
            <div>
              <dt>{t('planning.labourDelta')}</dt>
              <dd data-testid="labour-delta">
                {t('planning.hours', {
                  hours: `${c.labourHoursDelta >= 0 ? '+' : ''}${hours(fmt, c.labourHoursDelta)}`,
                })}
              </dd>
            </div>
            <div>
              <dt>{t('planning.theta')}</dt>
              <dd>
                {percent(fmt, c.thetaBefore)} → {percent(fmt, c.thetaAfter)}
              </dd>
            </div>
          </dl>
          <h4>{t('planning.newBottlenecks')}</h4>
          <BottleneckList
            items={c.newBottlenecks}
            names={names}
            label={t('planning.newBottlenecks')}
            capacityOf={capacityLookup(amendment.solve.outcome)}
          />
          {c.removedBottlenecks.length > 0 && (
            <>
              <h4>{t('planning.removedBottlenecks')}</h4>
              <BottleneckList
                items={c.removedBottlenecks}
                names={names}
                label={t('planning.removedBottlenecks')}
                capacityOf={capacityLookup(amendment.solve.outcome)}
              />
            </>
          )}
          {c.outputChanges.length > 0 && <h4>{t('planning.outputChanges')}</h4>}
          {c.outputChanges.length > 0 && (
            <ul className="output-changes" aria-label={t('planning.outputChanges')}>
              {c.outputChanges.map((o) => (
                <li key={o.productId}>
                  {t('planning.outputChange', {
                    product: names(o.productId).name,
                    before: fmt.number(Math.round(o.before)),
                    after: fmt.number(Math.round(o.after)),
                    unit: names(o.productId).unit,
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {motion && (
        <MotionVote
          motionId={motion.id}
          status={motion.status}
          outcome={motion.outcome?.status ?? null}
          onChanged={onChanged}
          label={t('planning.amendmentVote')}
          canAct={canAct}
        />
      )}
    </li>
  );
}

/** Vote and close buttons of an open motion (the server decides who may), its outcome once closed. */
function MotionVote({
  motionId,
  status,
  outcome,
  onChanged,
  label,
  canAct,
}: {
  motionId: string;
  status: string;
  outcome: string | null;
  onChanged: () => void;
  label: string;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  if (status !== 'open')
    return (
      <p className="motion-outcome" data-outcome={outcome ?? ''}>
        {t('planning.decided', {
          outcome: t(`planning.outcome.${outcome ?? 'none'}`, { defaultValue: outcome ?? '' }),
        })}
      </p>
    );
  if (!canAct) return <p className="muted">{t('planning.voteOpen')}</p>;
  return (
    <fieldset className="motion-vote">
      <legend>{label}</legend>
      {(['for', 'against', 'abstain'] as const).map((choice) => (
        <button
          key={choice}
          type="button"
          className="button"
          disabled={cmd.busy}
          onClick={() => void cmd.run('POST', `/api/motions/${motionId}/votes`, { choice }, onChanged)}
        >
          {t(`planning.vote.${choice}`)}
        </button>
      ))}
      <button
        type="button"
        className="button"
        disabled={cmd.busy}
        onClick={() => void cmd.run('POST', `/api/motions/${motionId}/close`, undefined, onChanged)}
      >
        {t('planning.closeVote')}
      </button>
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}
    </fieldset>
  );
}

/** A target form: amendments before the assembly, council targets on a draft. */
function TargetForm({
  plan,
  products,
  councils,
  onDone,
}: {
  plan: Plan;
  products: Product[];
  /** Councils that may enter targets on a draft: the plan's assembly and the regional councils. */
  councils: { id: string; name: string }[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const id = useId();
  const draft = plan.status === 'draft';
  const kinds = draft
    ? (['investment', 'reserves'] as const)
    : (['consumption', 'investment', 'reserves'] as const);
  const [productId, setProductId] = useState('');
  const [kind, setKind] = useState<string>(kinds[0]);
  const [quantity, setQuantity] = useState('');
  const [council, setCouncil] = useState('');
  const councilId = council || plan.bodyId;
  const chosen = productId || products[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const item = { productId: chosen, kind, quantity: Number(quantity) };
    const done = () => {
      setQuantity('');
      onDone();
    };
    if (draft)
      void cmd.run(
        'PUT',
        `/api/planning/plans/${plan.id}/targets`,
        { bodyId: councilId, items: [item] },
        done,
      );
    else void cmd.run('POST', `/api/planning/plans/${plan.id}/amendments`, { changes: [item] }, done);
  };
  return (
    <form className="card target-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{draft ? t('planning.setTarget') : t('planning.amend')}</h2>
      <p className="muted">{draft ? t('planning.setTargetHelp') : t('planning.amendHelp')}</p>
      {draft && councils.length > 1 && (
        <div className="form-row">
          <label htmlFor={`${id}-council`}>{t('planning.council')}</label>
          <select id={`${id}-council`} value={councilId} onChange={(e) => setCouncil(e.target.value)}>
            {councils.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="form-row">
        <label htmlFor={`${id}-product`}>{t('planning.product')}</label>
        <select id={`${id}-product`} value={chosen} onChange={(e) => setProductId(e.target.value)}>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.unit})
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-kind`}>{t('planning.targetKind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`planning.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-quantity`}>{t('planning.newQuantity')}</label>
        <input
          id={`${id}-quantity`}
          type="number"
          min={0}
          step={1}
          required
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={cmd.busy}>
        {draft ? t('planning.saveTarget') : t('planning.proposeAmendment')}
      </button>
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}
    </form>
  );
}

/**
 * `/planning/plans/:id`: a plan's targets and what they need (θ, labour, bottlenecks), its
 * amendments with their consequences solved before the vote, the assembly's vote, the quotas
 * once adopted and the fulfilment of them. Refreshes while a solve runs and on planning events.
 */
export function PlanPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const plan = useLoaded<Plan>(`/api/planning/plans/${id}`);
  const products = useLoaded<{ products: Product[] }>('/api/products');
  const workplaces = useLoaded<{ workplaces: { id: string; name: string }[] }>('/api/workplaces');
  const federation = useLoaded<Federation>('/api/bodies');
  const p = plan.value;
  const motion = useLoaded<MotionState>(p?.motionId ? `/api/motions/${p.motionId}` : null);
  const adoptCmd = useCommand();
  const proposeCmd = useCommand();
  usePageTitle(p?.title ?? t('nav.planning'));

  const reload = () => {
    plan.reload();
    motion.reload();
  };
  useEventStream({ actions: ['planning.', 'councils.motion-', 'councils.amendment-'], onEvent: reload });
  const solving =
    p !== null &&
    (p.status === 'adopting' ||
      p.solve?.status === 'solving' ||
      p.amendments.some((a) => a.solve.status === 'solving'));
  // biome-ignore lint/correctness/useExhaustiveDependencies: plan.reload is stable
  useEffect(() => {
    if (!solving) return;
    const timer = setInterval(() => plan.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [solving]);

  const byId = useMemo(
    () => new Map((products.value?.products ?? []).map((x) => [x.id, x])),
    [products.value],
  );
  const names: Names = (pid) => {
    const x = byId.get(pid);
    return { name: x?.name ?? pid.slice(0, 8), unit: x?.unit ?? '' };
  };
  const workplaceName = (wid: string) =>
    workplaces.value?.workplaces.find((w) => w.id === wid)?.name ?? wid.slice(0, 8);
  const outcome = p?.solve?.outcome?.status === 'planned' ? p.solve.outcome : null;
  const outputOf = new Map(outcome?.products.map((x) => [x.productId, x]) ?? []);
  // the assembly's delegates and officers see the motion; others see the plan without the vote
  const canSeeMotion = motion.value !== null;
  const amendmentMotion = (motionId: string) => motion.value?.amendments.find((a) => a.id === motionId);

  return (
    <div className="page plan-page">
      <p>
        <Link to="/planning">{t('planning.back')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {p?.title ?? t('nav.planning')}
      </h1>
      {plan.error && (
        <p className="error-box" role="alert">
          {plan.error}
        </p>
      )}
      {p && (
        <>
          <p>
            <span className={`plan-status plan-status-${p.status}`} data-testid="plan-status">
              {t(`planning.status.${p.status}`)}
            </span>{' '}
            <span className="muted">{t('planning.period', { period: p.period })}</span>
          </p>
          {p.error && (
            <p className="error-box" role="alert">
              {t('planning.adoptionFailed', { error: p.error })}
            </p>
          )}
          <section className="card" aria-labelledby="plan-solve-title">
            <h2 id="plan-solve-title">{t('planning.current')}</h2>
            {p.solve && <SolveStatus solve={p.solve} names={names} />}
            {outcome && <PlanFigures outcome={outcome} names={names} />}
          </section>

          <section className="card" aria-labelledby="plan-targets-title">
            <h2 id="plan-targets-title">{t('planning.targets')}</h2>
            <TableScroll label={t('planning.targets')}>
              <table className="plan-table">
                <thead>
                  <tr>
                    <th scope="col">{t('planning.product')}</th>
                    <th scope="col">{t('planning.kind.consumption')}</th>
                    <th scope="col">{t('planning.kind.investment')}</th>
                    <th scope="col">{t('planning.kind.reserves')}</th>
                    <th scope="col">{t('planning.output')}</th>
                    <th scope="col">{t('planning.capacity')}</th>
                    <th scope="col">{t('planning.level')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.targets.map((row) => {
                    const o = outputOf.get(row.productId);
                    return (
                      <tr key={row.productId} data-product-id={row.productId}>
                        <th scope="row">
                          {names(row.productId).name}{' '}
                          <span className="muted">({names(row.productId).unit})</span>
                        </th>
                        <td>{fmt.number(row.consumption)}</td>
                        <td>{fmt.number(row.investment)}</td>
                        <td>{fmt.number(row.reserves)}</td>
                        <td>{o ? fmt.number(Math.round(o.output)) : '—'}</td>
                        <td>
                          {o ? (o.capacity === null ? t('planning.uncapped') : fmt.number(o.capacity)) : '—'}
                        </td>
                        <td>{o ? percent(fmt, o.level) : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            {p.unmappedGoods.length > 0 && (
              <p className="muted">
                {t('planning.unmapped', {
                  goods: p.unmappedGoods
                    .map((g) => `${g.name} (${fmt.number(g.units)} ${g.unit})`)
                    .join(', '),
                })}
              </p>
            )}
          </section>

          {p.status === 'draft' && (
            <section className="card" aria-labelledby="plan-propose-title">
              <h2 id="plan-propose-title">{t('planning.assembly')}</h2>
              <button
                type="button"
                className="button button-primary"
                disabled={proposeCmd.busy}
                onClick={() =>
                  void proposeCmd.run('POST', `/api/planning/plans/${p.id}/motion`, undefined, reload)
                }
              >
                {t('planning.propose')}
              </button>
              {proposeCmd.error && (
                <p className="error-box" role="alert">
                  {proposeCmd.error}
                </p>
              )}
            </section>
          )}
          {(p.status === 'draft' || p.status === 'before-assembly') && products.value && (
            <TargetForm
              plan={p}
              products={products.value.products}
              councils={(federation.value?.bodies ?? []).filter(
                (b) => b.id === p.bodyId || b.kind === 'regional-council',
              )}
              onDone={reload}
            />
          )}

          {p.amendments.length > 0 && (
            <section aria-labelledby="plan-amendments-title">
              <h2 id="plan-amendments-title">{t('planning.amendments')}</h2>
              <ul className="amendment-list">
                {p.amendments.map((a) => (
                  <AmendmentItem
                    key={a.id}
                    amendment={a}
                    names={names}
                    motion={amendmentMotion(a.motionId)}
                    onChanged={reload}
                    canAct={canSeeMotion}
                  />
                ))}
              </ul>
            </section>
          )}

          {p.status === 'before-assembly' && motion.value && (
            <section className="card" aria-labelledby="plan-vote-title">
              <h2 id="plan-vote-title">{t('planning.assembly')}</h2>
              <p>
                <Link to={`/councils/motions/${motion.value.id}`}>{t('planning.motionLink')}</Link>
              </p>
              <MotionVote
                motionId={motion.value.id}
                status={motion.value.status}
                outcome={motion.value.outcome?.status ?? null}
                onChanged={reload}
                label={t('planning.planVote')}
                canAct
              />
              {motion.value.status === 'closed' && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={adoptCmd.busy}
                  onClick={() =>
                    void adoptCmd.run('POST', `/api/planning/plans/${p.id}/adoption`, undefined, reload)
                  }
                >
                  {motion.value.outcome?.status === 'adopted' ? t('planning.adopt') : t('planning.record')}
                </button>
              )}
              {adoptCmd.error && (
                <p className="error-box" role="alert">
                  {adoptCmd.error}
                </p>
              )}
            </section>
          )}

          {p.quotas.length > 0 && (
            <section className="card" aria-labelledby="plan-quotas-title">
              <h2 id="plan-quotas-title">{t('planning.quotas')}</h2>
              <TableScroll label={t('planning.quotas')}>
                <table className="plan-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('planning.workplace')}</th>
                      <th scope="col">{t('planning.product')}</th>
                      <th scope="col">{t('planning.quota')}</th>
                      <th scope="col">{t('planning.capacity')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.quotas.map((q) => (
                      <tr key={`${q.workplaceId}-${q.productId}`}>
                        <th scope="row">
                          <Link to={`/production/workplaces/${q.workplaceId}`}>
                            {workplaceName(q.workplaceId)}
                          </Link>
                        </th>
                        <td>{names(q.productId).name}</td>
                        <td>
                          {fmt.number(q.quantity)} {names(q.productId).unit}
                        </td>
                        <td>{fmt.number(q.capacity)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </section>
          )}
          {p.status === 'adopted' && <FulfilmentSection planId={p.id} names={names} />}
        </>
      )}
    </div>
  );
}
