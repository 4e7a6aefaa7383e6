import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from './use-command.js';

/**
 * A form to put a motion before a body, folded away until opened. Shown to everyone who sees the
 * body: the server decides who may propose (delegates in a council, members in a base body) and
 * its refusal appears through `cmd`.
 */
export function ProposeMotion({ bodyId, cmd, onDone }: { bodyId: string; cmd: Command; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  return (
    <details className="propose">
      <summary>{t('councils.motion.propose')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void cmd.run('POST', `/api/bodies/${bodyId}/motions`, { title, text }, () => {
            setTitle('');
            setText('');
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
        <button type="submit" className="button button-primary" disabled={cmd.busy}>
          {t('councils.motion.submit')}
        </button>
      </form>
    </details>
  );
}
