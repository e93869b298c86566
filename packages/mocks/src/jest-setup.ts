import { INFO_VARIABLE } from './jest-info.js'
import { type RunningMocks, startMocks } from './start-mocks.js'

const RUNNING = Symbol.for('crmkit.mocks.jest')

/**
 * jest `globalSetup`: starts every service once for the run and puts their info in `process.env.CRMKIT_MOCKS`
 * (read it with `mocks()` from `@crmkit/mocks/jest`). Pair it with `@crmkit/mocks/jest-teardown`.
 */
// biome-ignore lint/style/noDefaultExport: jest loads an ES module global setup from its default export only.
export default async function globalSetup(): Promise<void> {
  const running = await startMocks()
  ;(globalThis as { [RUNNING]?: RunningMocks })[RUNNING] = running
  process.env[INFO_VARIABLE] = JSON.stringify(running.info)
}

/** jest `globalTeardown` (jest runs it in the same context as `globalSetup`). */
export async function globalTeardown(): Promise<void> {
  const holder = globalThis as { [RUNNING]?: RunningMocks }
  await holder[RUNNING]?.close()
  delete holder[RUNNING]
}
