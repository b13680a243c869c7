import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every file opens its own database and server; two cores run two files at a time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
