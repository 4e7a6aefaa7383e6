import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';

type Outcome = { readonly kind: 'done' } | { readonly kind: 'error'; readonly detail: string } | null;

/** Change of password; the server's refusal (wrong current password, too short) is shown as sent. */
export function PasswordForm() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('confirmPassword') ?? '')) {
      setOutcome({ kind: 'error', detail: t('account.mismatch') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    const result = await api<void>('POST', '/api/me/password', { currentPassword, newPassword });
    setBusy(false);
    if (result.status === 'ok') {
      formRef.current?.reset();
      setOutcome({ kind: 'done' });
    } else {
      setOutcome({ kind: 'error', detail: result.problem.detail });
    }
  };

  const hasError = outcome?.kind === 'error';
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <form ref={formRef} onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
        <div className="field">
          <label htmlFor="current-password">{t('account.currentPassword')}</label>
          <input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby={hasError ? 'password-outcome' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('account.newPassword')}</label>
          <input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="new-password-hint"
          />
          <p id="new-password-hint" className="hint">
            {t('account.passwordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="confirm-password">{t('account.confirmPassword')}</label>
          <input
            id="confirm-password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
          />
        </div>
        <div id="password-outcome" role="status">
          {outcome?.kind === 'done' && <p className="success-box">{t('account.passwordChanged')}</p>}
          {outcome?.kind === 'error' && <p className="error-box">{outcome.detail}</p>}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}
