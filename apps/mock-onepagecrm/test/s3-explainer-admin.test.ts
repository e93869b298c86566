// The S3 POST explainer read where a test reads it: `GET /__admin/requests` on a started emulator.
import type { JournalEntry } from '@crmkit/mock-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUCKET, type Harness, multipartBody, post, signedForm, startHarness } from './helpers.js'

const CONDITIONS = [{ bucket: BUCKET }, ['starts-with', '$key', 'mine/'], ['content-length-range', 1, 1024]]

describe('GET /__admin/requests: the S3 POST explainer', () => {
  let h: Harness
  let admin: string
  beforeEach(async () => {
    h = await startHarness()
    admin = `${h.s3.endpoint}/__admin`
  })
  afterEach(() => h.s3.close())

  it('?code=AccessDenied lists the refused uploads, each with its error and why, check by check', async () => {
    const accepted = await signedForm(CONDITIONS, [['key', 'mine/a.txt']])
    expect((await post(h.bucketUrl, multipartBody(accepted, { content: 'a' }))).status).toBe(204)
    const elsewhere = await signedForm(CONDITIONS, [['key', 'theirs/a.txt']])
    expect((await post(h.bucketUrl, multipartBody(elsewhere, { content: 'a' }))).status).toBe(403)
    // The same good form once the mock's clock has moved past the policy's expiration.
    const moved = await fetch(`${admin}/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advance: 'PT2H' }),
    })
    expect(moved.status).toBe(200)
    expect((await post(h.bucketUrl, multipartBody(accepted, { content: 'a' }))).status).toBe(403)

    const answer = await fetch(`${admin}/requests?code=AccessDenied`)
    const { requests } = (await answer.json()) as { requests: JournalEntry[] }
    expect(requests.map((entry) => [entry.method, entry.status, entry.error?.message])).toEqual([
      ['POST', 403, 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "mine/"]'],
      ['POST', 403, 'Invalid according to Policy: Policy expired.'],
    ])
    const failed = requests.map((entry) => entry.explanation?.checks.find((c) => c.outcome === 'failed'))
    expect(failed).toEqual([
      {
        check: '["starts-with", "$key", "mine/"]',
        outcome: 'failed',
        expected: 'a value starting with mine/',
        got: 'theirs/a.txt',
      },
      {
        check: 'policy not expired',
        outcome: 'failed',
        expected: 'before 2026-03-01T13:00:00Z',
        got: expect.stringMatching(/^now 2026-03-01T14:00:/),
      },
    ])
    expect(JSON.parse(requests[0]?.explanation?.document ?? '')).toMatchObject({
      expiration: '2026-03-01T13:00:00Z',
    })

    // The accepted upload is in the journal too, every check passed, and no error.
    const all = (await (await fetch(`${admin}/requests?method=POST`)).json()) as { requests: JournalEntry[] }
    expect(all.requests[0]?.error).toBeUndefined()
    expect(all.requests[0]?.explanation?.checks.every((c) => c.outcome === 'passed')).toBe(true)
  })
})
