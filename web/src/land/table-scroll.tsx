import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A table that may be wider than a phone: it scrolls sideways in a region that keyboard users can
 * focus (WCAG 2.1.1) and that screen readers announce as the named table, scrollable.
 */
export function TableScroll({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="land-table-wrap" aria-label={t('land.scrollable', { table: title })} tabIndex={0}>
      {children}
    </section>
  );
}
