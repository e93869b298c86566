import { afterAll, beforeAll, test } from 'vitest'
import { ENDPOINTS } from '../src/endpoints/index.js'
import { knownIssueOf } from '../src/known-issues.js'
import { freshDataDir, MocksProcess } from '../src/mocks-process.js'
import { type AnyEndpoint, describeFailures, FuzzContext, fuzzEndpoint, summaryLine } from '../src/runner.js'
import { boundedSettings, selectEndpoints } from '../src/settings.js'

export const settings = boundedSettings()
const selected = new Set(selectEndpoints(ENDPOINTS).map((endpoint) => endpoint.id))

/** How a failure printed by the bounded run is replayed (the same seed; FUZZ_CASE picks the case). */
export const REPLAY = 'pnpm --filter @crmkit/fuzz test'

/**
 * One test per endpoint, all against one `crmkit-mocks` child process of this file (on a fresh data
 * directory): the test fails with the endpoint's figures and a reproducer per failure class.
 */
export function fuzzTests(endpoints: readonly AnyEndpoint[], tag: string): void {
  let ctx: FuzzContext | undefined
  let remove: (() => void) | undefined
  beforeAll(async () => {
    const dir = freshDataDir()
    remove = dir.remove
    ctx = new FuzzContext(await MocksProcess.start(dir.path), settings, tag)
  })
  afterAll(async () => {
    await ctx?.proc.stop()
    remove?.()
  })
  for (const endpoint of endpoints) {
    test.skipIf(!selected.has(endpoint.id))(`${endpoint.label}: ${endpoint.id}`, async () => {
      if (ctx === undefined) throw new Error('the mocks did not start')
      const report = await fuzzEndpoint(ctx, endpoint)
      console.log(summaryLine(report))
      // A class that is a known emulator defect (src/known-issues.ts) is printed, not failed on.
      const unknown = [...report.classes.values()].filter(
        (entry) => knownIssueOf(endpoint.id, entry.key) === undefined,
      )
      if (unknown.length < report.classes.size) console.log(describeFailures(settings, report, REPLAY))
      if (unknown.length > 0) throw new Error(`\n${describeFailures(settings, report, REPLAY)}`)
    })
  }
}
