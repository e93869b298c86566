import { describe, expect, it } from 'vitest'
import { toJUnit } from './junit.js'
import type { VerifyReport } from './verify-report.js'

const report: VerifyReport = {
  schema: 'crmkit-mocks/verify@1',
  vocabulary: 1,
  result: 'failed',
  exitCode: 1,
  pact: [],
  pacts: [
    {
      source: 'pacts/shop-SharpSpring.json',
      consumer: 'shop',
      provider: 'SharpSpring',
      mock: 'sharpspring',
      specification: '3.0.0',
      pending: false,
      interactions: [
        { description: 'getLead', states: [], result: 'passed', durationMs: 32, mismatches: [] },
        {
          description: 'uploadFiles <without> "objectType"',
          states: [],
          result: 'failed',
          durationMs: 1374,
          mismatches: [
            { type: 'BodyMismatch', path: '$.error', message: 'Expected {"code":206} & more' },
            { type: 'StatusMismatch', message: 'expected 201 but was 200' },
          ],
          journal: {
            seq: 2,
            service: 'sharpspring',
            time: '2026-01-15T09:00:00.000Z',
            method: 'POST',
            path: '/pubapi/v1/uploadFiles?accountID=shop&secretKey=[redacted]',
            status: 200,
            durationMs: 3,
            error: { code: '206', message: 'Missing parameters.' },
            parts: [{ name: 'id', size: 1, sha256: 'x' }],
          },
        },
        {
          description: 'a lead',
          states: [{ name: 'a lead {id} exist', params: {} }],
          result: 'state-error',
          durationMs: 5,
          mismatches: [
            { type: 'Error', message: 'One or more of the setup state change handlers has failed' },
          ],
          stateErrors: [{ state: 'a lead {id} exist', message: 'Unknown provider state' }],
        },
        {
          description: 'an outage',
          states: [{ name: '{service} answers {status}', params: { service: 'S3', status: 404 } }],
          result: 'state-error',
          durationMs: 5,
          mismatches: [
            { type: 'Error', message: 'One or more of the setup state change handlers has failed' },
          ],
          stateErrors: [
            {
              state: '{service} answers {status}',
              message: 'State "{service} answers {status}": S3 can answer 500 or 503, not 404.',
            },
          ],
        },
        { description: 'pending one', states: [], result: 'pending-failed', durationMs: 1, mismatches: [] },
      ],
    },
    {
      source: 'https://broker/pact',
      consumer: 'web',
      provider: 'S3',
      mock: 's3',
      specification: '4.0',
      pending: false,
      interactions: [],
      error: 'Failed to load pact\u0007',
    },
  ],
}

describe('toJUnit', () => {
  const xml = toJUnit(report)

  it('has one suite per pact and one case per interaction, with totals', () => {
    expect(xml).toContain('<testsuites name="crmkit-mocks verify" tests="5" failures="3" errors="1">')
    expect(xml).toContain(
      '<testsuite name="shop → SharpSpring (pacts/shop-SharpSpring.json)" tests="5" failures="3" errors="0" skipped="1" time="1.417">',
    )
    expect(xml).toContain('<testcase classname="shop.SharpSpring" name="getLead" time="0.032"/>')
  })

  it('puts each difference of a failure in its text, the first in its message, escaped', () => {
    expect(xml).toContain(
      '<failure message="BodyMismatch $.error: Expected {&quot;code&quot;:206} &amp; more" type="failed">BodyMismatch $.error: Expected {&quot;code&quot;:206} &amp; more\nStatusMismatch: expected 201 but was 200\nmock journal: POST /pubapi/v1/uploadFiles?accountID=shop&amp;secretKey=[redacted] → 200, error 206 &quot;Missing parameters.&quot;; parts: id</failure>',
    )
    expect(xml).toContain('name="uploadFiles &lt;without&gt; &quot;objectType&quot;"')
  })

  it("reports a state's error first, a pending failure as skipped, and a pact that could not load as an error", () => {
    expect(xml).toContain(
      '<failure message="state &quot;a lead {id} exist&quot;: Unknown provider state" type="state-error">',
    )
    // Pact's generic line for a failed set-up adds nothing to the state's own error.
    expect(xml).toContain(
      'type="state-error">state &quot;a lead {id} exist&quot;: Unknown provider state</failure>',
    )
    expect(xml).not.toContain('setup state change handlers')
    // The sentence is named once, not again by the vocabulary's message.
    expect(xml).toContain(
      '<failure message="state &quot;{service} answers {status}&quot;: S3 can answer 500 or 503, not 404."',
    )
    expect(xml).toContain('<skipped message="pending pact: its failure does not fail the build">')
    // A control character XML cannot carry is dropped.
    expect(xml).toContain('<system-err>Failed to load pact</system-err>')
  })
})
