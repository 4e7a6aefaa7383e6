import { useTranslation } from 'react-i18next';
import type { NotBuiltArea } from './areas.js';
import { usePageTitle } from './use-page-title.js';

/** The page of an area that is not built yet: its name, that fact, and one sentence of what it will do. */
export function NotBuiltPage({ area }: { area: NotBuiltArea }) {
  const { t } = useTranslation();
  const title = t(`nav.${area}`);
  usePageTitle(title);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      <div className="notice">
        <p>
          <strong>{t('notBuilt.notice')}</strong>
        </p>
        <p>
          {t('notBuilt.plan')} {t(`notBuilt.${area}`)}
        </p>
      </div>
    </section>
  );
}
