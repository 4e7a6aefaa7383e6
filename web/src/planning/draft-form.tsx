import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCommand } from '../councils/use-command.js';
import type { PlanHead } from './planning-api.js';

/** The quarter (`YYYY-Qn`) after the one containing now: the usual next plan. */
function nextQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3) + 1;
  return q === 4 ? `${now.getUTCFullYear() + 1}-Q1` : `${now.getUTCFullYear()}-Q${q + 1}`;
}

/**
 * Drafts a plan from the supply committees' entitlements for a month or a quarter, before one of
 * the national assemblies. The server decides who may (the assembly's delegates and officers).
 */
export function DraftForm({ assemblies }: { assemblies: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const cmd = useCommand();
  const id = useId();
  const navigate = useNavigate();
  const [period, setPeriod] = useState(() => nextQuarter(new Date()));
  const [bodyId, setBodyId] = useState('');
  const chosen = bodyId || assemblies[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void cmd.run<PlanHead>('POST', '/api/planning/plans', { bodyId: chosen, period }, (plan) =>
      navigate(`/planning/plans/${plan.id}`),
    );
  };
  if (assemblies.length === 0) return null;
  return (
    <form className="card target-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('planning.draft.title')}</h2>
      <p className="muted">{t('planning.draft.help')}</p>
      {assemblies.length > 1 && (
        <div className="form-row">
          <label htmlFor={`${id}-body`}>{t('planning.draft.assembly')}</label>
          <select id={`${id}-body`} value={chosen} onChange={(e) => setBodyId(e.target.value)}>
            {assemblies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="form-row">
        <label htmlFor={`${id}-period`}>{t('planning.draft.period')}</label>
        <input
          id={`${id}-period`}
          required
          pattern="\d{4}-(0[1-9]|1[0-2]|Q[1-4])"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={cmd.busy}>
        {t('planning.draft.submit')}
      </button>
      {cmd.error && (
        <p className="error-box" role="alert">
          {cmd.error}
        </p>
      )}
    </form>
  );
}
