import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth-context.js';
import { usePageTitle } from '../app/use-page-title.js';
import { ApiTokens } from './api-tokens.js';
import { PasswordForm } from './password-form.js';

/** The person's account: password change and API tokens. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('account.title'));
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('account.title')}
      </h1>
      <p className="lead">{t('account.intro', { username: me.username })}</p>
      <div className="columns">
        <PasswordForm />
        <ApiTokens />
      </div>
    </div>
  );
}
