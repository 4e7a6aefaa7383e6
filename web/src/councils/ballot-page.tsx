import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import type { Election, ElectionResult, Federation, Member } from './councils-types.js';
import { LiveNotice, useLiveNotice } from './live-notice.js';
import { StvStagesTable } from './stv-stages-table.js';
import { type Command, useCommand } from './use-command.js';
import { useLiveReload } from './use-live-reload.js';

/**
 * `/councils/elections/:electionId`: standing and accepting a nomination while standing is open,
 * the secret ranked ballot (ranking by "move up / move down" buttons, never by dragging alone),
 * cast once with its receipt code shown, and after close the result with every STV stage and the
 * published receipts.
 */
export function BallotPage() {
  const { t } = useTranslation();
  const { electionId = '' } = useParams();
  const me = useMe();
  const f = useFormat();
  const election = useLoaded<Election>(`/api/elections/${electionId}`);
  const closed = election.value?.status === 'closed';
  const results = useLoaded<ElectionResult>(closed ? `/api/elections/${electionId}/results` : null);
  const receipts = useLoaded<{ status: string; receipts?: string[] }>(
    closed ? `/api/elections/${electionId}/receipts` : null,
  );
  const federation = useLoaded<Federation>('/api/bodies');
  const cmd = useCommand();
  const notice = useLiveNotice();
  const [ranking, setRanking] = useState<string[]>([]);
  const [receipt, setReceipt] = useState<string | null>(null);
  const reload = useCallback(() => void election.reload(), [election]);
  useLiveReload(reload, notice.show);
  usePageTitle(t('councils.election.title'));

  if (election.problem) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('councils.election.refusedTitle')}
        </h1>
        <p className="error-box" role="alert">
          {election.problem.detail}
        </p>
      </section>
    );
  }
  if (!election.value) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  const e = election.value;
  const names = new Map((federation.value?.bodies ?? []).map((x) => [x.id, x.name]));
  const accepted = e.candidates.filter((c) => c.status === 'accepted');
  const nameOf = (personId: string) =>
    e.candidates.find((c) => c.personId === personId)?.displayName ?? personId;
  const unranked = accepted.filter((c) => !ranking.includes(c.personId));
  const meAsCandidate = e.candidates.find((c) => c.personId === me.personId);
  const officer = (me.bodies.find((b) => b.bodyId === e.bodyId)?.roles ?? []).some(
    (r) => r === 'chair' || r === 'secretary',
  );
  const move = (index: number, by: -1 | 1) => {
    const next = [...ranking];
    const other = index + by;
    const a = next[index];
    const b = next[other];
    if (a === undefined || b === undefined) return;
    next[index] = b;
    next[other] = a;
    setRanking(next);
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to={`/councils/bodies/${e.bodyId}`}>
          {t('councils.election.backToBody', { body: names.get(e.bodyId) ?? '' })}
        </Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {t(`councils.election.kind.${e.kind}`, { defaultValue: e.kind })}: {names.get(e.councilId) ?? ''}
      </h1>
      <p className="lead">
        {t(`councils.election.status.${e.status}`, { defaultValue: e.status })} ·{' '}
        {t('councils.election.seats', { count: e.seats })} ·{' '}
        {t('councils.election.ballotsCast', { count: e.ballotsCast })} · {f.dateTime(e.openedAt)}
      </p>
      <LiveNotice notice={notice} />
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}

      <section className="card" aria-labelledby="candidates-title">
        <h2 id="candidates-title">{t('councils.election.candidatesTitle')}</h2>
        {e.candidates.length === 0 && <p className="muted">{t('councils.election.noCandidates')}</p>}
        <ul className="bodies">
          {e.candidates.map((c) => (
            <li key={c.personId}>
              <span className="body-name">{c.displayName}</span>
              <span className="body-kind">
                {t(`councils.election.candidate.${c.status}`, { defaultValue: c.status })}
              </span>
            </li>
          ))}
        </ul>
        {e.status === 'open' && !e.standingClosed && !meAsCandidate && (
          <button
            type="button"
            className="button"
            disabled={cmd.busy}
            onClick={() => void cmd.run('POST', `/api/elections/${e.id}/candidates`, {}, reload)}
          >
            {t('councils.election.stand')}
          </button>
        )}
        {e.status === 'open' && !e.standingClosed && <NominateForm election={e} cmd={cmd} onDone={reload} />}
        {e.status === 'open' && meAsCandidate?.status === 'nominated' && (
          <button
            type="button"
            className="button button-primary"
            disabled={cmd.busy}
            onClick={() => void cmd.run('POST', `/api/elections/${e.id}/acceptance`, undefined, reload)}
          >
            {t('councils.election.accept')}
          </button>
        )}
      </section>

      {e.status === 'open' && (
        <section className="card" aria-labelledby="ballot-title">
          <h2 id="ballot-title">{t('councils.election.ballotTitle')}</h2>
          {receipt ? (
            <div className="success-box" role="status">
              <p>{t('councils.election.cast')}</p>
              <p>
                {t('councils.election.receipt')}: <code className="receipt">{receipt}</code>
              </p>
              <p className="hint">{t('councils.election.receiptHint')}</p>
            </div>
          ) : e.votedByMe ? (
            <p className="success-box">{t('councils.election.alreadyVoted')}</p>
          ) : (
            <>
              <p className="hint">{t('councils.election.rankHint')}</p>
              <h3 id="ranked-title">{t('councils.election.yourRanking')}</h3>
              {ranking.length === 0 ? (
                <p className="muted">{t('councils.election.nothingRanked')}</p>
              ) : (
                <ol className="ranking" aria-labelledby="ranked-title">
                  {ranking.map((personId, i) => {
                    const name = nameOf(personId);
                    return (
                      <li key={personId}>
                        <span className="rank-name">
                          <span className="rank-number">{i + 1}.</span> {name}
                        </span>
                        <span className="rank-tools">
                          <button
                            type="button"
                            className="button button-quiet"
                            disabled={i === 0}
                            aria-label={t('councils.election.moveUp', { name })}
                            onClick={() => move(i, -1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="button button-quiet"
                            disabled={i === ranking.length - 1}
                            aria-label={t('councils.election.moveDown', { name })}
                            onClick={() => move(i, 1)}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-label={t('councils.election.remove', { name })}
                            onClick={() => setRanking(ranking.filter((x) => x !== personId))}
                          >
                            ✕
                          </button>
                        </span>
                      </li>
                    );
                  })}
                </ol>
              )}
              {unranked.length > 0 && (
                <>
                  <h3>{t('councils.election.unranked')}</h3>
                  <ul className="ranking">
                    {unranked.map((c) => (
                      <li key={c.personId}>
                        <span className="rank-name">{c.displayName}</span>
                        <button
                          type="button"
                          className="button"
                          aria-label={t('councils.election.add', { name: c.displayName })}
                          onClick={() => setRanking([...ranking, c.personId])}
                        >
                          {t('councils.election.addShort')}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <button
                type="button"
                className="button button-primary"
                disabled={cmd.busy || ranking.length === 0}
                onClick={() =>
                  void cmd.run<{ receipt: string }>(
                    'POST',
                    `/api/elections/${e.id}/ballots`,
                    { ranking },
                    (r) => {
                      setReceipt(r.receipt);
                      reload();
                    },
                  )
                }
              >
                {t('councils.election.castButton')}
              </button>
            </>
          )}
          {officer && (
            <p>
              <button
                type="button"
                className="button button-quiet"
                disabled={cmd.busy}
                onClick={() => void cmd.run('POST', `/api/elections/${e.id}/close`, undefined, reload)}
              >
                {t('councils.election.close')}
              </button>
            </p>
          )}
        </section>
      )}

      {closed && results.value && (
        <section className="card" aria-labelledby="results-title">
          <h2 id="results-title">{t('councils.election.resultsTitle')}</h2>
          {results.value.status === 'counted' ? (
            <>
              <p className="verdict">
                <strong>{t('councils.election.elected')}:</strong>{' '}
                {results.value.elected.length === 0
                  ? t('councils.election.nobodyElected')
                  : results.value.elected.map((x) => x.displayName).join(', ')}
              </p>
              <p className="hint">
                {t('councils.election.countFacts', {
                  method: t(`councils.election.method.${results.value.count.method}`, {
                    defaultValue: results.value.count.method,
                  }),
                  valid: f.number(results.value.count.validPapers),
                  quota: f.number(results.value.count.quota),
                  seed: results.value.count.lotSeed,
                })}
              </p>
              <StvStagesTable result={results.value} />
            </>
          ) : results.value.status === 'invalid' ? (
            <p className="error-box">{t('councils.election.invalid', { reason: results.value.reason })}</p>
          ) : null}
          {receipts.value?.receipts && (
            <details>
              <summary>{t('councils.election.receipts', { count: receipts.value.receipts.length })}</summary>
              <ul className="receipts">
                {receipts.value.receipts.map((r) => (
                  <li key={r}>
                    <code>{r}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </section>
  );
}

/** Nominates another member of the electing body; they stand once they accept. */
function NominateForm({ election, cmd, onDone }: { election: Election; cmd: Command; onDone: () => void }) {
  const { t } = useTranslation();
  const members = useLoaded<{ members: Member[] }>(`/api/bodies/${election.bodyId}/members`);
  const [personId, setPersonId] = useState('');
  const eligible = (members.value?.members ?? []).filter(
    (m) => m.leftAt === null && !election.candidates.some((c) => c.personId === m.personId),
  );
  if (eligible.length === 0) return null;
  return (
    <form
      className="inline-form nominate"
      onSubmit={(event) => {
        event.preventDefault();
        if (!personId) return;
        void cmd.run('POST', `/api/elections/${election.id}/candidates`, { personId }, () => {
          setPersonId('');
          onDone();
        });
      }}
    >
      <div className="field">
        <label htmlFor="nominee">{t('councils.election.nominee')}</label>
        <select id="nominee" value={personId} required onChange={(e) => setPersonId(e.target.value)}>
          <option value="">{t('councils.election.chooseMember')}</option>
          {eligible.map((m) => (
            <option key={m.personId} value={m.personId}>
              {m.displayName}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={cmd.busy}>
        {t('councils.election.nominate')}
      </button>
    </form>
  );
}
