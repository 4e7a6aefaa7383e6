import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoaded } from '../app/use-loaded.js';
import type { Mandate, Motion } from './councils-types.js';
import type { Command } from './use-command.js';

/**
 * The open motions of one council the body sends delegates to, each with the mandate the body
 * gave; for the body's officers a form to set it (for, against, abstain, free).
 */
export function CouncilMandates(props: {
  bodyId: string;
  councilId: string;
  councilName: string;
  mandates: readonly Mandate[];
  officer: boolean;
  cmd: Command;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const open = useLoaded<{ motions: Motion[] }>(`/api/bodies/${props.councilId}/motions?status=open`);
  const [choice, setChoice] = useState<Record<string, string>>({});
  if (!open.value) return null;
  return (
    <div className="council-mandates">
      <h3>{props.councilName}</h3>
      {open.value.motions.length === 0 && <p className="muted">{t('councils.motion.none')}</p>}
      <ul className="bodies">
        {open.value.motions.map((m) => {
          const given = props.mandates.find((x) => x.motionId === m.id)?.instruction ?? null;
          const selectId = `mandate-${m.id}`;
          return (
            <li key={m.id}>
              <Link className="body-name" to={`/councils/motions/${m.id}`}>
                {m.title}
              </Link>
              <span className="body-kind">
                {t('councils.mandate.current')}:{' '}
                {given
                  ? t(`councils.choice.${given}`, { defaultValue: given })
                  : t('councils.mandate.noneGiven')}
              </span>
              {props.officer && (
                <form
                  className="inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void props.cmd.run(
                      'PUT',
                      `/api/bodies/${props.bodyId}/mandates/${m.id}`,
                      { instruction: choice[m.id] ?? given ?? 'for' },
                      props.onDone,
                    );
                  }}
                >
                  <div className="field">
                    <label htmlFor={selectId}>{t('councils.mandate.instruction')}</label>
                    <select
                      id={selectId}
                      value={choice[m.id] ?? given ?? 'for'}
                      onChange={(e) => setChoice({ ...choice, [m.id]: e.target.value })}
                    >
                      {['for', 'against', 'abstain', 'free'].map((c) => (
                        <option key={c} value={c}>
                          {t(`councils.choice.${c}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button" disabled={props.cmd.busy}>
                    {t('councils.mandate.set')}
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
