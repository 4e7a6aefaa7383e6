import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// The same locales as the app's useFormat: Chilean Spanish and US English.
const INTL_LOCALE = { es: 'es-CL', en: 'en-US' } as const;

/** Formatters for report periods (`YYYY-MM-DD`, a UTC day) and indicator values. */
export interface PeriodFormat {
  /** `1972-10-11` as `11 oct 1972` / `Oct 11, 1972`; anything else unchanged. */
  day(period: string): string;
  /** A value with the locale's grouping, at most one decimal. */
  value(n: number): string;
}

/**
 * Period and value formatters for the UI language, with `Intl` (days are read in UTC so a period
 * never shifts by the viewer's time zone).
 *
 * @example usePeriodFormat().day('1972-10-11') // '11 oct 1972'
 */
export function usePeriodFormat(): PeriodFormat {
  const { i18n } = useTranslation();
  const tag = INTL_LOCALE[i18n.language === 'en' ? 'en' : 'es'];
  return useMemo(() => {
    const days = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const values = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
    return {
      day: (period) => {
        const d = new Date(`${period}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? period : days.format(d);
      },
      value: (n) => values.format(n),
    };
  }, [tag]);
}
