import { defineConfig } from 'vitest/config';

// Two projects: `server` (unit tests and integration tests against a throwaway embedded
// PostgreSQL) and `e2e` (the built web app in headless Chromium). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/globalSetup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 240_000,
          // a page re-renders after its data comes back; on a busy machine that is more than 1 s away
          expect: { poll: { timeout: 30_000, interval: 100 } },
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
