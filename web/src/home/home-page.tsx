import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth-context.js';
import { usePageTitle } from '../app/use-page-title.js';
import { LiveFeed } from './live-feed.js';

/** The first page after sign-in: the person's bodies with their roles, and the live feed. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('nav.home'));
  return (
    <div className="page">
      <h1 id="page-title" tabIndex={-1}>
        {t('home.title', { name: me.displayName })}
      </h1>
      <div className="columns">
        <section className="card" aria-labelledby="bodies-title">
          <h2 id="bodies-title">{t('home.bodiesTitle')}</h2>
          <p className="muted">{t('home.bodiesIntro')}</p>
          {me.bodies.length === 0 ? (
            <p>{t('home.noBodies')}</p>
          ) : (
            <ul className="bodies" aria-labelledby="bodies-title">
              {me.bodies.map((body) => (
                <li key={body.bodyId}>
                  <span className="body-name">{body.name}</span>
                  <span className="body-kind">{t(`kinds.${body.kind}`, { defaultValue: body.kind })}</span>
                  <span className="body-roles">
                    <span className="visually-hidden">{t('home.roles')}: </span>
                    {body.roles.length === 0
                      ? t('home.noRoles')
                      : body.roles.map((role) => (
                          <span key={role} className="tag">
                            {t(`roles.${role}`, { defaultValue: role })}
                          </span>
                        ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <LiveFeed />
      </div>
    </div>
  );
}
