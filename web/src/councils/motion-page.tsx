import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Federation, Motion, MotionOutcome, VoteReceipt } from './councils-types.js';
import { LiveNotice, useLiveNotice } from './live-notice.js';
import { type Command, useCommand } from './use-command.js';
import { useLiveReload } from './use-live-reload.js';

const CHOICES = ['for', 'against', 'abstain'] as const;

/**
 * `/councils/motions/:motionId`: a motion's text, its amendments (each decided before the
 * motion), voting for / against / abstaining, the roll-call, mandates given on it, and after
 * close the outcome with its numbers (quorum, present, threshold, votes).
 */
export function MotionPage() {
  const { t } = useTranslation();
  const { motionId = '' } = useParams();
  const motion = useLoaded<Motion>(`/api/motions/${motionId}`);
  const federation = useLoaded<Federation>('/api/bodies');
  const cmd = useCommand();
  const notice = useLiveNotice();
  const [receipt, setReceipt] = useState<VoteReceipt | null>(null);
  const [amendTitle, setAmendTitle] = useState('');
  const [amendText, setAmendText] = useState('');
  const reload = useCallback(() => void motion.reload(), [motion]);
  useLiveReload(reload, notice.show);
  usePageTitle(motion.value?.title ?? t('councils.motion.title'));

  if (motion.problem) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('councils.motion.refusedTitle')}
        </h1>
        <p className="error-box" role="alert">
          {motion.problem.detail}
        </p>
      </section>
    );
  }
  if (!motion.value) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  const m = motion.value;
  const openAmendments = m.amendments.filter((a) => a.status === 'open');
  const names = new Map((federation.value?.bodies ?? []).map((x) => [x.id, x.name]));

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to={`/councils/bodies/${m.bodyId}`}>
          {t('councils.motion.backToBody', { body: names.get(m.bodyId) ?? '' })}
        </Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {m.title}
      </h1>
      <LiveNotice notice={notice} />
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}
      {receipt && !cmd.error && (
        <p className={receipt.againstMandate ? 'error-box' : 'success-box'} role="status">
          {t('councils.motion.voteRecorded', { choice: t(`councils.choice.${receipt.choice}`) })}
          {receipt.againstMandate &&
            ` ${t('councils.motion.againstYourMandate', { mandate: t(`councils.choice.${receipt.mandate ?? 'free'}`) })}`}
        </p>
      )}
      <MotionBlock motion={m} cmd={cmd} onVoted={setReceipt} onDone={reload} headingLevel={2} />

      <section className="card" aria-labelledby="amendments-title">
        <h2 id="amendments-title">{t('councils.motion.amendmentsTitle')}</h2>
        {m.amendments.length === 0 && <p className="muted">{t('councils.motion.noAmendments')}</p>}
        {openAmendments.length > 0 && <p className="hint">{t('councils.motion.amendmentsFirst')}</p>}
        {m.amendments.map((a) => (
          <div key={a.id} className="amendment">
            <MotionBlock motion={a} cmd={cmd} onVoted={setReceipt} onDone={reload} headingLevel={3} />
          </div>
        ))}
        {m.status === 'open' && (
          <details className="propose">
            <summary>{t('councils.motion.amend')}</summary>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void cmd.run(
                  'POST',
                  `/api/motions/${m.id}/amendments`,
                  { text: amendText, ...(amendTitle ? { title: amendTitle } : {}) },
                  () => {
                    setAmendText('');
                    setAmendTitle('');
                    reload();
                  },
                );
              }}
            >
              <div className="field">
                <label htmlFor="amend-title">{t('councils.motion.amendTitleField')}</label>
                <input
                  id="amend-title"
                  value={amendTitle}
                  maxLength={300}
                  onChange={(e) => setAmendTitle(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="amend-text">{t('councils.motion.amendTextField')}</label>
                <textarea
                  id="amend-text"
                  value={amendText}
                  required
                  rows={4}
                  onChange={(e) => setAmendText(e.target.value)}
                />
              </div>
              <button type="submit" className="button button-primary" disabled={cmd.busy}>
                {t('councils.motion.amendSubmit')}
              </button>
            </form>
          </details>
        )}
      </section>

      {m.mandates.length > 0 && (
        <section className="card" aria-labelledby="motion-mandates-title">
          <h2 id="motion-mandates-title">{t('councils.mandate.given')}</h2>
          <ul className="bodies">
            {m.mandates.map((x) => (
              <li key={x.bodyId}>
                <Link className="body-name" to={`/councils/bodies/${x.bodyId}`}>
                  {names.get(x.bodyId) ?? t('councils.mandate.ofBody')}
                </Link>
                <span>{t(`councils.choice.${x.instruction}`, { defaultValue: x.instruction })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** One motion or amendment: text, rules, vote buttons or outcome, roll-call, close button. */
function MotionBlock(props: {
  motion: Motion;
  cmd: Command;
  onVoted: (r: VoteReceipt) => void;
  onDone: () => void;
  headingLevel: 2 | 3;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const m = props.motion;
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  const mine = m.votes.find((v) => v.personId === me.personId && !v.withdrawnReason);
  const officer = (me.bodies.find((b) => b.bodyId === m.bodyId)?.roles ?? []).some(
    (r) => r === 'chair' || r === 'secretary',
  );
  return (
    <section className="card motion" aria-labelledby={`h-${m.id}`} data-motion={m.id}>
      <div className="card-heading">
        <H id={`h-${m.id}`}>{props.headingLevel === 2 ? t('councils.motion.textTitle') : m.title}</H>
        <span className={`tag motion-${m.outcome?.status ?? m.status}`}>
          {t(`councils.motion.status.${m.outcome?.status ?? m.status}`, { defaultValue: m.status })}
        </span>
      </div>
      <p className="motion-text">{m.text}</p>
      <p className="hint">
        {t(`councils.threshold.${m.threshold}`, { defaultValue: m.threshold })} ·{' '}
        {m.quorum === null
          ? t('councils.motion.quorumDefault')
          : t('councils.motion.quorumSet', { count: m.quorum })}{' '}
        · {t(`councils.motion.abstentions.${m.abstentions}`, { defaultValue: m.abstentions })}
        {m.secret && <> · {t('councils.motion.secret')}</>} ·{' '}
        {t('councils.motion.openedAt', { date: f.dateTime(m.openedAt) })}
      </p>
      {m.status === 'open' && (
        <fieldset className="vote-buttons">
          <legend className="vote-label">
            {mine
              ? t('councils.motion.youVoted', { choice: t(`councils.choice.${mine.choice}`) })
              : t('councils.motion.yourVote')}
          </legend>
          {!mine &&
            CHOICES.map((c) => (
              <button
                key={c}
                type="button"
                className={c === 'for' ? 'button button-primary' : 'button'}
                disabled={props.cmd.busy}
                onClick={() =>
                  void props.cmd.run<VoteReceipt>(
                    'POST',
                    `/api/motions/${m.id}/votes`,
                    { choice: c },
                    (r) => {
                      props.onVoted(r);
                      props.onDone();
                    },
                  )
                }
              >
                {t(`councils.choice.${c}`)}
              </button>
            ))}
          {officer && (
            <button
              type="button"
              className="button button-quiet"
              disabled={props.cmd.busy}
              onClick={() =>
                void props.cmd.run('POST', `/api/motions/${m.id}/close`, undefined, props.onDone)
              }
            >
              {t('councils.motion.close')}
            </button>
          )}
        </fieldset>
      )}
      {m.outcome && <OutcomeFacts outcome={m.outcome} threshold={m.threshold} />}
      {m.votes.length > 0 && (
        <details className="roll-call">
          <summary>{t('councils.motion.rollCall', { count: m.votes.length })}</summary>
          <ul className="bodies">
            {m.votes.map((v) => (
              <li key={v.personId}>
                <span className="body-name">{v.displayName}</span>
                <span>
                  {t(`councils.choice.${v.choice}`, { defaultValue: v.choice })}
                  {v.withdrawnReason && <span className="muted"> ({t('councils.body.withdrawn')})</span>}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {m.secret && m.status === 'open' && (
        <p className="muted">{t('councils.motion.votesCast', { count: m.votesCast })}</p>
      )}
    </section>
  );
}

/** The decision with its numbers. */
function OutcomeFacts({ outcome, threshold }: { outcome: MotionOutcome; threshold: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (outcome.status === 'no-quorum') {
    return (
      <dl className="event-facts outcome">
        <div>
          <dt>{t('councils.outcome.present')}</dt>
          <dd>{f.number(outcome.present)}</dd>
        </div>
        <div>
          <dt>{t('councils.outcome.quorum')}</dt>
          <dd>{f.number(outcome.needed)}</dd>
        </div>
      </dl>
    );
  }
  const rows: [string, number][] = [
    ['quorum', outcome.quorum],
    ['present', outcome.present],
    ['for', outcome.votes.for],
    ['against', outcome.votes.against],
    ['abstain', outcome.votes.abstain],
    ['cast', outcome.cast],
    ['needed', outcome.needed],
  ];
  return (
    <>
      <p className="verdict">
        <strong>{t(`councils.motion.status.${outcome.status}`)}</strong>:{' '}
        {t('councils.outcome.sentence', {
          for: f.number(outcome.votes.for),
          needed: f.number(outcome.needed),
          threshold: t(`councils.threshold.${threshold}`, { defaultValue: threshold }),
        })}
      </p>
      <dl className="event-facts outcome">
        {rows.map(([key, n]) => (
          <div key={key}>
            <dt>{t(`councils.outcome.${key}`)}</dt>
            <dd>{f.number(n)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
