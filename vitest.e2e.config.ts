import { defineConfig } from 'vitest/config';

// Browser journeys: the real server (from source, serving the built SPA in dist/web) and Debian's
// Chromium driven by playwright-core. Screenshots go to test-results/.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
