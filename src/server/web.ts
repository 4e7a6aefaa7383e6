import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Folder of the built web app (Vite's output). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** True when the web app has been built. */
export function webBuilt(): boolean {
  return existsSync(join(WEB_DIST, 'index.html'));
}

/**
 * Serves the built web app; any other non-API GET that accepts HTML gets `index.html` so the
 * client-side router can answer deep links. Without a build, a short page says how to build.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  if (!webBuilt()) return;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Vite fingerprints assets, so they can be cached for a year; index.html and the service
    // worker script must be re-checked on every load.
    setHeaders: (res, path) => {
      const fresh = path.endsWith('.html') || path.endsWith('/sw.js');
      res.header('cache-control', fresh ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
