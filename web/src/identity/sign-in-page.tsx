import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth-context.js';
import { LanguageSwitch } from '../app/language-switch.js';
import { usePageTitle } from '../app/use-page-title.js';

/**
 * Sign-in with user name and password. Focus starts on the user name; after a refusal the
 * server's sentence (in the UI language) is announced and focus returns to the password.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('signIn.title'));

  useEffect(() => usernameRef.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await signIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    if (result.status === 'problem') {
      setBusy(false);
      setError(result.problem.detail);
      if (passwordRef.current) {
        passwordRef.current.value = '';
        passwordRef.current.focus();
      }
    }
  };

  return (
    <div className="sign-in">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="sign-in-header">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="sign-in-main">
        <div className="card sign-in-card">
          <h1 id="page-title">{t('signIn.title')}</h1>
          <p className="muted">{t('app.tagline')}</p>
          <p>{t('signIn.intro')}</p>
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="page-title">
            <div className="field">
              <label htmlFor="sign-in-username">{t('signIn.username')}</label>
              <input
                ref={usernameRef}
                id="sign-in-username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">{t('signIn.password')}</label>
              <input
                ref={passwordRef}
                id="sign-in-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'sign-in-error' : undefined}
              />
            </div>
            <div id="sign-in-error" role="alert" className={error ? 'error-box' : 'visually-hidden'}>
              {error}
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
