import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/use-format.js';
import type { Petition } from './councils-types.js';

/**
 * A body's recall petitions: against whom, in which council, the progress as a bar with the same
 * figures in words ("2 of 3 signatures needed"), the status, and the person's own choice — sign,
 * or withdraw their signature — while the petition is open.
 */
export function PetitionsSection(props: {
  petitions: readonly Petition[];
  nameOf: (bodyId: string) => string;
  delegateName: (personId: string) => string;
  busy: boolean;
  onSign: (p: Petition) => void;
  onWithdraw: (p: Petition) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="petitions-title">
      <h2 id="petitions-title">{t('councils.petition.title')}</h2>
      {props.petitions.length === 0 && <p className="muted">{t('councils.petition.none')}</p>}
      <ul className="petitions">
        {props.petitions.map((p) => (
          <li key={p.id} data-petition={p.id}>
            <div className="card-heading">
              <h3>{t('councils.petition.against', { name: props.delegateName(p.delegatePersonId) })}</h3>
              <span className={`tag petition-${p.status}`}>
                {t(`councils.petition.status.${p.status}`, { defaultValue: p.status })}
              </span>
            </div>
            <p className="muted">
              {t('councils.body.seatIn', { council: props.nameOf(p.councilId) })} ·{' '}
              {t('councils.petition.openedAt', { date: f.dateTime(p.openedAt) })}
            </p>
            <div className="progress-row">
              <progress
                max={p.needed}
                value={Math.min(p.signatures, p.needed)}
                aria-label={t('councils.petition.progressLabel')}
              />
              <span className="progress-text">
                {t('councils.petition.progress', { signatures: p.signatures, needed: p.needed })}
              </span>
            </div>
            {p.status === 'open' &&
              (p.signedByMe ? (
                <p className="confirm">
                  <span>{t('councils.petition.youSigned')}</span>
                  <button
                    type="button"
                    className="button button-quiet"
                    disabled={props.busy}
                    onClick={() => props.onWithdraw(p)}
                  >
                    {t('councils.petition.withdraw')}
                  </button>
                </p>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={props.busy}
                  onClick={() => props.onSign(p)}
                >
                  {t('councils.petition.sign')}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
