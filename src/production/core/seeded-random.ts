/** A small deterministic random source: the same seed gives the same numbers on every machine. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
}

/**
 * A seeded generator (mulberry32 for uniforms, Box–Muller for normals), for synthetic series and
 * tests; not for anything that must be unpredictable.
 *
 * @example const r = seededRandom(42); r.normal();
 */
export function seededRandom(seed: number): SeededRandom {
  let s = seed >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const x = spare;
      spare = null;
      return x;
    }
    let u = uniform();
    while (u <= 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal, between: (low, high) => low + (high - low) * uniform() };
}
