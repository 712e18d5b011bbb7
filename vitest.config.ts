import { defineConfig } from 'vitest/config';

// Unit, module and route tests. With DATABASE_URL set (npm run test:pg) the same suite runs against
// PostgreSQL: each test file gets its own database copied from a migrated template.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bin/**/*.test.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
