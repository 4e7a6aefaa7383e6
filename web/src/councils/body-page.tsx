import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { useLoaded } from '../app/use-loaded.js';
import { usePageTitle } from '../app/use-page-title.js';
import { CouncilMandates } from './council-mandates.js';
import type {
  BodyView,
  DelegateRecord,
  Election,
  Federation,
  Mandate,
  Member,
  Motion,
  Petition,
  SignOutcome,
} from './councils-types.js';
import { DelegatesSection } from './delegates-section.js';
import { LiveNotice, useLiveNotice } from './live-notice.js';
import { PetitionsSection } from './petitions-section.js';
import { ProposeMotion } from './propose-motion.js';
import { useCommand } from './use-command.js';
import { useLiveReload } from './use-live-reload.js';

const OFFICER_ROLES = new Set(['chair', 'secretary']);

/**
 * `/councils/bodies/:bodyId`: a body as its members see it — seats, delegates with their vote
 * record and mandates (votes against the mandate flagged), recall petitions with their progress,
 * elections, open motions, mandates on the councils' motions and the members. Buttons offer what
 * the person may do; the server decides, and its refusal is shown. Live: any councils event
 * reloads the page's data, and a recall is announced.
 */
export function BodyPage() {
  const { t } = useTranslation();
  const { bodyId = '' } = useParams();
  const me = useMe();
  const f = useFormat();
  const body = useLoaded<BodyView>(`/api/bodies/${bodyId}`);
  const federation = useLoaded<Federation>('/api/bodies');
  const members = useLoaded<{ members: Member[] }>(`/api/bodies/${bodyId}/members`);
  const delegates = useLoaded<{ delegates: DelegateRecord[] }>(`/api/bodies/${bodyId}/delegates`);
  const petitions = useLoaded<{ petitions: Petition[] }>(`/api/bodies/${bodyId}/petitions`);
  const elections = useLoaded<{ elections: Election[] }>(`/api/bodies/${bodyId}/elections`);
  const motions = useLoaded<{ motions: Motion[] }>(`/api/bodies/${bodyId}/motions?status=open`);
  const mandates = useLoaded<{ mandates: Mandate[] }>(`/api/bodies/${bodyId}/mandates`);
  const cmd = useCommand();
  const notice = useLiveNotice();
  const [signed, setSigned] = useState<string | null>(null);

  const reloadAll = useCallback(async () => {
    await Promise.all(
      [body, members, delegates, petitions, elections, motions, mandates].map((d) => d.reload()),
    );
  }, [body, members, delegates, petitions, elections, motions, mandates]);

  useLiveReload(() => void reloadAll(), notice.show);

  const title = body.value?.name ?? t('councils.body.title');
  usePageTitle(title);

  if (body.problem) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('councils.body.refusedTitle')}
        </h1>
        <p className="error-box" role="alert">
          {body.problem.detail}
        </p>
        <p>
          <Link to="/councils">{t('councils.backToFederation')}</Link>
        </p>
      </section>
    );
  }
  if (!body.value) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  const b = body.value;
  const names = new Map((federation.value?.bodies ?? []).map((x) => [x.id, x.name]));
  const nameOf = (id: string) => names.get(id) ?? id.slice(-8);
  const myRoles = me.bodies.find((x) => x.bodyId === bodyId)?.roles ?? [];
  const officer = myRoles.some((r) => OFFICER_ROLES.has(r));
  const openPetitionSeats = new Set(
    (petitions.value?.petitions ?? []).filter((p) => p.status === 'open').map((p) => p.seatId),
  );
  const delegateName = (personId: string) =>
    delegates.value?.delegates.find((d) => d.holderPersonId === personId)?.holderName ?? personId.slice(-8);

  const sign = (p: Petition) =>
    cmd.run<SignOutcome>('POST', `/api/petitions/${p.id}/signatures`, undefined, (outcome) => {
      setSigned(
        outcome.status === 'recalled'
          ? t('councils.petition.recalledNow')
          : t('councils.petition.signedNow', { signatures: outcome.signatures, needed: outcome.needed }),
      );
      void reloadAll();
    });

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/councils">{t('councils.backToFederation')}</Link>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {b.name}
      </h1>
      <p className="lead">
        {t(`kinds.${b.kind}`, { defaultValue: b.kind })} ·{' '}
        {b.isCouncil
          ? t('councils.body.seatCount', { count: b.seats.length })
          : t('councils.body.memberCount', { count: b.memberCount })}
        {!b.isCouncil && <> · {t('councils.body.recallRule', { pct: b.rules.recallSharePct })}</>}
        {myRoles.length > 0 && (
          <>
            {' '}
            · {t('councils.body.you')}: {myRoles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}
          </>
        )}
      </p>
      <LiveNotice notice={notice} />
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}
      {signed && !cmd.error && (
        <p className="success-box" role="status">
          {signed}
        </p>
      )}

      {b.isCouncil && (
        <section className="card" aria-labelledby="seats-title">
          <h2 id="seats-title">{t('councils.body.seatsTitle')}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('councils.body.constituency')}</th>
                  <th scope="col">{t('councils.body.holder')}</th>
                  <th scope="col">{t('councils.body.since')}</th>
                </tr>
              </thead>
              <tbody>
                {b.seats.map((s) => (
                  <tr key={s.seatId}>
                    <td>
                      <Link to={`/councils/bodies/${s.constituencyId}`}>{nameOf(s.constituencyId)}</Link>
                    </td>
                    <td>
                      {s.holderName ?? <span className="tag tag-vacant">{t('councils.body.vacant')}</span>}
                    </td>
                    <td>{s.since ? f.dateTime(s.since) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {delegates.value && (
        <DelegatesSection
          delegates={delegates.value.delegates}
          nameOf={nameOf}
          petitionOpenOn={openPetitionSeats}
          busy={cmd.busy}
          onOpenPetition={(d) =>
            void cmd.run<SignOutcome>('POST', `/api/bodies/${bodyId}/petitions`, { seatId: d.seatId }, () => {
              setSigned(t('councils.petition.opened'));
              void reloadAll();
            })
          }
          onResign={(d) =>
            void cmd.run('POST', `/api/seats/${d.seatId}/resignation`, undefined, () => void reloadAll())
          }
        />
      )}

      {petitions.value && (
        <PetitionsSection
          petitions={petitions.value.petitions}
          nameOf={nameOf}
          delegateName={delegateName}
          busy={cmd.busy}
          onSign={(p) => void sign(p)}
          onWithdraw={(p) =>
            void cmd.run('DELETE', `/api/petitions/${p.id}/signatures`, undefined, () => {
              setSigned(t('councils.petition.withdrawn'));
              void reloadAll();
            })
          }
        />
      )}

      {elections.value && (
        <section className="card" aria-labelledby="elections-title">
          <h2 id="elections-title">{t('councils.election.listTitle')}</h2>
          {elections.value.elections.length === 0 && <p className="muted">{t('councils.election.none')}</p>}
          <ul className="bodies">
            {elections.value.elections.map((e) => (
              <li key={e.id} data-election={e.id}>
                <Link className="body-name" to={`/councils/elections/${e.id}`}>
                  {t(`councils.election.kind.${e.kind}`, { defaultValue: e.kind })}: {nameOf(e.councilId)}
                </Link>
                <span className="body-kind">
                  {t(`councils.election.status.${e.status}`, { defaultValue: e.status })} ·{' '}
                  {t('councils.election.seats', { count: e.seats })} ·{' '}
                  {t('councils.election.candidates', { count: e.candidates.length })} ·{' '}
                  {f.dateTime(e.openedAt)}
                </span>
                {e.status === 'open' &&
                  !e.standingClosed &&
                  !e.candidates.some((c) => c.personId === me.personId) && (
                    <button
                      type="button"
                      className="button"
                      disabled={cmd.busy}
                      onClick={() =>
                        void cmd.run('POST', `/api/elections/${e.id}/candidates`, {}, () => void reloadAll())
                      }
                    >
                      {t('councils.election.stand')}
                    </button>
                  )}
                {e.status === 'open' &&
                  e.candidates.some((c) => c.personId === me.personId && c.status === 'nominated') && (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={cmd.busy}
                      onClick={() =>
                        void cmd.run(
                          'POST',
                          `/api/elections/${e.id}/acceptance`,
                          undefined,
                          () => void reloadAll(),
                        )
                      }
                    >
                      {t('councils.election.accept')}
                    </button>
                  )}
              </li>
            ))}
          </ul>
          {officer &&
            b.affiliations.map((a) => (
              <button
                key={a.id}
                type="button"
                className="button"
                disabled={cmd.busy}
                onClick={() =>
                  void cmd.run(
                    'POST',
                    `/api/bodies/${bodyId}/elections`,
                    { councilId: a.councilId },
                    () => void reloadAll(),
                  )
                }
              >
                {t('councils.election.open', { council: nameOf(a.councilId) })}
              </button>
            ))}
        </section>
      )}

      {motions.value && (
        <section className="card" aria-labelledby="motions-title">
          <h2 id="motions-title">{t('councils.motion.openTitle')}</h2>
          {motions.value.motions.length === 0 && <p className="muted">{t('councils.motion.none')}</p>}
          <ul className="bodies">
            {motions.value.motions.map((m) => (
              <li key={m.id}>
                <Link className="body-name" to={`/councils/motions/${m.id}`}>
                  {m.title}
                </Link>
                <span className="body-kind">
                  {f.dateTime(m.openedAt)} ·{' '}
                  {t('councils.motion.votesCast', { count: m.secret ? m.votesCast : m.votes.length })}
                </span>
              </li>
            ))}
          </ul>
          <ProposeMotion
            bodyId={bodyId}
            recallable={(delegates.value?.delegates ?? []).flatMap((d) =>
              !d.vacatedAt && d.holderName
                ? [{ seatId: d.seatId, holderName: d.holderName, councilName: nameOf(d.councilId) }]
                : [],
            )}
            cmd={cmd}
            onDone={() => void reloadAll()}
          />
        </section>
      )}

      {mandates.value && b.affiliations.length > 0 && (
        <section className="card" aria-labelledby="mandates-title">
          <h2 id="mandates-title">{t('councils.mandate.title')}</h2>
          <p className="hint">{t('councils.mandate.intro')}</p>
          {b.affiliations.map((a) => (
            <CouncilMandates
              key={a.id}
              bodyId={bodyId}
              councilId={a.councilId}
              councilName={nameOf(a.councilId)}
              mandates={mandates.value?.mandates ?? []}
              officer={officer}
              cmd={cmd}
              onDone={() => void mandates.reload()}
            />
          ))}
        </section>
      )}

      {members.value && (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">{t('councils.body.membersTitle')}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('councils.body.name')}</th>
                  <th scope="col">{t('councils.body.role')}</th>
                  <th scope="col">{t('councils.body.joined')}</th>
                </tr>
              </thead>
              <tbody>
                {members.value.members.map((m) => (
                  <tr key={m.personId}>
                    <td>{m.displayName}</td>
                    <td>{t(`roles.${m.role}`, { defaultValue: m.role })}</td>
                    <td>{f.dateTime(m.joinedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
