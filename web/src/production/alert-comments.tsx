import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.js';
import { useFormat } from '../app/use-format.js';

/** A comment on an alert, as `GET /api/alerts/:id` gives it. */
interface AlertComment {
  readonly id: string;
  readonly authorPersonId: string;
  readonly text: string;
  readonly createdAt: string;
}

/**
 * An alert's comments behind a disclosure, fetched when it is opened and again whenever `version`
 * changes while open (after this page added one).
 */
export function AlertComments({ alertId, version }: { alertId: string; version: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const [comments, setComments] = useState<readonly AlertComment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // version re-reads the comments after one was added
  // biome-ignore lint/correctness/useExhaustiveDependencies: version only triggers a reload
  useEffect(() => {
    if (!open) return;
    let live = true;
    void api<{ comments: AlertComment[] }>('GET', `/api/alerts/${alertId}`).then((result) => {
      if (!live) return;
      if (result.status === 'ok') {
        setComments(result.value.comments);
        setError(null);
      } else setError(result.problem.detail);
    });
    return () => {
      live = false;
    };
  }, [open, alertId, version]);
  return (
    <details className="alert-comments" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('production.alert.comments')}</summary>
      {error && <p className="error-box">{error}</p>}
      {open && comments === null && !error && <p>{t('common.loading')}</p>}
      {comments?.length === 0 && <p>{t('production.alert.noComments')}</p>}
      {comments && comments.length > 0 && (
        <ol className="alert-comment-list">
          {comments.map((c) => (
            <li key={c.id}>
              <time dateTime={c.createdAt} className="muted">
                {f.dateTime(c.createdAt)}
              </time>{' '}
              {c.text}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
