/**
 * Sign of the turn a→b→c: > 0 counter-clockwise, < 0 clockwise, 0 collinear. Exact for the
 * coordinates of parcels (degrees with at most ~9 significant digits), whose products stay far
 * below 2^53 ulp trouble; no tolerance is applied.
 */
export function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

// c lies within the bounding box of a–b (used once a, b, c are known to be collinear)
function within(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/**
 * True when the closed segments a–b and c–d share at least one point (crossing, touching at an
 * end, or overlapping when collinear).
 *
 * @example segmentsIntersect(0, 0, 2, 2, 0, 2, 2, 0) // true: they cross at (1, 1)
 */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && within(ax, ay, bx, by, cx, cy)) return true;
  if (o2 === 0 && within(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && within(cx, cy, dx, dy, ax, ay)) return true;
  if (o4 === 0 && within(cx, cy, dx, dy, bx, by)) return true;
  return false;
}
