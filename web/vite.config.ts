import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The web app lives in web/ and builds into web/dist, which the Fastify server serves at `/`.
// `npm run dev:web` serves it with hot reload on :5173 and forwards /api (including the
// event stream) to a server started with `npm start` on :8080 (or CORDONES_API).
// src/server/web-build.ts sets NODE_ENV=production around a build started from a test process.
export default defineConfig(() => {
  return {
    root,
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
    },
    server: {
      port: 5173,
      proxy: {
        '/api': { target: process.env.CORDONES_API ?? 'http://127.0.0.1:8080', changeOrigin: false },
      },
    },
  };
});
