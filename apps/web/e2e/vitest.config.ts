import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium against the production build served by the real API. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
