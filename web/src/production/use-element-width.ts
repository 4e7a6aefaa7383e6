import { type RefObject, useEffect, useState } from 'react';

/**
 * The content width of `ref`'s element in CSS pixels, followed as it resizes; `fallback` until the
 * element is measured (and where ResizeObserver is missing).
 *
 * @example const ref = useRef<HTMLDivElement>(null); const width = useElementWidth(ref, 640);
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) setWidth(Math.round(w));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
