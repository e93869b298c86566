import { defineConfig } from 'vitest/config'

// Each test file starts its own crmkit-mocks child process on its own data directory; two files at a time
// (CI has two cores). The endpoints' own time budgets keep each file within a few tens of seconds.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
})
