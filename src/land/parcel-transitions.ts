/** Every status a parcel can have, in the order of the reform. */
export const PARCEL_STATUSES = Object.freeze([
  'private',
  'occupied',
  'expropriated',
  'assigned',
  'returned',
] as const);
/** One parcel status. */
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** What a permitted move asks for besides a deciding body (every move names one). */
export type MotionRule =
  /** An adopted motion of the deciding body must be given. */
  | 'required'
  /** A motion may be cited; the deciding body's officers may also decide alone. */
  | 'optional';

/**
 * The allowed moves, `from → to → rule`. Anything not listed is forbidden: an assigned parcel
 * cannot be assigned again (end the assignment first by returning it), a private parcel cannot be
 * assigned before it was expropriated, and land once returned is taken back only by a motion
 * (expropriated or assigned again) or by a new occupation.
 */
export const PARCEL_TRANSITIONS: Readonly<Record<ParcelStatus, Partial<Record<ParcelStatus, MotionRule>>>> =
  Object.freeze({
    private: { occupied: 'optional', expropriated: 'required' },
    occupied: { expropriated: 'required', returned: 'optional' },
    expropriated: { assigned: 'optional', returned: 'optional' },
    assigned: { returned: 'optional' },
    returned: { occupied: 'optional', expropriated: 'required', assigned: 'required' },
  });

/** The verdict on a proposed move. */
export type TransitionCheck =
  /** The move is in the table and its motion rule is met. */
  | { readonly status: 'allowed' }
  /** The move is not in the table at all. */
  | { readonly status: 'forbidden'; readonly from: ParcelStatus; readonly to: ParcelStatus }
  /** The move is in the table but needs an adopted motion and none was given. */
  | { readonly status: 'motion-required'; readonly from: ParcelStatus; readonly to: ParcelStatus };

/**
 * Checks one move against `PARCEL_TRANSITIONS`.
 *
 * @example checkTransition('returned', 'assigned', false) // { status: 'motion-required', … }
 */
export function checkTransition(from: ParcelStatus, to: ParcelStatus, withMotion: boolean): TransitionCheck {
  const rule = PARCEL_TRANSITIONS[from][to];
  if (rule === undefined) return { status: 'forbidden', from, to };
  if (rule === 'required' && !withMotion) return { status: 'motion-required', from, to };
  return { status: 'allowed' };
}

/** True when `value` is a parcel status. */
export function isParcelStatus(value: string): value is ParcelStatus {
  return (PARCEL_STATUSES as readonly string[]).includes(value);
}
