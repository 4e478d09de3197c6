import { defineConfig } from 'vitest/config';

// Tests live in test/ (unit, integration, browser) and beside the code as *.test.ts.
// TEST_DB=postgres re-runs the database-backed tests on PostgreSQL (see test/run.sh).
export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'domain/**/*.test.ts',
      'server/**/*.test.ts',
      'jobs/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page (a redirect, a chart): its 1 s default is too short on a busy 2-core machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 2,
  },
});
