import { useTranslation } from 'react-i18next';
import { LOCALES, setLocale } from './i18n.js';

/**
 * Two toggle buttons, Español and English; the pressed one is the current language. Each name is
 * written in its own language, so a person who cannot read the current one still finds theirs.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={i18n.language === locale}
          onClick={() => void setLocale(locale)}
        >
          {t(`language.${locale}`, { lng: locale })}
        </button>
      ))}
    </fieldset>
  );
}
