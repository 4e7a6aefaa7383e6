import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface DetectFlags {
  output?: string;
  details?: boolean;
}

/**
 * `cordones monitor detect <series.csv> [--output scores.csv] [--details]`: runs an indicator series
 * through the production forecaster and alert rule with the server's settings (DETECTION_DEFAULTS)
 * and writes `timestamp,value,anomaly_score,alert`, each row computed only from the rows up to it.
 * `alert` is 1 on the row where an alert would be raised, else 0; `--details` adds the forecast for
 * the next period, its band, and the alert's kind and severity. A malformed file fails with one line
 * naming the file line.
 */
export function register(program: Command): void {
  commandGroup(program, 'monitor', 'Indicator monitoring: anomaly detection on series')
    .command('detect')
    .description("Score a timestamp,value CSV causally with the server's forecaster and alert rule")
    .argument('<series>', 'CSV with a timestamp,value header; an empty value is a missing period')
    .option('--output <file>', 'where to write the scores (default: standard output)')
    .option('--details', 'also write forecast, band_low, band_high, kind and severity columns')
    .action(async (file: string, flags: DetectFlags) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      const { parseSeriesCsv } = await import('../../production/core/series-csv.js');
      const parsed = parseSeriesCsv(text);
      if (parsed.status === 'malformed') throw new CliError(`${file} line ${parsed.line}: ${parsed.message}`);
      const { initialMonitorState, monitorStep } = await import('../../production/core/monitor-step.js');
      const { DETECTION_DEFAULTS } = await import('../../production/core/detection-defaults.js');

      const out: string[] = [
        flags.details
          ? 'timestamp,value,anomaly_score,alert,forecast,band_low,band_high,kind,severity'
          : 'timestamp,value,anomaly_score,alert',
      ];
      let state = initialMonitorState(DETECTION_DEFAULTS);
      let alerts = 0;
      for (const row of parsed.rows) {
        for (let k = 0; k < row.gapBefore; k++) state = monitorStep(state, null, DETECTION_DEFAULTS).state;
        const r = monitorStep(state, row.value, DETECTION_DEFAULTS);
        state = r.state;
        if (r.alert) alerts++;
        const fields = [
          csvField(row.timestamp),
          row.value === null ? '' : row.raw,
          r.update.anomalyScore.toFixed(6),
          r.alert ? '1' : '0',
        ];
        if (flags.details)
          fields.push(
            number(r.update.forecast),
            number(r.update.band.low),
            number(r.update.band.high),
            r.alert?.kind ?? '',
            r.alert?.severity ?? '',
          );
        out.push(fields.join(','));
      }
      const body = `${out.join('\n')}\n`;
      if (flags.output === undefined) {
        process.stdout.write(body);
        return;
      }
      try {
        await writeFile(flags.output, body);
      } catch (err) {
        throw new CliError(
          `${flags.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
      process.stdout.write(`${parsed.rows.length} rows scored, ${alerts} alerts → ${flags.output}\n`);
    });
}

function number(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(10))) : '';
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
