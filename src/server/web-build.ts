import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_DIST } from './web.js';

const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than a source file of the web app. */
export function webBuildStale(): boolean {
  try {
    return statSync(join(WEB_DIST, 'index.html')).mtimeMs < newestMtime(WEB_ROOT);
  } catch {
    return true;
  }
}

/**
 * Builds the web app with Vite into web/dist, always as React's production build: a test process
 * has NODE_ENV=test, which Vite would follow into a development build, so NODE_ENV is set to
 * production for the build and restored afterwards.
 */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
