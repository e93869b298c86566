import { INFO_VARIABLE } from './jest-info.js'
import type { MocksInfo } from './mocks-info.js'

/**
 * The mocks `@crmkit/mocks/jest-setup` started for this run, read from `process.env.CRMKIT_MOCKS`. Also
 * built as CommonJS, since jest loads test files through its own `require`.
 */
export function mocks(): MocksInfo {
  const json = process.env[INFO_VARIABLE]
  if (json === undefined)
    throw new Error(
      "No crmkit mocks were started: set globalSetup to '@crmkit/mocks/jest-setup' and globalTeardown to '@crmkit/mocks/jest-teardown'.",
    )
  return JSON.parse(json) as MocksInfo
}

export type { MocksInfo, OnePageCrmInfo, S3Info, SharpSpringInfo } from './mocks-info.js'
