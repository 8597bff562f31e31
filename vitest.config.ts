import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Whole simulated runs take a few hundred milliseconds of wall time each;
    // the generous timeout only guards against hangs, it asserts no speed.
    testTimeout: 60_000,
    pool: 'threads',
  },
});
