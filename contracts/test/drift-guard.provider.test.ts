import { startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { describe, expect, it } from 'vitest'
import { admin } from '../src/admin.js'
import { SHARPSPRING } from '../src/fixtures.js'
import { pactFile } from '../src/parties.js'
import { sharpSpringStates } from '../src/sharpspring-states.js'
import type { StateHandlers } from '../src/verify.js'
import { verifyPact } from '../src/verify.js'

interface Report {
  readonly errors: ReadonlyArray<{ readonly interaction: string }>
  readonly interactionResults: ReadonlyArray<{ readonly description: string; readonly result: string }>
}

/** Verifies the recorded SharpSpring pact against a mock changed through its configuration; Pact's report. */
async function verifyChangedMock(
  config: Parameters<typeof startSharpSpringMock>[0],
  afterState?: (origin: string) => Promise<unknown>,
): Promise<Report> {
  const mock = await startSharpSpringMock(config)
  const origin = new URL(mock.info.api).origin
  try {
    const states = sharpSpringStates(() => origin)
    const changed: StateHandlers = Object.fromEntries(
      Object.entries(states).map(([name, handler]) => [
        name,
        async (params: unknown) => {
          if (typeof handler === 'function') await handler(params as never)
          await afterState?.(origin)
          return undefined
        },
      ]),
    )
    const outcome = await verifyPact({
      provider: 'sharpspring',
      providerBaseUrl: origin,
      stateHandlers: changed,
      pactUrl: pactFile('sharpspring'),
    }).then(
      () => undefined,
      (error: unknown) => error as Error,
    )
    if (outcome === undefined)
      throw new Error('The changed mock passed verification: the pact cannot catch drift')
    return JSON.parse(outcome.message) as Report
  } finally {
    await mock.close()
  }
}

const failed = (report: Report) =>
  report.interactionResults.filter((result) => result.result !== 'OK').map((result) => result.description)

// A mock that answers differently from what the client recorded must fail CI, naming the interaction.
describe('drift guard: a changed mock fails verification, naming the interaction', () => {
  it('an injected answer on /uploadFiles (HTTP 500, error 999) breaks exactly the two upload interactions', async () => {
    const report = await verifyChangedMock(
      { config: { accountId: SHARPSPRING.accountId, secretKey: SHARPSPRING.secretKey } },
      (origin) => admin(origin, 'faults', { fault: 'server-error', path: '/pubapi/v1.2/uploadFiles' }),
    )
    expect(failed(report).sort()).toEqual([
      'uploadFiles with one file for a lead that does not exist',
      'uploadFiles with two files, each to its own lead',
    ])
    expect(report.errors.map((error) => error.interaction)).toContainEqual(
      expect.stringContaining(
        'Given leads exist with a File Upload field - uploadFiles with two files, each to its own lead',
      ),
    )
  })

  it('a smaller file limit in the configuration breaks the interactions whose files exceed it', async () => {
    const report = await verifyChangedMock({
      config: { accountId: SHARPSPRING.accountId, secretKey: SHARPSPRING.secretKey, maxFileBytes: 50 },
    })
    // The 40-byte report still fits; the 70-byte PNG does not, so every interaction sending it breaks (the
    // one for a missing lead too: the size is refused before the lead is looked up, 205 instead of 404).
    expect(failed(report).sort()).toEqual([
      'uploadFiles with one file for a lead that does not exist',
      'uploadFiles with two files, each to its own lead',
      'uploadProductImage with a PNG',
    ])
  })
})
