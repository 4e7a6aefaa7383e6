import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface ExportFlags {
  format: string;
  out?: string;
  status?: string;
  region?: string;
  class?: string;
}

/**
 * `cordones land export --format csv|geojson [--out file] [--status s] [--region r] [--class c]`:
 * writes the parcel register (optionally filtered) as CSV or as a GeoJSON FeatureCollection, to
 * stdout or to a file. The CSV reads back with `cordones land import`.
 */
export function register(program: Command): void {
  commandGroup(program, 'land', 'Land: parcels, the agrarian-reform ledger, harvests')
    .command('export')
    .description('Export the parcel register as CSV or GeoJSON')
    .requiredOption('--format <format>', 'csv or geojson')
    .option('--out <file>', 'write here instead of stdout')
    .option('--status <status>', 'only parcels with this status')
    .option('--region <region>', 'only parcels of this region')
    .option('--class <class>', 'only parcels of this land class')
    .action(async (flags: ExportFlags) => {
      if (flags.format !== 'csv' && flags.format !== 'geojson')
        throw new CliError(`--format: expected csv or geojson, got "${flags.format}"`);
      const { parcelsCsv, parcelsGeoJson } = await import('../../land/parcel-export.js');
      const { configFromEnv, openDeployment } = await import('../open-deployment.js');
      const services = await openDeployment(configFromEnv());
      try {
        const rows = await services.land.parcels.exportParcels({
          status: flags.status,
          region: flags.region,
          landClass: flags.class,
        });
        const text = flags.format === 'csv' ? parcelsCsv(rows) : `${JSON.stringify(parcelsGeoJson(rows))}\n`;
        if (flags.out === undefined) process.stdout.write(text);
        else {
          await writeFile(flags.out, text);
          process.stdout.write(`${rows.length} parcels written to ${flags.out}\n`);
        }
      } finally {
        await services.database.close();
      }
    });
}
