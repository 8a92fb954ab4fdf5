import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests build sites and start browsers: give them room, but keep unit tests fast.
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
});
