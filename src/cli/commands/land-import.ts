import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

/**
 * `cordones land import <file.geojson|csv> [--format csv|geojson]`: registers parcels from a
 * GeoJSON FeatureCollection or a CSV (columns `name,region,land_class,area_hectares,since`,
 * optional `status,previous_owner`; the format follows the extension unless `--format` says).
 * Each feature or line is checked like `POST /api/parcels` (area > 0, class, date, boundary
 * geometry without self-intersection…); one line per bad one is printed and the good ones are
 * stored together in one transaction. Exits non-zero when any failed. Runs as the system.
 */
export function register(program: Command): void {
  commandGroup(program, 'land', 'Land: parcels, the agrarian-reform ledger, harvests')
    .command('import')
    .description(
      'Import parcels from a GeoJSON FeatureCollection or a CSV, reporting each bad feature or line',
    )
    .argument('<file>', 'a .geojson/.json or .csv file')
    .option('--format <format>', 'csv or geojson (default: from the extension)')
    .action(async (file: string, flags: { format?: string }) => {
      const format =
        flags.format ?? (/\.csv$/i.test(file) ? 'csv' : /\.(geo)?json$/i.test(file) ? 'geojson' : undefined);
      if (format !== 'csv' && format !== 'geojson')
        throw new CliError(`${file}: say --format csv or --format geojson (the extension does not tell)`);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      const { parseParcelFile } = await import('../../land/parcel-import.js');
      const parsed = parseParcelFile(text, format);
      if (parsed.status === 'malformed') throw new CliError(`${file}: ${parsed.message}`);
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const services = await openDeployment(configFromEnv());
      try {
        if (parsed.parcels.length > 0)
          await services.land.parcels.importParcels(
            { kind: 'system', name: 'cli land import' },
            parsed.parcels.map((p) => p.parcel),
          );
        for (const p of parsed.problems) process.stdout.write(`${file} ${p.where}: ${p.reason}\n`);
        const hectares = parsed.parcels.reduce((s, p) => s + p.parcel.areaAres, 0) / 100;
        process.stdout.write(
          `${parsed.parcels.length} parcels imported (${hectares.toFixed(2)} ha), ${parsed.problems.length} failed\n`,
        );
        if (parsed.problems.length > 0)
          throw new CliError(
            `${parsed.problems.length} of ${parsed.parcels.length + parsed.problems.length} ${format === 'csv' ? 'lines' : 'features'} failed`,
          );
      } finally {
        await services.database.close();
      }
    });
}
