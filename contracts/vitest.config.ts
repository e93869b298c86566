import { defineConfig } from 'vitest/config'

// Consumer tests write the pacts, provider tests verify them: two projects run one after the other
// (package.json). Pact's native library is loaded once per fork; files run one at a time so each pact file
// is written by one process.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      { extends: true, test: { name: 'consumer', include: ['test/**/*.consumer.test.ts'] } },
      {
        extends: true,
        test: { name: 'provider', include: ['test/**/*.provider.test.ts', 'src/**/*.test.ts'] },
      },
    ],
  },
})
