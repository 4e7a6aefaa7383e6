import { defineConfig } from 'vitest/config';

// One runner for every kind of test: pure unit tests, store tests on both dialects,
// HTTP tests through app.inject and browser tests in e2e/ against a real Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    pool: 'forks',
    setupFiles: ['test/property-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
