import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../app/auth-context.js';
import { usePageTitle } from '../app/use-page-title.js';

/** `/supply`: the supply committees (JAP) the signed-in person belongs to, with their pages. */
export function SupplyHome() {
  const { t } = useTranslation();
  const { state } = useAuth();
  usePageTitle(t('supply.home.title'));
  const committees =
    state.status === 'signed-in' ? state.me.bodies.filter((b) => b.kind === 'supply-committee') : [];
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('supply.home.title')}
      </h1>
      <p className="lead">{t('supply.home.lead')}</p>
      {committees.length === 0 ? (
        <p className="muted">{t('supply.home.none')}</p>
      ) : (
        <ul className="bodies">
          {committees.map((c) => (
            <li key={c.bodyId}>
              <Link className="body-name" to={`/supply/committees/${c.bodyId}`}>
                {c.name}
              </Link>{' '}
              <span className="body-roles">{c.roles.map((r) => t(`roles.${r}`)).join(', ')}</span>{' '}
              <Link to={`/supply/committees/${c.bodyId}/report`}>{t('supply.home.report')}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
