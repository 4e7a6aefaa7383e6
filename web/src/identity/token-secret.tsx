import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The secret of a token just created, shown once, with a copy button. */
export function TokenSecret({
  name,
  token,
  onDismiss,
}: {
  name: string;
  token: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const copyToClipboard = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopy('copied');
    } catch {
      inputRef.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="secret-box">
      <p>
        <strong>{t('account.created')}</strong>
      </p>
      <label htmlFor="token-secret">{t('account.secretLabel', { name })}</label>
      <div className="secret-row">
        <input
          id="token-secret"
          ref={inputRef}
          readOnly
          value={token}
          spellCheck={false}
          className="secret"
        />
        <button type="button" className="button" onClick={() => void copyToClipboard()}>
          {t('account.copy')}
        </button>
      </div>
      <p role="status" className="hint">
        {copy === 'copied' ? t('account.copied') : copy === 'failed' ? t('account.copyFailed') : ''}
      </p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        {t('account.dismiss')}
      </button>
    </div>
  );
}
