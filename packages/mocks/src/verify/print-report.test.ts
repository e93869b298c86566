import { describe, expect, it } from 'vitest'
import { printReport } from './print-report.js'
import type { InteractionReport, VerifyReport } from './verify-report.js'

const reportOf = (interactions: InteractionReport[]): VerifyReport => ({
  schema: 'crmkit-mocks/verify@1',
  vocabulary: 1,
  result: 'failed',
  exitCode: 1,
  pact: [],
  pacts: [
    {
      source: 'pacts/acme-OnePageCRM.json',
      consumer: 'acme',
      provider: 'OnePageCRM',
      mock: 'onepagecrm',
      specification: '4.0',
      pending: false,
      interactions,
    },
  ],
})

describe('printReport', () => {
  it("says which value is the mock's when Pact's message puts it first", () => {
    const text = printReport(
      reportOf([
        {
          description: 'an attachment',
          states: [],
          result: 'failed',
          durationMs: 3,
          mismatches: [
            {
              type: 'BodyMismatch',
              path: '$.status',
              expected: '0',
              actual: '400',
              message: 'Expected 400 (Integer) to be equal to 0 (Integer)',
            },
            {
              type: 'BodyMismatch',
              path: '$.result',
              expected: '{"uploads":[]}',
              actual: 'null',
              message: 'Type mismatch: Expected null (Null) to be the same type as {"uploads":[]} (Object)',
            },
            { type: 'StatusMismatch', expected: '201', actual: '400', message: 'expected 201 but was 400' },
          ],
        },
      ]),
      {},
    )
    expect(text).toContain('        expected 0, the mock answered 400\n')
    expect(text).toContain('        expected {"uploads":[]}, the mock answered null\n')
    // A message that already reads plainly gets no second line.
    expect(text).not.toContain('expected 201, the mock answered 400')
  })

  it("names a failed state once, without Pact's generic set-up line", () => {
    const text = printReport(
      reportOf([
        {
          description: 'an outage',
          states: [{ name: '{service} answers {status}', params: { service: 'OnePageCRM', status: 502 } }],
          result: 'state-error',
          durationMs: 3,
          mismatches: [
            { type: 'Error', message: 'One or more of the setup state change handlers has failed' },
          ],
          stateErrors: [
            {
              state: '{service} answers {status}',
              message: 'State "{service} answers {status}": OnePageCRM can answer 403 or 500, not 502.',
            },
          ],
        },
      ]),
      {},
    )
    expect(text).toContain(
      '      state "{service} answers {status}": OnePageCRM can answer 403 or 500, not 502.\n',
    )
    expect(text).not.toContain('setup state change handlers')
  })

  it('says a pact without interactions verified nothing', () => {
    expect(printReport({ ...reportOf([]), exitCode: 3 }, {})).toContain(
      '  - no interactions in this pact: nothing verified\n',
    )
  })
})
