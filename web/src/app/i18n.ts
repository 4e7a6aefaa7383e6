import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import es from '../locales/es.json';

/** A language of the UI; the same two the API answers in. */
export type Locale = 'es' | 'en';

/** Every language of the UI, Spanish (the default) first. */
export const LOCALES: readonly Locale[] = ['es', 'en'];

// The server reads this cookie to write its error sentences in the same language.
const LOCALE_COOKIE = 'cordones_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

function savedLocale(): Locale {
  const match = /(?:^|;\s*)cordones_lang=(es|en)(?:;|$)/.exec(document.cookie);
  return match?.[1] === 'en' ? 'en' : 'es';
}

/**
 * The app's i18next instance, ready before the first render: Spanish unless the language cookie
 * says English. Keys are nested with `.` and may contain `:` (token scopes), so namespaces are off.
 *
 * @example i18n.t('nav.audit') // 'Auditoría'
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: savedLocale(),
  fallbackLng: 'es',
  supportedLngs: LOCALES,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;
// Without the cookie the API would follow the browser's Accept-Language and could answer in
// English under a Spanish UI: write the UI's language down from the first load.
if (!/(?:^|;\s*)cordones_lang=/.test(document.cookie)) {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari
  document.cookie = `${LOCALE_COOKIE}=${i18n.language}; path=/; max-age=${ONE_YEAR_S}; SameSite=Lax`;
}

/**
 * Switches the UI language and stores it in the `cordones_lang` cookie, so the next page load and
 * the API's problem sentences use it too.
 */
export async function setLocale(locale: Locale): Promise<void> {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; SameSite=Lax`;
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}

/** The current UI language. */
export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'es';
}
