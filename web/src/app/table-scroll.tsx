import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone: it scrolls sideways in a region that keyboard users can
 * focus (WCAG 2.1.1) and that screen readers announce by `label` (`.table-scroll` in styles.css).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
