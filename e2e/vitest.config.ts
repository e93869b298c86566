import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The page reads the admin API every second (files and records every 3 s): a poll waits that long at most.
    expect: { poll: { timeout: 5000, interval: 100 } },
  },
})
