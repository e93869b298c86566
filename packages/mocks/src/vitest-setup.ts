import type { MocksInfo } from './mocks-info.js'
import { type StartMocksOptions, startMocks } from './start-mocks.js'

/** What vitest hands a global setup (the part used here), so this file needs no import of vitest. */
interface GlobalSetupContext {
  provide(key: 'crmkit', value: MocksInfo): void
}

/**
 * A vitest global setup that starts the mocks once for the whole run and `provide`s their info as `crmkit`
 * (read it with `inject('crmkit')`, or `mocks()` from `@crmkit/mocks/vitest`). Use it as it is
 * (`globalSetup: ['@crmkit/mocks/vitest-setup']`), or make one with options in a file of your own:
 * `export default crmkitGlobalSetup({ services: ['sharpspring'] })`.
 */
export function crmkitGlobalSetup(options: StartMocksOptions = {}) {
  return async function startForRun(context: GlobalSetupContext): Promise<() => Promise<void>> {
    const mocks = await startMocks(options)
    context.provide('crmkit', mocks.info)
    return () => mocks.close()
  }
}

/** The global setup with every service on free ports: vitest calls a global setup file's `setup` export. */
export const setup = crmkitGlobalSetup()
