import { upgradeState } from './core/forecaster.js';
import type { MonitorState } from './core/monitor-step.js';

// The forecaster's state is about 75 doubles. As JSON it takes ~1.2 kB and, at 17 significant
// digits a number, printing and parsing it cost more than the forecast itself; stored as the raw
// IEEE-754 bytes it takes ~0.7 kB (a BLOB / bytea, `indicator_series.state`) and a fraction of the
// time, and round-trips exactly. (Until migration 0013 it was text: `b1:` + base64 of those bytes.)
// Layout (version 2 of ForecasterState): scalars, flags as 0/1, then each array as [length, ...values]; a null
// inside `warm` is NaN, a null `warm` has length -1; then the version and, from version 2, `calm`.
// Rows written in version 1 (no `calm`) read as version 2 with calm 1 (`upgradeState`). While the
// alert rule watches an alert for its revision (`AlertState.watch`, from session 7), three more
// doubles follow: its age, slope and scale; rows without them read with watch null.
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
const KNOWN_KEYS = new Set<string>(['version', 'warm', 'calm', ...SCALARS, ...FLAGS, ...ARRAYS]);
const PREFIX = 'b1:';
const OPEN_BRACE = 0x7b;

type Forecaster = MonitorState['forecaster'];

function layoutMatches(f: Forecaster): boolean {
  if (f.version !== 2) return false;
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
  // Field by field in the layout's order (SCALARS, FLAGS, warm, ARRAYS): named accesses, which
  // ingest runs once a report, cost a fraction of looping over the key lists.
  const warm = f.warm;
  const size =
    SCALARS.length +
    FLAGS.length +
    3 +
    (warm === null ? 1 : 1 + warm.length) +
    ARRAYS.length +
    f.weights.length +
    f.means.length +
    f.covariances.length +
    f.seasonal.length +
    f.recentErrors.length +
    f.anchors.length +
    f.recentValues.length +
    1 +
    (state.alert.watch === null ? 0 : 3);
  // From Node's buffer pool (states are < 4 kB), whose slices start at multiples of 8: a third of
  // the cost of a fresh ArrayBuffer. Every double of it is written below (`i` ends at `size`).
  const buf = Buffer.allocUnsafe(size * 8);
  const out =
    buf.byteOffset % 8 === 0 ? new Float64Array(buf.buffer, buf.byteOffset, size) : new Float64Array(size);
  out[0] = state.alert.open ? 1 : 0;
  out[1] = state.alert.quiet;
  out[2] = f.periods;
  out[3] = f.observed;
  out[4] = f.noiseVariance;
  out[5] = f.lastError;
  out[6] = f.integral ? 1 : 0;
  let i = 7;
  if (warm === null) out[i++] = -1;
  else {
    out[i++] = warm.length;
    for (let k = 0; k < warm.length; k++) {
      const v = warm[k];
      out[i++] = v === null || v === undefined ? Number.NaN : v;
    }
  }
  i = putArray(out, i, f.weights);
  i = putArray(out, i, f.means);
  i = putArray(out, i, f.covariances);
  i = putArray(out, i, f.seasonal);
  i = putArray(out, i, f.recentErrors);
  i = putArray(out, i, f.anchors);
  i = putArray(out, i, f.recentValues);
  out[i++] = f.version;
  out[i++] = f.calm;
  const watch = state.alert.watch;
  if (watch !== null) {
    out[i++] = watch.age;
    out[i++] = watch.slope;
    out[i++] = watch.scale;
  }
  if (i !== size) throw new Error(`monitor state codec: wrote ${i} doubles for ${size}`);
  return out.buffer === buf.buffer ? buf : Buffer.from(out.buffer, out.byteOffset, size * 8);
}

function putArray(out: Float64Array, at: number, a: readonly number[]): number {
  let i = at;
  out[i++] = a.length;
  for (let k = 0; k < a.length; k++) out[i++] = a[k]!;
  return i;
}

function fromJson(text: string): MonitorState {
  const state = JSON.parse(text) as MonitorState;
  // states stored before the watch read with none
  return {
    ...state,
    forecaster: upgradeState(state.forecaster),
    alert: { ...state.alert, watch: state.alert.watch ?? null },
  };
}

function takeArray(v: Float64Array, at: number): number[] {
  const n = v[at]!;
  const a = new Array<number>(n);
  for (let k = 0; k < n; k++) a[k] = v[at + 1 + k]!;
  return a;
}

/** Reads what `encodeMonitorState` wrote, JSON bytes, or the text of the layout before migration 0013. */
export function decodeMonitorState(stored: Uint8Array | string): MonitorState {
  let bytes: Uint8Array;
  if (typeof stored === 'string') {
    if (!stored.startsWith(PREFIX)) return fromJson(stored);
    bytes = Buffer.from(stored.slice(PREFIX.length), 'base64');
  } else if (stored[0] === OPEN_BRACE) return fromJson(Buffer.from(stored).toString('utf8'));
  else bytes = stored;
  // read in place when the bytes sit at a multiple of 8 in their buffer (values are copied out
  // below); a copy otherwise: the driver's buffer may be a view at an odd offset
  const v =
    bytes.byteOffset % 8 === 0
      ? new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 3)
      : new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  // the layout's order: alert (2), SCALARS (4), FLAGS (1), warm, ARRAYS (7), version, calm (version
  // 2), the alert's watch (age, slope, scale) when there is one
  const warmLength = v[7]!;
  let i = 8;
  let warm: (number | null)[] | null = null;
  if (warmLength >= 0) {
    warm = new Array<number | null>(warmLength);
    for (let k = 0; k < warmLength; k++) {
      const x = v[i++]!;
      warm[k] = Number.isNaN(x) ? null : x;
    }
  }
  // unrolled on purpose: a reader closure over `i` measured 1.6 µs for decode + encode, this 1.1
  const weights = takeArray(v, i);
  i += 1 + weights.length;
  const means = takeArray(v, i);
  i += 1 + means.length;
  const covariances = takeArray(v, i);
  i += 1 + covariances.length;
  const seasonal = takeArray(v, i);
  i += 1 + seasonal.length;
  const recentErrors = takeArray(v, i);
  i += 1 + recentErrors.length;
  const anchors = takeArray(v, i);
  i += 1 + anchors.length;
  const recentValues = takeArray(v, i);
  i += 1 + recentValues.length;
  // version 1 ended at its version number; it had no `calm`, which starts at 1 (see upgradeState)
  const calm = v[i] === 1 ? 1 : v[i + 1]!;
  const watch = v.length >= i + 5 ? { age: v[i + 2]!, slope: v[i + 3]!, scale: v[i + 4]! } : null;
  const alert = { open: v[0] === 1, quiet: v[1]!, watch };
  return {
    forecaster: {
      version: 2,
      periods: v[2]!,
      observed: v[3]!,
      warm,
      noiseVariance: v[4]!,
      weights,
      means,
      covariances,
      seasonal,
      lastError: v[5]!,
      recentErrors,
      anchors,
      recentValues,
      integral: v[6] === 1,
      calm,
    },
    alert,
  };
}
