import type { ReactNode } from 'react';

/**
 * A region that may be wider than a phone: it scrolls sideways, and keyboard users can focus it to
 * scroll (WCAG 2.1.1); `label` names it for screen readers.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="chart-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
