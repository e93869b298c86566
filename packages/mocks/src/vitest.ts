import { test as base, inject } from 'vitest'
import type { MocksInfo } from './mocks-info.js'
import { type RunningMocks, type StartMocksOptions, startMocks } from './start-mocks.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mocks `@crmkit/mocks/vitest-setup` started for the run. */
    crmkit: MocksInfo
  }
}

/** The mocks the global setup started for this run (`@crmkit/mocks/vitest-setup`). */
export function mocks(): MocksInfo {
  const info = inject('crmkit')
  if (info === undefined)
    throw new Error("No crmkit mocks were provided: add '@crmkit/mocks/vitest-setup' to globalSetup.")
  return info
}

/**
 * A test function whose `mocks` fixture starts mocks of this test file's own, on free ports, once per
 * file, and closes them after its last test: for tests that change state and must not see other files'.
 */
export function withMocks(options: StartMocksOptions = {}) {
  return base.extend<{ mocks: RunningMocks }>({
    mocks: [
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern.
      async ({}, use) => {
        const running = await startMocks(options)
        try {
          await use(running)
        } finally {
          await running.close()
        }
      },
      { scope: 'file' },
    ],
  })
}

/** `withMocks()` with all three services. */
export const test = withMocks()
