import { DETECTION_DEFAULTS } from '../src/production/core/detection-defaults.js';
import { initialState, update } from '../src/production/core/forecaster.js';
import { initialMonitorState, monitorStep } from '../src/production/core/monitor-step.js';
import type { ChangeKind, NoiseShape } from '../src/production/core/synthetic-series.js';
import { syntheticSeries } from '../src/production/core/synthetic-series.js';
import { scoreDetection } from './detect-scoring.js';

// `npm run bench -- detect [--series N] [--length N] [--quick]`
// Detection quality of the default settings on labelled synthetic series, then forecaster speed.
export default async function (args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
  };
  const perConfig = flag('--series', quick ? 10 : 40);
  const length = flag('--length', 1000);
  const window = 3;
  const warmup = 30;

  const kinds: ChangeKind[] = ['level-shift', 'spike', 'slope-change', 'variance-change'];
  const configs: { noise: NoiseShape; season: number; missing: number }[] = [];
  for (const noise of ['gaussian', 'laplace', 'student-t'] as const)
    for (const season of [0, 3]) for (const missing of [0, 0.03]) configs.push({ noise, season, missing });

  const injected: Record<string, number> = {};
  const detected: Record<string, number> = {};
  for (const k of kinds) {
    injected[k] = 0;
    detected[k] = 0;
  }
  const delays: number[] = [];
  let trueAlerts = 0;
  let falseAlerts = 0;
  let normalPoints = 0;
  const rows: string[] = [];
  let seed = 1;
  for (const c of configs) {
    let cFalse = 0;
    let cNormal = 0;
    let cInj = 0;
    let cDet = 0;
    for (let s = 0; s < perConfig; s++) {
      const series = syntheticSeries({
        length,
        seed: seed++,
        noise: c.noise,
        seasonAmplitude: c.season,
        missingRate: c.missing,
        sigma: 2 + (s % 5),
        level: 50 + 20 * (s % 7),
      });
      let state = initialMonitorState();
      const alerts: number[] = [];
      series.values.forEach((v, i) => {
        const r = monitorStep(state, v);
        state = r.state;
        if (r.alert) alerts.push(i);
      });
      const sc = scoreDetection(alerts, series.labels, length, warmup, window);
      for (const k of kinds) {
        injected[k]! += sc.injected[k];
        detected[k]! += sc.detected[k];
        cInj += sc.injected[k];
        cDet += sc.detected[k];
      }
      delays.push(...sc.delays);
      trueAlerts += sc.trueAlerts;
      falseAlerts += sc.falseAlerts;
      normalPoints += sc.normalPoints;
      cFalse += sc.falseAlerts;
      cNormal += sc.normalPoints;
    }
    rows.push(
      `  ${c.noise.padEnd(9)} season ${String(c.season).padEnd(2)} missing ${c.missing.toFixed(2)}: recall ${(cDet / cInj).toFixed(3)}, false alerts per 500 normal points ${((500 * cFalse) / cNormal).toFixed(2)}`,
    );
  }
  const totalInj = kinds.reduce((s, k) => s + injected[k]!, 0);
  const totalDet = kinds.reduce((s, k) => s + detected[k]!, 0);
  delays.sort((a, b) => a - b);
  const median = delays.length > 0 ? delays[Math.floor((delays.length - 1) / 2)]! : Number.NaN;
  console.log(
    `detect: ${configs.length * perConfig} series × ${length} periods (${configs.length} configurations × ${perConfig}), window ${window} periods`,
  );
  console.log(
    `  recall within ${window} periods: ${(totalDet / totalInj).toFixed(3)} (${totalDet}/${totalInj})`,
  );
  for (const k of kinds)
    console.log(
      `    ${k.padEnd(16)} ${(detected[k]! / injected[k]!).toFixed(3)} (${detected[k]}/${injected[k]})`,
    );
  console.log(
    `  precision: ${(trueAlerts / Math.max(1, trueAlerts + falseAlerts)).toFixed(3)} (${trueAlerts} true, ${falseAlerts} false alerts)`,
  );
  console.log(
    `  false alerts per 500 normal points: ${((500 * falseAlerts) / normalPoints).toFixed(2)} (${normalPoints} normal points)`,
  );
  console.log(`  median detection delay: ${median} periods`);
  for (const r of rows) console.log(r);

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
    const r = update(st, values[i % values.length]!, DETECTION_DEFAULTS.forecaster);
    st = r.state;
    sink += r.anomalyScore;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `forecaster: ${Math.round(n / seconds).toLocaleString('en')} updates/s (${n} updates, ${(1e6 * (seconds / n)).toFixed(2)} µs each${sink < 0 ? '!' : ''})`,
  );
}
