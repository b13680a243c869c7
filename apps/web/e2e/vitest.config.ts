import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium against the production build served by the real API. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Page state settles asynchronously (queries, optimistic updates, live events): assertions on it
    // poll (expect.poll) until it holds, up to this long, instead of reading it once.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
