import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useMe } from '../app/auth-context.js';
import { useFormat } from '../app/use-format.js';
import { TokenSecret } from './token-secret.js';

/** The scopes a token may carry, as the server names them. */
const SCOPES = [
  'production:report',
  'production:spare-parts',
  'supply:claim',
  'logistics:drive',
  'audit:read',
] as const;

interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly bodyId: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** API tokens: the list, a form to create one (its secret shown once), and revoking. */
export function ApiTokens() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const [tokens, setTokens] = useState<readonly TokenView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A token acts for a body only if its creator may manage that body.
  const managed = me.bodies.filter((b) => b.roles.includes('chair') || b.roles.includes('secretary'));

  const reload = useCallback(async () => {
    const result = await api<{ tokens: TokenView[] }>('GET', '/api/tokens');
    if (result.status === 'ok') setTokens(result.value.tokens);
    else setError(result.problem.detail);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    const bodyId = String(form.get('bodyId') ?? '');
    setBusy(true);
    setNotice(null);
    const result = await api<{ id: string; token: string }>('POST', '/api/tokens', {
      name,
      scopes: form.getAll('scopes').map(String),
      ...(bodyId ? { bodyId } : {}),
    });
    setBusy(false);
    if (result.status === 'problem') {
      setError(result.problem.detail);
      return;
    }
    setError(null);
    formElement.reset();
    setCreated({ name, token: result.value.token });
    await reload();
  };

  const revoke = async (token: TokenView) => {
    const result = await api<void>('DELETE', `/api/tokens/${token.id}`);
    setConfirming(null);
    if (result.status === 'problem') setError(result.problem.detail);
    else {
      setError(null);
      setNotice(t('account.revokedNotice', { name: token.name }));
      await reload();
    }
  };

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokensTitle')}</h2>
      <p className="muted">{t('account.tokensIntro')}</p>

      {created && (
        <TokenSecret name={created.name} token={created.token} onDismiss={() => setCreated(null)} />
      )}

      <form className="token-form" onSubmit={(e) => void create(e)} aria-labelledby="new-token-title">
        <h3 id="new-token-title">{t('account.newToken')}</h3>
        <div className="field">
          <label htmlFor="token-name">{t('account.tokenName')}</label>
          <input id="token-name" name="name" required maxLength={200} aria-describedby="token-name-hint" />
          <p id="token-name-hint" className="hint">
            {t('account.tokenNameHint')}
          </p>
        </div>
        <fieldset className="checkboxes">
          <legend>{t('account.scopesLegend')}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input type="checkbox" name="scopes" value={scope} />
              <span>
                {t(`account.scopes.${scope}`)} <code>{scope}</code>
              </span>
            </label>
          ))}
        </fieldset>
        {managed.length > 0 && (
          <div className="field">
            <label htmlFor="token-body">{t('account.tokenBody')}</label>
            <select id="token-body" name="bodyId" defaultValue="">
              <option value="">{t('account.noBody')}</option>
              {managed.map((body) => (
                <option key={body.bodyId} value={body.bodyId}>
                  {body.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div role="status">
          {error && <p className="error-box">{error}</p>}
          {notice && <p className="success-box">{notice}</p>}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('account.create')}
        </button>
      </form>

      <h3 id="token-list-title">{t('account.listLabel')}</h3>
      {tokens === null ? (
        <p>{t('common.loading')}</p>
      ) : tokens.length === 0 ? (
        <p>{t('account.noTokens')}</p>
      ) : (
        <ul className="tokens" aria-labelledby="token-list-title">
          {tokens.map((token) => (
            <li key={token.id} className={token.revokedAt ? 'token revoked' : 'token'}>
              <span className="token-name">{token.name}</span>
              <span className="token-scopes">
                {token.scopes.map((scope) => (
                  <code key={scope} className="tag">
                    {scope}
                  </code>
                ))}
              </span>
              <span className="token-dates">
                {t('account.createdAt')}: {format.dateTime(token.createdAt)} · {t('account.lastUsed')}:{' '}
                {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('account.never')}
                {token.revokedAt && (
                  <>
                    {' '}
                    · <strong>{t('account.revokedAt')}</strong>: {format.dateTime(token.revokedAt)}
                  </>
                )}
              </span>
              {!token.revokedAt &&
                (confirming === token.id ? (
                  <span className="confirm">
                    <span>{t('account.confirmRevoke', { name: token.name })}</span>
                    <button type="button" className="button button-danger" onClick={() => void revoke(token)}>
                      {t('account.confirm')}
                    </button>
                    <button type="button" className="button button-quiet" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setConfirming(token.id)}
                    aria-label={`${t('account.revoke')}: ${token.name}`}
                  >
                    {t('account.revoke')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
