import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` (without extension) beside `from` (a module's
 * `import.meta.url`): its `.js` file when the caller runs compiled, else its `.ts` file with the tsx
 * loader registered first — Node 20 ignores `--import` loaders in a worker's execArgv, and the CLI,
 * the server and the tests all run the TypeScript sources.
 *
 * @example const worker = startWorker(import.meta.url, './route-worker', request);
 */
export function startWorker(from: string, name: string, workerData?: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`${name}.js`, from), { workerData });
  const loader = createRequire(from).resolve('tsx');
  const api = pathToFileURL(join(dirname(loader), 'esm', 'api', 'index.mjs')).href;
  const entry = new URL(`${name}.ts`, from).href;
  const source = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(source, { eval: true, workerData });
}
