import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import type { Me } from '../app/me.js';
import { useLoaded } from '../app/use-loaded.js';
import {
  type Federation,
  type MotionList,
  NEXT_STATUSES,
  type ParcelDetail,
  type ParcelStatus,
} from './land-api.js';

const ASSIGNABLE = new Set(['peasant-committee', 'community', 'co-operative', 'workplace-assembly']);

/**
 * Records a decision on a parcel: the next status the rules allow, its date, the deciding body
 * (one the person chairs or is secretary of), its adopted motion where one is needed, and for an
 * assignment the committee that will work the land. The server's problem is shown as it comes.
 */
export function TransitionForm({
  parcel,
  me,
  federation,
  onDone,
}: {
  parcel: ParcelDetail;
  me: Me;
  federation: Federation | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const officerOf = me.bodies.filter((b) => b.roles.includes('chair') || b.roles.includes('secretary'));
  const moves = NEXT_STATUSES[parcel.status];
  const [to, setTo] = useState<ParcelStatus | ''>(moves[0]?.to ?? '');
  const [bodyId, setBodyId] = useState(officerOf[0]?.bodyId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const motions = useLoaded<MotionList>(bodyId ? `/api/bodies/${bodyId}/motions?status=closed` : null);
  const adopted = (motions.value?.motions ?? []).filter((m) => m.outcome?.status === 'adopted');
  const needsMotion = moves.find((m) => m.to === to)?.motion ?? false;
  const committees = (federation?.bodies ?? []).filter((b) => ASSIGNABLE.has(b.kind));

  if (moves.length === 0) return null;
  if (officerOf.length === 0) return <p className="muted">{t('land.move.notOfficer')}</p>;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const motionId = String(data.get('motionId') ?? '');
    const body = {
      to,
      since: String(data.get('since') ?? ''),
      decidingBodyId: bodyId,
      ...(motionId ? { motionId } : {}),
      ...(to === 'assigned' ? { assignedBodyId: String(data.get('assignedBodyId') ?? '') } : {}),
    };
    setBusy(true);
    const result = await api('POST', `/api/parcels/${parcel.id}/transitions`, body);
    setBusy(false);
    if (result.status === 'problem') setError(result.problem.detail);
    else {
      setError(null);
      onDone();
    }
  };

  return (
    <form className="land-form" onSubmit={submit} aria-labelledby="land-move-title">
      <h3 id="land-move-title">{t('land.move.title')}</h3>
      <div className="field">
        <label htmlFor="land-move-to">{t('land.move.to')}</label>
        <select id="land-move-to" value={to} onChange={(e) => setTo(e.target.value as ParcelStatus)}>
          {moves.map((m) => (
            <option key={m.to} value={m.to}>
              {t(`land.move.verb.${m.to}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="land-move-since">{t('land.move.since')}</label>
        <input id="land-move-since" name="since" type="date" required min={parcel.statusSince} />
      </div>
      <div className="field">
        <label htmlFor="land-move-body">{t('land.move.body')}</label>
        <select id="land-move-body" value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
          {officerOf.map((b) => (
            <option key={b.bodyId} value={b.bodyId}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="land-move-motion">
          {needsMotion ? t('land.move.motionRequired') : t('land.move.motion')}
        </label>
        <select id="land-move-motion" name="motionId" required={needsMotion} defaultValue="">
          <option value="">{t('land.move.noMotion')}</option>
          {adopted.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      {to === 'assigned' && (
        <div className="field">
          <label htmlFor="land-move-assigned">{t('land.move.assignedBody')}</label>
          <select id="land-move-assigned" name="assignedBodyId" required defaultValue="">
            <option value="" disabled>
              {t('land.move.choose')}
            </option>
            {committees.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('land.move.submit')}
        </button>
      </div>
    </form>
  );
}
