import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.js';

// `npm run bench -- <name> [args…]` runs bench/<name>.bench.ts, whose default export is an
// async function receiving the remaining arguments. Each bench prints its own figures.
const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
console.log(machineLine());
const mod = (await import(join(here, `${name}.bench.ts`))) as { default: (args: string[]) => Promise<void> };
await mod.default(args);
