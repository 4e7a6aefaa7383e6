import type { DetectionSettings } from '../src/production/core/detection-defaults.js';
import { DETECTION_DEFAULTS } from '../src/production/core/detection-defaults.js';
import { initialState, update } from '../src/production/core/forecaster.js';
import { initialMonitorState, monitorStep } from '../src/production/core/monitor-step.js';
import type { NoiseShape, SyntheticSeriesOptions } from '../src/production/core/synthetic-series.js';
import { CHANGE_MAGNITUDES, syntheticSeries } from '../src/production/core/synthetic-series.js';
import { oracleVarianceRecall } from './detect-oracle.js';
import type { ScoredKind } from './detect-scoring.js';
import { scoreDetection, scoredKind } from './detect-scoring.js';

const MEAN: ScoredKind[] = ['level-shift', 'spike', 'slope-change'];
const HEADLINE: ScoredKind[] = [...MEAN, 'variance-rise'];
const ALL: ScoredKind[] = [...HEADLINE, 'variance-fall'];
const WINDOW = 3;
// The generator's variance-rise range before it was held to the oracle rule (see synthetic-series.ts).
const MODERATE_RISES: readonly [number, number] = [3, 5];
const WARMUP = 30;
// A false alert up to this many periods after a change is reported apart as "late": a change seen
// too late, or its aftermath (the noise level still being learnt after a rise). Still false.
const LATE = 15;

interface Tally {
  /** False alerts by the kind of alert that was raised (step, outlier, drift…). */
  falseByAlert: Record<string, number>;
  /** Per kind of change, the kinds of the first alerts that found one within the window. */
  labels: Record<ScoredKind, Record<string, number>>;
  /**
   * One-step forecast errors |value − forecast| in units of the series' base noise σ: on normal
   * points (no change within LATE periods before, noise not raised) and 1–10 and 11–30 periods
   * after a slope change (the forecast following a turned trend).
   */
  forecastErrors: { normal: number[]; afterSlope: number[]; lateAfterSlope: number[] };
  /** False alerts WINDOW+1…LATE periods after a change, and those of them after a variance rise. */
  late: number;
  lateAfterRise: number;
  injected: Record<ScoredKind, number>;
  detected: Record<ScoredKind, number>;
  delays: number[];
  trueAlerts: number;
  falseAlerts: number;
  normalPoints: number;
}

function emptyTally(): Tally {
  const zero = () => Object.fromEntries(ALL.map((k) => [k, 0])) as Record<ScoredKind, number>;
  return {
    falseByAlert: {},
    labels: Object.fromEntries(ALL.map((k) => [k, {}])) as Record<ScoredKind, Record<string, number>>,
    forecastErrors: { normal: [], afterSlope: [], lateAfterSlope: [] },
    late: 0,
    lateAfterRise: 0,
    injected: zero(),
    detected: zero(),
    delays: [],
    trueAlerts: 0,
    falseAlerts: 0,
    normalPoints: 0,
  };
}

function runSeries(options: SyntheticSeriesOptions, settings: DetectionSettings, into: Tally[]): void {
  const series = syntheticSeries(options);
  let state = initialMonitorState(settings);
  const alerts: number[] = [];
  const kinds: string[] = [];
  // per period: periods since the last change and since the last slope change (-1: none yet), and
  // whether the noise is raised (between a rise and the fall back)
  const sinceChange = new Int32Array(options.length).fill(-1);
  const sinceSlope = new Int32Array(options.length).fill(-1);
  const raised = new Uint8Array(options.length);
  {
    const at = new Map(series.labels.map((c) => [c.index, c]));
    let change = -1;
    let slope = -1;
    let up = 0;
    for (let i = 0; i < options.length; i++) {
      const c = at.get(i);
      if (c) change = i;
      if (c?.kind === 'slope-change') slope = i;
      if (c?.kind === 'variance-change') up = c.magnitude > 1 ? 1 : 0;
      sinceChange[i] = change < 0 ? -1 : i - change;
      sinceSlope[i] = slope < 0 ? -1 : i - slope;
      raised[i] = up;
    }
  }
  const sigma = options.sigma ?? 1;
  const errors = { normal: [] as number[], afterSlope: [] as number[], lateAfterSlope: [] as number[] };
  series.values.forEach((v, i) => {
    const r = monitorStep(state, v, settings);
    state = r.state;
    if (r.alert) {
      alerts.push(i);
      kinds.push(r.alert.kind);
    }
    // the episode's alert revised (a step that was a turn, an outlier that was louder noise…)
    if (r.revised !== null && kinds.length > 0) kinds[kinds.length - 1] = r.revised;
    if (v === null || i < WARMUP || Number.isNaN(r.update.expected) || raised[i] === 1) return;
    const e = Math.abs(v - r.update.expected) / sigma;
    if (sinceChange[i]! < 0 || sinceChange[i]! > LATE) errors.normal.push(e);
    if (sinceSlope[i]! >= 1 && sinceSlope[i]! <= 10) errors.afterSlope.push(e);
    else if (sinceSlope[i]! > 10 && sinceSlope[i]! <= 30) errors.lateAfterSlope.push(e);
  });
  const sc = scoreDetection(alerts, series.labels, options.length, WARMUP, WINDOW);
  // how each detected change was labelled: the kind of the first alert in its window
  const labelled: [ScoredKind, string][] = [];
  for (const c of series.labels) {
    const k = alerts.findIndex((a) => a >= c.index && a <= c.index + WINDOW);
    if (k >= 0) labelled.push([scoredKind(c), kinds[k]!]);
  }
  // the false alerts (no change within WINDOW before them): their kinds, and how many are late
  const falseKinds: string[] = [];
  let late = 0;
  let lateAfterRise = 0;
  alerts.forEach((a, k) => {
    if (series.labels.some((c) => a >= c.index && a <= c.index + WINDOW)) return;
    falseKinds.push(kinds[k]!);
    const before = series.labels.filter((c) => a > c.index + WINDOW && a <= c.index + LATE);
    if (before.length === 0) return;
    late += 1;
    if (before.some((c) => c.kind === 'variance-change' && c.magnitude > 1)) lateAfterRise += 1;
  });
  for (const t of into) {
    t.late += late;
    t.lateAfterRise += lateAfterRise;
    for (const kind of falseKinds) t.falseByAlert[kind] = (t.falseByAlert[kind] ?? 0) + 1;
    for (const [change, kind] of labelled) t.labels[change][kind] = (t.labels[change][kind] ?? 0) + 1;
    t.forecastErrors.normal.push(...errors.normal);
    t.forecastErrors.afterSlope.push(...errors.afterSlope);
    t.forecastErrors.lateAfterSlope.push(...errors.lateAfterSlope);
    for (const k of ALL) {
      t.injected[k] += sc.injected[k];
      t.detected[k] += sc.detected[k];
    }
    for (const d of sc.delays) if (HEADLINE.includes(d.kind)) t.delays.push(d.delay);
    t.trueAlerts += sc.trueAlerts;
    t.falseAlerts += sc.falseAlerts;
    t.normalPoints += sc.normalPoints;
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
const recallOf = (t: Tally, kinds: ScoredKind[]) => {
  const inj = kinds.reduce((s, k) => s + t.injected[k], 0);
  const det = kinds.reduce((s, k) => s + t.detected[k], 0);
  return { inj, det, text: `${ratio(det, inj)} (${det}/${inj})` };
};
const falsePer500 = (t: Tally) => ((500 * t.falseAlerts) / Math.max(1, t.normalPoints)).toFixed(2);

interface Grid {
  total: Tally;
  byNoise: Map<NoiseShape, Tally>;
  /** One line per configuration. */
  rows: string[];
  configs: number;
}

/**
 * The bench's grid of configurations (3 noise shapes × weekly season or not × 3 % missing or not),
 * `perConfig` series each, the seeds the same in every call; `magnitudes` overrides the default ranges.
 */
function runGrid(
  perConfig: number,
  length: number,
  settings: DetectionSettings,
  magnitudes?: SyntheticSeriesOptions['magnitudes'],
): Grid {
  const total = emptyTally();
  const byNoise = new Map<NoiseShape, Tally>();
  const rows: string[] = [];
  let seed = 1;
  let configs = 0;
  for (const noise of ['gaussian', 'laplace', 'student-t'] as NoiseShape[])
    for (const season of [0, 3])
      for (const missing of [0, 0.03]) {
        configs++;
        const t = emptyTally();
        if (!byNoise.has(noise)) byNoise.set(noise, emptyTally());
        const shape = byNoise.get(noise)!;
        for (let s = 0; s < perConfig; s++)
          runSeries(
            {
              length,
              seed: seed++,
              noise,
              seasonAmplitude: season,
              missingRate: missing,
              sigma: 2 + (s % 5),
              level: 50 + 20 * (s % 7),
              slope: s % 3 === 0 ? 0.1 : 0,
              ...(magnitudes ? { magnitudes } : {}),
            },
            settings,
            [t, total, shape],
          );
        rows.push(
          `  ${noise.padEnd(9)} season ${String(season).padEnd(2)} missing ${missing.toFixed(2)}: recall (mean changes) ${recallOf(t, MEAN).text.padEnd(16)} false alerts per 500 normal points ${falsePer500(t)}`,
        );
      }
  return { total, byNoise, rows, configs };
}

// `npm run bench -- detect [--series N] [--length N] [--quick]`
// Detection quality of DETECTION_DEFAULTS on labelled synthetic series, then forecaster speed.
export default async function (args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
  };
  const perConfig = flag('--series', quick ? 10 : 40);
  const length = flag('--length', 1000);
  const settings = DETECTION_DEFAULTS;

  const { total, byNoise, rows, configs } = runGrid(perConfig, length, settings);
  // the same series with the noise rising only ×3–5 (the range before this one): below what 4 values
  // can show in heavy-tailed noise, reported beside the headline so that the two can be compared
  const moderate = runGrid(perConfig, length, settings, { 'variance-change': MODERATE_RISES });

  // gentler changes than the default ranges: what the detector does below the 3-period horizon
  const gentle = emptyTally();
  for (let s = 0; s < perConfig * 3; s++)
    runSeries(
      {
        length,
        seed: 10_000 + s,
        noise: 'gaussian',
        sigma: 2,
        magnitudes: {
          'level-shift': [2, 4],
          spike: [4, 6],
          'slope-change': [1, 3],
          'variance-change': [2, 3],
        },
      },
      settings,
      [gentle],
    );

  total.delays.sort((a, b) => a - b);
  const median =
    total.delays.length > 0 ? total.delays[Math.floor((total.delays.length - 1) / 2)]! : Number.NaN;
  console.log(
    `detect: ${configs * perConfig} series × ${length} periods (${configs} configurations × ${perConfig}: 3 noise shapes × weekly season or not × 3 % missing or not), DETECTION_DEFAULTS`,
  );
  console.log(
    `  recall within ${WINDOW} periods, changes of the mean (level shifts, spikes, slope changes): ${recallOf(total, MEAN).text}`,
  );
  console.log(
    `  recall within ${WINDOW} periods, all of the above and variance rises: ${recallOf(total, HEADLINE).text}`,
  );
  for (const k of ALL)
    console.log(
      `    ${k.padEnd(14)} ${ratio(total.detected[k], total.injected[k])} (${total.detected[k]}/${total.injected[k]})`,
    );
  console.log(
    `  precision: ${ratio(total.trueAlerts, total.trueAlerts + total.falseAlerts)} (${total.trueAlerts} true, ${total.falseAlerts} false alerts; an alert later than ${WINDOW} periods counts as false)`,
  );
  console.log(
    `  false alerts per 500 normal points: ${falsePer500(total)} (${total.normalPoints} normal points)`,
  );
  console.log(
    `    of them ${total.late} come ${WINDOW + 1}–${LATE} periods after a change (${total.lateAfterRise} after a variance rise): a change seen too late or its aftermath; the others, ${((500 * (total.falseAlerts - total.late)) / Math.max(1, total.normalPoints)).toFixed(2)} per 500 normal points, follow no change within ${LATE} periods`,
  );
  console.log(`  median detection delay: ${median} periods`);
  for (const r of rows) console.log(r);
  // where each noise shape spends its false-alert budget (the heavy-tailed ones: ordinary 5σ values)
  for (const [noise, t] of byNoise)
    console.log(
      `  false alerts per 500 normal points by the kind of alert, ${noise}: ${Object.entries(t.falseByAlert)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${kind} ${((500 * n) / Math.max(1, t.normalPoints)).toFixed(2)}`)
        .join(', ')}`,
    );
  // the kind an alert names is the regime whose probability passed its threshold first (see
  // alert-rule.ts); how often that names the change the generator injected
  console.log(
    '  the kind the first alert within the window carries (revised once as the episode unfolds, see alert-rule.ts), per kind of change found:',
  );
  for (const k of HEADLINE) {
    const named = Object.entries(total.labels[k]).sort((a, b) => b[1] - a[1]);
    const found = named.reduce((sum, [, n]) => sum + n, 0);
    console.log(`    ${k.padEnd(14)} ${named.map(([kind, n]) => `${kind} ${ratio(n, found)}`).join(', ')}`);
  }
  // how closely the forecast follows the series, and how soon it follows a turned trend
  const errorText = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mean = xs.reduce((sum, x) => sum + x, 0) / Math.max(1, xs.length);
    return `mean ${mean.toFixed(2)}σ, median ${(sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN).toFixed(2)}σ`;
  };
  const fe = total.forecastErrors;
  console.log(
    `  one-step forecast error |value − forecast| in the series' base σ (raised noise left out): normal points ${errorText(fe.normal)}; 1–10 periods after a slope change ${errorText(fe.afterSlope)}; 11–30 periods after ${errorText(fe.lateAfterSlope)}`,
  );
  // What any detector could reach on the variance rises at this false-alarm rate (see detect-oracle.ts)
  const factors = CHANGE_MAGNITUDES['variance-change'];
  console.log(
    `  variance rises (×${factors[0]}–${factors[1]} in standard deviation) within ${WINDOW} periods, this detector vs an oracle that knows the time of the rise and the noise's scale and shape (the better of Σz² and Σ|z| over the ${WINDOW + 1} values from the rise, at 1 false alarm per 500 normal values):`,
  );
  // the headline recall if this detector's variance-rise recall were the oracle's (the mean changes as measured)
  let oracleDetected = recallOf(total, MEAN).det;
  for (const [noise, t] of byNoise) {
    const oracle = oracleVarianceRecall(noise, factors, WINDOW + 1, 1 / 500, 1972, quick ? 50_000 : 200_000);
    oracleDetected += oracle.best * t.injected['variance-rise'];
    console.log(
      `    ${noise.padEnd(9)} detector ${ratio(t.detected['variance-rise'], t.injected['variance-rise'])}  oracle ${oracle.best.toFixed(3)} (Σz² ${oracle.squares.toFixed(3)}, Σ|z| ${oracle.magnitudes.toFixed(3)})`,
    );
  }
  console.log(
    `    the headline recall (mean changes and variance rises) with the oracle's recall of variance rises: ${ratio(oracleDetected, recallOf(total, HEADLINE).inj)}`,
  );
  const moderateOracle = [...moderate.byNoise]
    .map(
      ([noise]) =>
        `${noise} ${oracleVarianceRecall(noise, MODERATE_RISES, WINDOW + 1, 1 / 500, 1972, quick ? 50_000 : 200_000).best.toFixed(3)}`,
    )
    .join(', ');
  console.log(
    `  with noise rises of only ×${MODERATE_RISES[0]}–${MODERATE_RISES[1]} (same series otherwise): recall, changes of the mean ${recallOf(moderate.total, MEAN).text}, all of them and variance rises ${recallOf(moderate.total, HEADLINE).text}, variance rises ${ratio(moderate.total.detected['variance-rise'], moderate.total.injected['variance-rise'])} (oracle: ${moderateOracle}); false alerts per 500 normal points ${falsePer500(moderate.total)}`,
  );
  console.log(
    `  gentler changes (gaussian; shifts 2–4σ, spikes 4–6σ, slopes 1–3σ/period, variance ×2–3): ${ALL.map((k) => `${k} ${ratio(gentle.detected[k], gentle.injected[k])}`).join(', ')}; false alerts per 500 ${falsePer500(gentle)}`,
  );

  const values = syntheticSeries({ length: 10_000, seed: 99, noise: 'laplace', seasonAmplitude: 2 }).values;
  const n = quick ? 200_000 : 1_000_000;
  let st = initialState();
  let sink = 0;
  for (let i = 0; i < 20_000; i++) {
    const r = update(st, values[i % values.length]!);
    st = r.state;
    sink += r.anomalyScore;
  }
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = update(st, values[i % values.length]!, settings.forecaster);
    st = r.state;
    sink += r.anomalyScore;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `forecaster: ${Math.round(n / seconds).toLocaleString('en')} updates/s on one core (${n} updates, ${(1e6 * (seconds / n)).toFixed(2)} µs each${sink < 0 ? '!' : ''})`,
  );
}
