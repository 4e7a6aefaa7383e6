import type { MonitorState } from './core/monitor-step.js';

// The forecaster's state is about 75 doubles. As JSON it takes ~1.2 kB and, at 17 significant
// digits a number, printing and parsing it cost more than the forecast itself; stored as the raw
// IEEE-754 bytes it takes ~0.7 kB (a BLOB / bytea, `indicator_series.state`) and a fraction of the
// time, and round-trips exactly. (Until migration 0013 it was text: `b1:` + base64 of those bytes.)
// Layout (version 1 of ForecasterState): scalars, flags as 0/1, then each array as [length, ...values]; a null
// inside `warm` is NaN, a null `warm` has length -1.
const SCALARS = ['periods', 'observed', 'noiseVariance', 'lastError'] as const;
const FLAGS = ['integral'] as const;
const ARRAYS = [
  'weights',
  'means',
  'covariances',
  'seasonal',
  'recentErrors',
  'anchors',
  'recentValues',
] as const;
const KNOWN_KEYS = new Set<string>(['version', 'warm', ...SCALARS, ...FLAGS, ...ARRAYS]);
const PREFIX = 'b1:';
const OPEN_BRACE = 0x7b;

type Forecaster = MonitorState['forecaster'];

function layoutMatches(f: Forecaster): boolean {
  if (f.version !== 1) return false;
  let n = 0;
  for (const key in f) {
    if (!KNOWN_KEYS.has(key)) return false;
    n++;
  }
  return n === KNOWN_KEYS.size;
}

/**
 * Encodes a monitor state for the `indicator_series.state` column: its doubles' bytes when the
 * forecaster state has the layout this codec knows, the UTF-8 of its JSON otherwise (so a future
 * layout still stores correctly, only bigger). The two never mix up: JSON starts with `{`, the
 * doubles with the alert's open flag, 0 or 1, whose first byte is 0. `decodeMonitorState` reads both.
 *
 * @example decodeMonitorState(encodeMonitorState(s)) // deep-equal to s
 */
export function encodeMonitorState(state: MonitorState): Buffer {
  const f = state.forecaster;
  if (!layoutMatches(f)) return Buffer.from(JSON.stringify(state), 'utf8');
  let size = SCALARS.length + FLAGS.length + 3 + (f.warm === null ? 1 : 1 + f.warm.length);
  for (const key of ARRAYS) size += 1 + f[key].length;
  const out = new Float64Array(size);
  let i = 0;
  out[i++] = state.alert.open ? 1 : 0;
  out[i++] = state.alert.quiet;
  for (const key of SCALARS) out[i++] = f[key];
  for (const key of FLAGS) out[i++] = f[key] ? 1 : 0;
  if (f.warm === null) out[i++] = -1;
  else {
    out[i++] = f.warm.length;
    for (const v of f.warm) out[i++] = v === null ? Number.NaN : v;
  }
  for (const key of ARRAYS) {
    const a = f[key];
    out[i++] = a.length;
    for (let k = 0; k < a.length; k++) out[i++] = a[k]!;
  }
  out[i++] = f.version;
  return Buffer.from(out.buffer, out.byteOffset, i * 8);
}

/** Reads what `encodeMonitorState` wrote, JSON bytes, or the text of the layout before migration 0013. */
export function decodeMonitorState(stored: Uint8Array | string): MonitorState {
  let bytes: Uint8Array;
  if (typeof stored === 'string') {
    if (!stored.startsWith(PREFIX)) return JSON.parse(stored) as MonitorState;
    bytes = Buffer.from(stored.slice(PREFIX.length), 'base64');
  } else if (stored[0] === OPEN_BRACE)
    return JSON.parse(Buffer.from(stored).toString('utf8')) as MonitorState;
  else bytes = stored;
  // a copy: the driver's buffer may be a view at an offset that is not a multiple of 8
  const v = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  let i = 0;
  const alert = { open: v[i++] === 1, quiet: v[i++]! };
  const scalars: Record<string, number> = {};
  for (const key of SCALARS) scalars[key] = v[i++]!;
  const flags: Record<string, boolean> = {};
  for (const key of FLAGS) flags[key] = v[i++] === 1;
  const warmLength = v[i++]!;
  let warm: (number | null)[] | null = null;
  if (warmLength >= 0) {
    warm = new Array<number | null>(warmLength);
    for (let k = 0; k < warmLength; k++) {
      const x = v[i++]!;
      warm[k] = Number.isNaN(x) ? null : x;
    }
  }
  const arrays: Record<string, number[]> = {};
  for (const key of ARRAYS) {
    const n = v[i++]!;
    const a = new Array<number>(n);
    for (let k = 0; k < n; k++) a[k] = v[i++]!;
    arrays[key] = a;
  }
  return {
    forecaster: {
      version: v[i++] as 1,
      periods: scalars.periods!,
      observed: scalars.observed!,
      warm,
      noiseVariance: scalars.noiseVariance!,
      weights: arrays.weights!,
      means: arrays.means!,
      covariances: arrays.covariances!,
      seasonal: arrays.seasonal!,
      lastError: scalars.lastError!,
      recentErrors: arrays.recentErrors!,
      anchors: arrays.anchors!,
      recentValues: arrays.recentValues!,
      integral: flags.integral!,
    },
    alert,
  };
}
