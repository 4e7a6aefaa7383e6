import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface ImportFlags {
  workplace?: string;
  indicator?: string;
}

// Lines per ingest call: one transaction each, like one HTTP batch.
const CHUNK = 5000;

/**
 * `cordones production import <csv> [--workplace <w> --indicator <i>]`: stores indicator reports
 * from a CSV through the same ingest path as `POST /api/reports` (forecasting, alerts,
 * idempotency: re-importing a file changes nothing). Columns `workplace,indicator,period,value`
 * (workplace by id or exact name, indicator by id or name within it), or `period,value` with the
 * indicator given by `--indicator` (an id, or a name with `--workplace`). Prints one line per
 * failed CSV line and exits non-zero when any line failed; the other lines are kept. Runs as the
 * system, with the database's own credentials, and is recorded so in the audit log.
 */
export function register(program: Command): void {
  commandGroup(program, 'production', 'Production: workplaces, indicator reports, alerts')
    .command('import')
    .description('Import indicator reports from a CSV (workplace,indicator,period,value or period,value)')
    .argument('<csv>', 'the CSV file')
    .option('--workplace <workplace>', 'workplace id or name, for --indicator given by name')
    .option(
      '--indicator <indicator>',
      'indicator id (or name with --workplace); the CSV is then period,value',
    )
    .action(async (file: string, flags: ImportFlags) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      if (flags.workplace !== undefined && flags.indicator === undefined)
        throw new CliError('--workplace needs --indicator');
      const { parseReportCsv } = await import('../../production/report-csv.js');
      const parsed = parseReportCsv(text, flags.indicator !== undefined);
      if (parsed.status === 'malformed') throw new CliError(`${file} line ${parsed.line}: ${parsed.message}`);
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const services = await openDeployment(configFromEnv());
      try {
        const failures = parsed.problems.map((p) => ({ line: p.line, reason: p.reason }));
        const resolved = new Map<
          string,
          { status: 'found'; indicatorId: string } | { status: 'unknown'; reason: string }
        >();
        const resolve = async (workplace: string, indicator: string) => {
          const key = `${workplace}\u0000${indicator}`;
          let r = resolved.get(key);
          if (!r) {
            r = await services.production.register.resolveIndicator(workplace, indicator);
            resolved.set(key, r);
          }
          return r;
        };
        let fixed: string | null = null;
        if (flags.indicator !== undefined) {
          if (flags.workplace === undefined) fixed = flags.indicator;
          else {
            const r = await resolve(flags.workplace, flags.indicator);
            if (r.status === 'unknown') throw new CliError(r.reason);
            fixed = r.indicatorId;
          }
        }
        const items: { line: number; item: { indicatorId: string; period: string; value: unknown } }[] = [];
        for (const l of parsed.lines) {
          let indicatorId = fixed;
          if (indicatorId === null) {
            const r = await resolve(l.workplace!, l.indicator!);
            if (r.status === 'unknown') {
              failures.push({ line: l.line, reason: r.reason });
              continue;
            }
            indicatorId = r.indicatorId;
          }
          items.push({ line: l.line, item: { indicatorId, period: l.period, value: l.value } });
        }
        let accepted = 0;
        let duplicates = 0;
        let alerts = 0;
        for (let i = 0; i < items.length; i += CHUNK) {
          const chunk = items.slice(i, i + CHUNK);
          const out = await services.production.reports.ingest(
            { kind: 'system', name: 'cli import' },
            chunk.map((c) => c.item),
          );
          accepted += out.accepted;
          duplicates += out.duplicates;
          alerts += out.alertsRaised;
          for (const r of out.rejected) failures.push({ line: chunk[r.index]!.line, reason: r.reason });
        }
        failures.sort((a, b) => a.line - b.line);
        for (const f of failures) process.stdout.write(`${file} line ${f.line}: ${f.reason}\n`);
        process.stdout.write(
          `${accepted} reports stored, ${duplicates} already stored, ${failures.length} lines failed, ${alerts} alerts raised\n`,
        );
        if (failures.length > 0)
          throw new CliError(
            `${failures.length} of ${parsed.lines.length + parsed.problems.length} lines failed`,
          );
      } finally {
        await services.database.close();
      }
    });
}
