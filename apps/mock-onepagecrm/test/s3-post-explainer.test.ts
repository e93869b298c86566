// The S3 POST explainer through app.request(): each upload's journal entry holds the decoded policy and
// every check S3 makes, in its order; every S3 error answer holds S3's Code and Message.
import {
  createRequestJournal,
  type JournalEntry,
  type JournalExplanation,
  journalRequests,
  type RequestJournal,
} from '@crmkit/mock-kit'
import { encodePolicy, type FormFieldEntry, signPolicy } from '@crmkit/s3-post-policy'
import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ACCESS_KEY_ID,
  BOUNDARY,
  BUCKET,
  multipartBody,
  REGION,
  SECRET,
  signedForm,
  T0,
  withField,
} from './helpers.js'
import { createS3AppHarness, ENDPOINT, type S3AppHarness } from './s3-app-harness.js'

const PREFIX = '5ae0a0000000000000000001/'
const CONDITIONS = [
  { bucket: BUCKET },
  ['starts-with', '$key', PREFIX],
  ['content-length-range', 1, 10485760],
]
const CREDENTIAL = `${ACCESS_KEY_ID}/20260301/${REGION}/s3/aws4_request`

let h: S3AppHarness
let journal: RequestJournal
let host: Hono
beforeEach(async () => {
  h = await createS3AppHarness()
  journal = createRequestJournal()
  // The journal as a mock host keeps it, in front of the S3 app.
  host = new Hono()
  host.use('*', journalRequests(journal, { service: 's3', clock: h.clock }))
  host.all('*', (c) => h.app.fetch(c.req.raw, c.env as HttpBindings))
})
afterEach(() => h.close())

/** POSTs the form with a file of `content`, and returns the answer's status and its journal entry. */
async function upload(fields: readonly FormFieldEntry[], content = 'hello') {
  const response = await host.request(`${ENDPOINT}/${BUCKET}`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipartBody(fields, { content, filename: 'hello.txt' }),
  })
  await response.arrayBuffer()
  const entry = journal.entries().at(-1) as JournalEntry
  return { status: response.status, entry, explanation: entry.explanation as JournalExplanation }
}

const failedAt = (explanation: JournalExplanation) => {
  const index = explanation.checks.findIndex((check) => check.outcome === 'failed')
  return {
    failed: explanation.checks[index],
    before: explanation.checks.slice(0, index).map((check) => check.outcome),
    after: explanation.checks.slice(index + 1).map((check) => check.outcome),
  }
}

describe('the S3 POST explainer', () => {
  it('an accepted upload: the decoded policy, and every check passed in S3 order', async () => {
    const fields = await signedForm(CONDITIONS, [['key', `${PREFIX}\${filename}`]])
    const { status, entry, explanation } = await upload(fields)
    expect(status).toBe(204)
    expect(entry.error).toBeUndefined()
    expect(explanation.subject).toBe('S3 POST policy')
    const policy = fields.find(([name]) => name === 'policy')?.[1] ?? ''
    const json = Buffer.from(policy, 'base64').toString('utf8')
    expect(explanation.document).toBe(JSON.stringify(JSON.parse(json), null, 2))
    expect(explanation.checks.map(({ check, outcome }) => `${outcome}: ${check}`)).toEqual([
      'passed: bucket exists',
      'passed: body is multipart/form-data',
      'passed: body is well-formed multipart/form-data',
      'passed: fields before the file within 20480 bytes',
      'passed: a file part',
      'passed: field "key" present before the file',
      'passed: key is a valid object key',
      'passed: policy and signing fields present',
      'passed: X-Amz-Algorithm',
      'passed: X-Amz-Credential scope',
      'passed: X-Amz-Date',
      'passed: access key id known',
      'passed: X-Amz-Signature (SigV4 of the policy)',
      'passed: policy is base64 of a JSON policy document',
      'passed: policy not expired',
      `passed: {"bucket": "${BUCKET}"}`,
      `passed: ["starts-with", "$key", "${PREFIX}"]`,
      'passed: ["content-length-range", 1, 10485760]',
      'passed: {"x-amz-algorithm": "AWS4-HMAC-SHA256"}',
      `passed: {"x-amz-credential": "${CREDENTIAL}"}`,
      'passed: {"x-amz-date": "20260301T120000Z"}',
      'passed: every form field covered by a condition',
      'passed: x-amz-storage-class',
      'passed: tagging',
      'passed: acl',
      'passed: user metadata (x-amz-meta-*) within 2048 bytes',
      'passed: object stored',
    ])
    expect(explanation.checks).toContainEqual({
      check: `["starts-with", "$key", "${PREFIX}"]`,
      outcome: 'passed',
      expected: `a value starting with ${PREFIX}`,
      got: `${PREFIX}hello.txt`,
    })
    expect(explanation.checks).toContainEqual({
      check: '["content-length-range", 1, 10485760]',
      outcome: 'passed',
      expected: '1 to 10485760 bytes',
      got: '5 bytes received',
    })
    // The journal keeps no byte of the file.
    expect(JSON.stringify(journal.entries())).not.toContain('hello"')
  })

  it('a key outside the starts-with prefix: that condition failed, expected vs got, the rest not reached', async () => {
    const { status, entry, explanation } = await upload(
      await signedForm(CONDITIONS, [['key', 'someone-else/hello.txt']]),
    )
    expect(status).toBe(403)
    expect(entry.error).toEqual({
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${PREFIX}"]`,
    })
    const { failed, before, after } = failedAt(explanation)
    expect(failed).toEqual({
      check: `["starts-with", "$key", "${PREFIX}"]`,
      outcome: 'failed',
      expected: `a value starting with ${PREFIX}`,
      got: 'someone-else/hello.txt',
    })
    expect(before.every((outcome) => outcome === 'passed')).toBe(true)
    expect(after).toEqual(Array(10).fill('not-reached'))
    expect(explanation.checks.at(-1)).toEqual({ check: 'object stored', outcome: 'not-reached' })
  })

  it('an expired policy, by the clock: the expiration and the clock’s now', async () => {
    const fields = await signedForm(CONDITIONS, [['key', `${PREFIX}a.txt`]])
    h.clock.advance(2 * 3600 * 1000)
    const { status, entry, explanation } = await upload(fields)
    expect(status).toBe(403)
    expect(entry.error?.message).toBe('Invalid according to Policy: Policy expired.')
    expect(failedAt(explanation).failed).toEqual({
      check: 'policy not expired',
      outcome: 'failed',
      expected: 'before 2026-03-01T13:00:00Z',
      got: 'now 2026-03-01T14:00:00.000Z',
    })
    expect(failedAt(explanation).after).not.toContain('passed')
  })

  it('a file over content-length-range: the range against the size received', async () => {
    const fields = await signedForm(
      [{ bucket: BUCKET }, ['starts-with', '$key', PREFIX], ['content-length-range', 1, 4]],
      [['key', `${PREFIX}a.txt`]],
    )
    const { status, entry, explanation } = await upload(fields, 'too long')
    expect(status).toBe(400)
    expect(entry.error).toEqual({
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
    })
    const { failed, after } = failedAt(explanation)
    expect(failed).toEqual({
      check: '["content-length-range", 1, 4]',
      outcome: 'failed',
      expected: '1 to 4 bytes',
      got: '8 bytes received',
    })
    expect(after).toEqual(Array(9).fill('not-reached'))
  })

  it('a field no condition covers: the coverage check names it', async () => {
    const fields = await signedForm(CONDITIONS, [
      ['key', `${PREFIX}a.txt`],
      ['x-amz-meta-owner', 'ann'],
    ])
    const { status, entry, explanation } = await upload(fields)
    expect(status).toBe(403)
    expect(entry.error?.message).toBe('Invalid according to Policy: Extra input fields: x-amz-meta-owner')
    expect(failedAt(explanation).failed).toMatchObject({
      check: 'every form field covered by a condition',
      got: 'no condition on x-amz-meta-owner',
    })
    expect(failedAt(explanation).before.every((outcome) => outcome === 'passed')).toBe(true)
  })

  it('a bad signature: "does not match", and no signature anywhere in the journal', async () => {
    const fields = await signedForm(CONDITIONS, [['key', `${PREFIX}a.txt`]], { secret: 'not the secret' })
    const { status, entry, explanation } = await upload(fields)
    expect(status).toBe(403)
    expect(entry.error?.code).toBe('SignatureDoesNotMatch')
    const { failed, after } = failedAt(explanation)
    expect(failed).toEqual({
      check: 'X-Amz-Signature (SigV4 of the policy)',
      outcome: 'failed',
      expected: "the policy signed with the credential's key (SigV4)",
      got: "does not match the policy signed with the credential's key",
    })
    expect(after.every((outcome) => outcome === 'not-reached')).toBe(true)
    // The policy is still shown, decoded: it is what the form asked for, not a secret.
    expect(explanation.document).toContain(`"${PREFIX}"`)
    const sent = fields.find(([name]) => name === 'x-amz-signature')?.[1] ?? ''
    const policy = fields.find(([name]) => name === 'policy')?.[1] ?? ''
    const expected = await signPolicy(policy, { secretAccessKey: SECRET, region: REGION, date: T0 })
    const whole = JSON.stringify(journal.entries())
    for (const secret of [sent, expected, SECRET, 'not the secret']) expect(whole).not.toContain(secret)
  })

  it('a policy that is not base64 JSON: the failing decode check', async () => {
    for (const [policy, got] of [
      ['this is not base64', 'not base64 of UTF-8 text'],
      [encodePolicy('{"expiration": "2026-03-01T13:00:00Z", "conditions": ['), 'not JSON ('],
    ] as const) {
      const signature = await signPolicy(policy, { secretAccessKey: SECRET, region: REGION, date: T0 })
      const signed = await signedForm(CONDITIONS, [['key', `${PREFIX}a.txt`]])
      const fields = withField(withField(signed, 'policy', policy), 'x-amz-signature', signature)
      const { status, entry, explanation } = await upload(fields)
      expect(status).toBe(400)
      expect(entry.error).toEqual({ code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' })
      const { failed, before, after } = failedAt(explanation)
      expect(failed?.check).toBe('policy is base64 of a JSON policy document')
      expect(failed?.got).toContain(got)
      expect(before.every((outcome) => outcome === 'passed')).toBe(true)
      expect(after).toEqual(Array(8).fill('not-reached'))
      expect(explanation.checks.at(-7)).toEqual({ check: "the policy's conditions", outcome: 'not-reached' })
    }
  })

  it("a bucket that does not exist: the form is never read, S3's checks are not reached", async () => {
    const response = await host.request(`${ENDPOINT}/no-such-bucket`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: multipartBody(await signedForm(CONDITIONS, [['key', 'a']]), { content: 'x' }),
    })
    expect(response.status).toBe(404)
    const [entry] = journal.entries()
    expect(entry?.error?.code).toBe('NoSuchBucket')
    expect(entry?.explanation?.document).toBeUndefined()
    expect(entry?.explanation?.checks[0]).toEqual({
      check: 'bucket exists',
      outcome: 'failed',
      expected: `one of: ${BUCKET}`,
      got: 'no-such-bucket',
    })
    expect(entry?.explanation?.checks.slice(1).every((check) => check.outcome === 'not-reached')).toBe(true)
  })
})

describe("S3's error Code and Message in the journal, for every operation", () => {
  it('a GET of a missing key: NoSuchKey; a HEAD, whose answer has no body, records it too', async () => {
    const link = await h.link('missing.txt')
    const get = await host.request(link)
    expect(get.status).toBe(404)
    expect(await get.text()).toContain('<Code>NoSuchKey</Code>')
    // A link signed for GET is refused for HEAD.
    const head = await host.request(link, { method: 'HEAD' })
    expect(head.status).toBe(403)
    await h.put('present.txt', 'x')
    const found = await host.request(await h.link('present.txt'))
    expect(found.status).toBe(200)
    expect(journal.entries().map((entry) => [entry.method, entry.status, entry.error])).toEqual([
      ['GET', 404, { code: 'NoSuchKey', message: 'The specified key does not exist.' }],
      [
        'HEAD',
        403,
        {
          code: 'SignatureDoesNotMatch',
          message:
            'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        },
      ],
      ['GET', 200, undefined],
    ])
    expect(journal.entries({ code: 'NoSuchKey' })).toHaveLength(1)
  })

  it('a PUT, a DELETE and a listing without credentials, and an operation not emulated', async () => {
    for (const [method, path] of [
      ['PUT', `/${BUCKET}/x`],
      ['DELETE', `/${BUCKET}/x`],
      ['GET', `/${BUCKET}?list-type=2`],
      ['GET', `/${BUCKET}/x?acl`],
    ] as const) {
      await host.request(`${ENDPOINT}${path}`, { method, ...(method === 'PUT' ? { body: 'x' } : {}) })
    }
    expect(journal.entries().map((entry) => [entry.method, entry.status, entry.error?.code])).toEqual([
      ['PUT', 403, 'AccessDenied'],
      ['DELETE', 403, 'AccessDenied'],
      ['GET', 403, 'AccessDenied'],
      ['GET', 501, 'NotImplemented'],
    ])
  })
})
