import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Unit tests in jsdom; browser tests live in e2e/ with their own config. */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/testing/setup.ts'],
  },
});
