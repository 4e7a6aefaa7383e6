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

/** Areas whose pages are not built yet: they show what the area will do and nothing invented. */
export const NOT_BUILT_AREAS = Object.freeze(['planning'] as const);

/** An area without pages yet. */
export type NotBuiltArea = (typeof NOT_BUILT_AREAS)[number];
