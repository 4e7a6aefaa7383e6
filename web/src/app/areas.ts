/** An area of the platform that has a page in the navigation. */
export type Area = 'councils' | 'production' | 'planning' | 'supply' | 'logistics' | 'land' | 'audit';

/** The areas in navigation order; each is served at `/<area>`. */
export const AREAS: readonly Area[] = Object.freeze([
  'councils',
  'production',
  'planning',
  'supply',
  'logistics',
  'land',
  'audit',
]);

/**
 * Areas whose pages are not built yet: they show what the area will do and nothing invented.
 * Every area has pages now; an area added to `AREAS` before its pages goes here.
 */
export const NOT_BUILT_AREAS: readonly Area[] = Object.freeze([]);

/** An area without pages yet. */
export type NotBuiltArea = Area;
