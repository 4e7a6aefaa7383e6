import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import type { DelegateRecord } from './councils-types.js';

function tenureStatus(t: (key: string) => string, d: DelegateRecord): string {
  if (!d.vacatedAt) return d.holderPersonId ? t('councils.body.sitting') : t('councils.body.vacant');
  return t(`councils.body.vacated.${d.vacateReason ?? 'recalled'}`);
}

/**
 * The delegates a body sent, past and present: each tenure with its council, dates and status,
 * and the vote record in the council against the body's mandates — a vote against the mandate
 * is flagged in words and colour. Offers to open a recall petition against a sitting delegate
 * (not oneself; not when one is already open) and, to the delegate, to resign.
 */
export function DelegatesSection(props: {
  delegates: readonly DelegateRecord[];
  nameOf: (bodyId: string) => string;
  /** Seats with an open recall petition already. */
  petitionOpenOn: ReadonlySet<string>;
  busy: boolean;
  onOpenPetition: (d: DelegateRecord) => void;
  onResign: (d: DelegateRecord) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="delegates-title">
      <h2 id="delegates-title">{t('councils.body.delegatesTitle')}</h2>
      {props.delegates.length === 0 && <p className="muted">{t('councils.body.noDelegates')}</p>}
      <ul className="delegates">
        {props.delegates.map((d) => (
          <li key={d.seatId} className={d.vacatedAt ? 'delegate former' : 'delegate'}>
            <div className="card-heading">
              <h3>{d.holderName ?? t('councils.body.vacant')}</h3>
              <span className="tag">{tenureStatus(t, d)}</span>
            </div>
            <p className="muted">
              {t('councils.body.seatIn', { council: props.nameOf(d.councilId) })}
              {d.since && <> · {t('councils.body.sinceDate', { date: f.dateTime(d.since) })}</>}
              {d.vacatedAt && <> · {t('councils.body.untilDate', { date: f.dateTime(d.vacatedAt) })}</>}
            </p>
            {d.votes.length > 0 ? (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">
                    {t('councils.body.voteRecord', { name: d.holderName ?? '' })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('councils.body.motion')}</th>
                      <th scope="col">{t('councils.body.vote')}</th>
                      <th scope="col">{t('councils.body.mandate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.votes.map((v) => (
                      <tr key={v.motionId} className={v.againstMandate ? 'against-mandate' : undefined}>
                        <td>
                          <Link to={`/councils/motions/${v.motionId}`}>{v.title}</Link>
                        </td>
                        <td>
                          {t(`councils.choice.${v.choice}`, { defaultValue: v.choice })}
                          {v.withdrawnReason && (
                            <span className="muted"> ({t('councils.body.withdrawn')})</span>
                          )}
                        </td>
                        <td>
                          {v.mandate ? t(`councils.choice.${v.mandate}`, { defaultValue: v.mandate }) : '—'}
                          {v.againstMandate && (
                            <strong className="flag-against"> {t('councils.body.againstMandate')}</strong>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{t('councils.body.noVotes')}</p>
            )}
            {!d.vacatedAt &&
              d.holderPersonId &&
              d.holderPersonId !== me.personId &&
              !props.petitionOpenOn.has(d.seatId) && (
                <button
                  type="button"
                  className="button"
                  disabled={props.busy}
                  onClick={() => props.onOpenPetition(d)}
                >
                  {t('councils.petition.open', { name: d.holderName ?? '' })}
                </button>
              )}
            {!d.vacatedAt && d.holderPersonId === me.personId && (
              <button
                type="button"
                className="button button-quiet"
                disabled={props.busy}
                onClick={() => props.onResign(d)}
              >
                {t('councils.body.resign')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
