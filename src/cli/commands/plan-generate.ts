import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';

interface GenerateFlags {
  products: string;
  seed: string;
  nnzPerColumn?: string;
  outDir: string;
}

/**
 * `cordones plan generate --products N --seed S [--nnz-per-column K] --out-dir DIR`: writes a
 * synthetic economy (heavy-tailed sectors, block structure, column sums in [0.2, 0.6]) as
 * DIR/A.mtx (coefficients), DIR/d.csv (final demand, units per period), DIR/l.csv (labour, hours
 * per unit) and DIR/c.csv (capacities, units per period), ready for `cordones plan solve`.
 */
export function register(program: Command): void {
  commandGroup(program, 'plan', 'Plans: solve input-output systems, generate synthetic economies')
    .command('generate')
    .description('Write a synthetic economy: A.mtx, d.csv, l.csv, c.csv')
    .requiredOption('--products <n>', 'number of products (1 to 10000000)')
    .requiredOption('--seed <s>', 'seed (integer 0 to 4294967295); the same seed gives the same economy')
    .option('--nnz-per-column <k>', 'mean non-zeros per column of A (default round(log2 n) + 5)')
    .requiredOption('--out-dir <dir>', 'directory to write the four files into (created if missing)')
    .action(async (flags: GenerateFlags) => {
      const products = Number(flags.products);
      if (!Number.isInteger(products) || products < 1 || products > 10_000_000) {
        throw new CliError(`--products must be an integer from 1 to 10000000, not "${flags.products}"`);
      }
      if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
        throw new CliError(`--seed must be an integer from 0 to 4294967295, not "${flags.seed}"`);
      }
      let nnzPerColumn: number | undefined;
      if (flags.nnzPerColumn !== undefined) {
        nnzPerColumn = Number(flags.nnzPerColumn);
        if (!Number.isInteger(nnzPerColumn) || nnzPerColumn < 1) {
          throw new CliError(`--nnz-per-column must be a positive integer, not "${flags.nnzPerColumn}"`);
        }
      }
      const { mkdir } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const { writeChunks } = await import('./plan-solve.js');
      const { syntheticEconomy } = await import('../../planning/core/synthetic-economy.js');
      const { formatMatrixMarket } = await import('../../planning/core/matrix-market.js');
      const { formatVectorCsv } = await import('../../planning/core/vector-file.js');
      try {
        await mkdir(flags.outDir, { recursive: true });
      } catch (err) {
        throw new CliError(
          `${flags.outDir}: cannot create (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
      const started = performance.now();
      const e = syntheticEconomy({
        products,
        seed: Number(flags.seed),
        ...(nnzPerColumn ? { nnzPerColumn } : {}),
      });
      const comment = `cordones plan generate --products ${products} --seed ${flags.seed}${nnzPerColumn ? ` --nnz-per-column ${nnzPerColumn}` : ''}`;
      await writeChunks(join(flags.outDir, 'A.mtx'), formatMatrixMarket(e.a, comment));
      await writeChunks(join(flags.outDir, 'd.csv'), formatVectorCsv(e.demand, 'demand'));
      await writeChunks(join(flags.outDir, 'l.csv'), formatVectorCsv(e.labour, 'labour_hours'));
      await writeChunks(join(flags.outDir, 'c.csv'), formatVectorCsv(e.capacity, 'capacity'));
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `wrote ${flags.outDir}/{A.mtx,d.csv,l.csv,c.csv}: ${products} products, ${e.a.rowPtr[products]} coefficients, ` +
          `${e.sectorSizes.length} sectors (largest ${Math.max(...e.sectorSizes)}), ${seconds.toFixed(2)} s\n`,
      );
    });
}
