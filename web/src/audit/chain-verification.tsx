import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';

/** `GET /api/audit/verification`: the chain is whole, or the first broken link. */
type Verification =
  /** Every hash recomputed and matched. */
  | { readonly status: 'intact'; readonly count: number; readonly headHash: string }
  /** Event `seq` does not match; `checked` events before it did. */
  | {
      readonly status: 'broken';
      readonly seq: number;
      readonly id: string;
      readonly reason: string;
      readonly checked: number;
    };

type Shown =
  | { readonly kind: 'verdict'; readonly verdict: Verification }
  | { readonly kind: 'error'; readonly detail: string };

/** A button that asks the server to recompute the hash chain, and the verdict. */
export function ChainVerification() {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);

  const verify = async () => {
    setBusy(true);
    const result = await api<Verification>('GET', '/api/audit/verification');
    setBusy(false);
    setShown(
      result.status === 'ok'
        ? { kind: 'verdict', verdict: result.value }
        : { kind: 'error', detail: result.problem.detail },
    );
  };

  let message: { text: string; className: string } | null = null;
  if (shown?.kind === 'error') message = { text: shown.detail, className: 'error-box' };
  else if (shown?.verdict.status === 'intact') {
    message = {
      text: t('audit.intact', {
        events: format.number(shown.verdict.count),
        hash: shown.verdict.headHash.slice(0, 16),
      }),
      className: 'success-box',
    };
  } else if (shown?.verdict.status === 'broken') {
    message = {
      text: t('audit.broken', {
        seq: format.number(shown.verdict.seq),
        reason: t(`audit.reasons.${shown.verdict.reason}`, { defaultValue: shown.verdict.reason }),
        checked: format.number(shown.verdict.checked),
      }),
      className: 'error-box',
    };
  }

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
      <p className="muted">{t('audit.verifyIntro')}</p>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div role="status" className="verdict">
        {message && (
          <p
            className={message.className}
            data-verdict={shown?.kind === 'verdict' ? shown.verdict.status : 'error'}
          >
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
