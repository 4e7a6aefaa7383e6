import { useTranslation } from 'react-i18next';
import type { MyBody } from '../app/me.js';
import { AlertItem, type AlertNames } from './alert-item.js';
import type { Alert } from './production-api.js';
import type { BoardState } from './use-alert-boards.js';

/** The alert board of one body the person belongs to: open and acknowledged alerts, newest first. */
export function AlertBoard({
  body,
  board,
  namesOf,
  onChanged,
}: {
  body: MyBody;
  board: BoardState;
  namesOf: (alert: Alert) => AlertNames;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const headingId = `board-${body.bodyId}`;
  return (
    <section className="card alert-board" aria-labelledby={headingId} data-body-id={body.bodyId}>
      <h3 id={headingId}>{body.name}</h3>
      <p className="muted">{t(`kinds.${body.kind}`, { defaultValue: body.kind })}</p>
      {board.status === 'problem' && (
        <p className="error-box" role="alert">
          {board.detail}
        </p>
      )}
      {board.status === 'loading' && <p>{t('common.loading')}</p>}
      {board.status === 'ok' &&
        (board.alerts.length === 0 ? (
          <p>{t('production.board.empty')}</p>
        ) : (
          <ul className="alert-list">
            {board.alerts.map((a) => (
              <AlertItem key={a.id} alert={a} names={namesOf(a)} onChanged={onChanged} />
            ))}
          </ul>
        ))}
    </section>
  );
}
