import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from './use-command.js';

/** A delegate seat the body may recall by motion. */
export interface RecallableSeat {
  readonly seatId: string;
  readonly holderName: string;
  readonly councilName: string;
}

/**
 * A form to put a motion before a body, folded away until opened; it may be a recall motion
 * against one of the body's sitting delegates (adopted, it vacates the seat like a petition).
 * Shown to everyone who sees the body: the server decides who may propose (delegates in a
 * council, members in a base body) and its refusal appears through `cmd`.
 */
export function ProposeMotion(props: {
  bodyId: string;
  recallable: readonly RecallableSeat[];
  cmd: Command;
  onDone: () => void;
}) {
  const { bodyId, cmd, onDone } = props;
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [recallSeatId, setRecallSeatId] = useState('');
  return (
    <details className="propose">
      <summary>{t('councils.motion.propose')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const body = { title, text, ...(recallSeatId ? { recallSeatId } : {}) };
          void cmd.run('POST', `/api/bodies/${bodyId}/motions`, body, () => {
            setTitle('');
            setText('');
            setRecallSeatId('');
            onDone();
          });
        }}
      >
        <div className="field">
          <label htmlFor="motion-title">{t('councils.motion.titleField')}</label>
          <input
            id="motion-title"
            value={title}
            required
            maxLength={300}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="motion-text">{t('councils.motion.textField')}</label>
          <textarea
            id="motion-text"
            value={text}
            required
            rows={4}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {props.recallable.length > 0 && (
          <div className="field">
            <label htmlFor="motion-recall">{t('councils.motion.recallField')}</label>
            <select id="motion-recall" value={recallSeatId} onChange={(e) => setRecallSeatId(e.target.value)}>
              <option value="">{t('councils.motion.recallNone')}</option>
              {props.recallable.map((r) => (
                <option key={r.seatId} value={r.seatId}>
                  {t('councils.motion.recallOption', { name: r.holderName, council: r.councilName })}
                </option>
              ))}
            </select>
            <p className="hint">{t('councils.motion.recallHint')}</p>
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={cmd.busy}>
          {t('councils.motion.submit')}
        </button>
      </form>
    </details>
  );
}
