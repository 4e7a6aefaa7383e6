import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formatters for the UI language. */
export interface Format {
  /** A UTC instant (ISO 8601) as local date and time, e.g. `11 oct 1972, 08:00`. */
  dateTime(iso: string): string;
  /** A count with the locale's grouping, e.g. `1.234` in Spanish, `1,234` in English. */
  number(n: number): string;
}

// Chilean Spanish and US English: the deployment's users, and the grouping they read.
const INTL_LOCALE = { es: 'es-CL', en: 'en-US' } as const;

/**
 * Dates and numbers formatted with `Intl` for the current UI language; re-renders on a switch.
 *
 * @example const f = useFormat(); f.number(1234) // '1.234'
 */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const tag = INTL_LOCALE[i18n.language === 'en' ? 'en' : 'es'];
  return useMemo(() => {
    const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const numbers = new Intl.NumberFormat(tag);
    return {
      dateTime: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dates.format(d);
      },
      number: (n) => numbers.format(n),
    };
  }, [tag]);
}
