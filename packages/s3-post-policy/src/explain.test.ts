import { describe, expect, it } from 'vitest'
import { planPostChecks } from './check-plan.js'
import { encodeBase64Utf8 } from './encoding.js'
import { readablePolicyDocument } from './readable-policy.js'
import { signPolicy } from './sign.js'
import {
  ACCESS_KEY_ID,
  BUCKET,
  NOW,
  OPTIONS,
  REGION,
  SECRET,
  signedForm,
  verifyExplained,
  withField,
} from './test-support.js'

const CONDITIONS = [{ bucket: BUCKET }, ['starts-with', '$key', 'user/'], ['content-length-range', 1, 100]]
const CREDENTIAL = `${ACCESS_KEY_ID}/20260101/${REGION}/s3/aws4_request`

const explain = async (fields: Parameters<typeof signedForm>[1], size = 6, options = OPTIONS) =>
  verifyExplained({ bucket: BUCKET, fields, file: { size } }, options)

const outcomes = (checks: ReadonlyArray<{ check: string; outcome: string }>) =>
  checks.map(({ check, outcome }) => `${outcome}: ${check}`)

describe('explaining a verdict, check by check, in S3 order', () => {
  it('an accepted form: every check passed, each with what S3 wanted and what the form gave', async () => {
    const { result, checks } = await explain(await signedForm(CONDITIONS, [['key', 'user/a.txt']]))
    expect(result.ok).toBe(true)
    expect(checks).toEqual([
      { check: 'a file part', outcome: 'passed', expected: 'one part named "file"', got: '6 bytes' },
      { check: 'field "key" present before the file', outcome: 'passed', got: 'user/a.txt' },
      {
        check: 'policy and signing fields present',
        outcome: 'passed',
        expected: 'policy, X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Signature',
        got: 'policy, X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Signature',
      },
      { check: 'X-Amz-Algorithm', outcome: 'passed', expected: 'AWS4-HMAC-SHA256', got: 'AWS4-HMAC-SHA256' },
      {
        check: 'X-Amz-Credential scope',
        outcome: 'passed',
        expected: `<access key id>/<YYYYMMDD>/${REGION}/s3/aws4_request`,
        got: CREDENTIAL,
      },
      {
        check: 'X-Amz-Date',
        outcome: 'passed',
        expected: "ISO 8601 basic: yyyyMMdd'T'HHmmss'Z'",
        got: '20260101T000000Z',
      },
      {
        check: 'access key id known',
        outcome: 'passed',
        expected: 'an access key id the server knows',
        got: ACCESS_KEY_ID,
      },
      {
        check: 'X-Amz-Signature (SigV4 of the policy)',
        outcome: 'passed',
        expected: "the policy signed with the credential's key (SigV4)",
        got: 'signature matches',
      },
      {
        check: 'policy is base64 of a JSON policy document',
        outcome: 'passed',
        expected: 'base64 of a JSON object with "expiration" and "conditions"',
        got: '6 conditions',
      },
      {
        check: 'policy not expired',
        outcome: 'passed',
        expected: 'before 2026-01-01T01:00:00Z',
        got: 'now 2026-01-01T00:00:00.000Z',
      },
      { check: '{"bucket": "uploads"}', outcome: 'passed', expected: 'uploads', got: 'uploads' },
      {
        check: '["starts-with", "$key", "user/"]',
        outcome: 'passed',
        expected: 'a value starting with user/',
        got: 'user/a.txt',
      },
      {
        check: '["content-length-range", 1, 100]',
        outcome: 'passed',
        expected: '1 to 100 bytes',
        got: '6 bytes received',
      },
      {
        check: '{"x-amz-algorithm": "AWS4-HMAC-SHA256"}',
        outcome: 'passed',
        expected: 'AWS4-HMAC-SHA256',
        got: 'AWS4-HMAC-SHA256',
      },
      {
        check: `{"x-amz-credential": "${CREDENTIAL}"}`,
        outcome: 'passed',
        expected: CREDENTIAL,
        got: CREDENTIAL,
      },
      {
        check: '{"x-amz-date": "20260101T000000Z"}',
        outcome: 'passed',
        expected: '20260101T000000Z',
        got: '20260101T000000Z',
      },
      {
        check: 'every form field covered by a condition',
        outcome: 'passed',
        expected: 'a condition on each of: bucket, key, x-amz-algorithm, x-amz-credential, x-amz-date',
        got: 'every one covered',
      },
      {
        check: 'x-amz-storage-class',
        outcome: 'passed',
        expected: 'a storage class of S3 (STANDARD, STANDARD_IA, GLACIER…)',
        got: 'none: STANDARD',
      },
      {
        check: 'tagging',
        outcome: 'passed',
        expected: 'none, or well-formed XML (a Tagging document)',
        got: 'none',
      },
      { check: 'acl', outcome: 'passed', expected: 'a canned ACL', got: 'none: private' },
    ])
  })

  it('a refusal: the failed check with what S3 wanted and what it got, the later ones not reached', async () => {
    const { result, checks } = await explain(await signedForm(CONDITIONS, [['key', 'other/a.txt']]))
    expect(!result.ok && result.error.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/"]',
    )
    const failed = checks.findIndex((c) => c.outcome === 'failed')
    expect(checks[failed]).toEqual({
      check: '["starts-with", "$key", "user/"]',
      outcome: 'failed',
      expected: 'a value starting with user/',
      got: 'other/a.txt',
    })
    expect(checks.slice(failed + 1).map((c) => c.check)).toEqual([
      '["content-length-range", 1, 100]',
      '{"x-amz-algorithm": "AWS4-HMAC-SHA256"}',
      `{"x-amz-credential": "${CREDENTIAL}"}`,
      '{"x-amz-date": "20260101T000000Z"}',
      'every form field covered by a condition',
      'x-amz-storage-class',
      'tagging',
      'acl',
    ])
    expect(checks.slice(failed + 1).every((c) => c.outcome === 'not-reached' && c.got === undefined)).toBe(
      true,
    )
  })

  it.each([
    [
      'an expired policy, against the clock',
      { now: new Date('2026-01-01T02:00:00Z') },
      6,
      {
        check: 'policy not expired',
        expected: 'before 2026-01-01T01:00:00Z',
        got: 'now 2026-01-01T02:00:00.000Z',
      },
    ],
    [
      'a file over content-length-range, against the size received',
      {},
      101,
      { check: '["content-length-range", 1, 100]', expected: '1 to 100 bytes', got: '101 bytes received' },
    ],
  ])('%s', async (_, options, size, failed) => {
    const { checks } = await explain(await signedForm(CONDITIONS, [['key', 'user/a']]), size, {
      ...OPTIONS,
      ...options,
    })
    expect(checks.find((c) => c.outcome === 'failed')).toEqual({ ...failed, outcome: 'failed' })
  })

  it('a field no condition covers, once every condition passed', async () => {
    const fields = await signedForm(CONDITIONS, [
      ['key', 'user/a'],
      ['Content-Type', 'text/plain'],
    ])
    const { checks } = await explain(fields)
    expect(outcomes(checks).slice(-4)).toEqual([
      'failed: every form field covered by a condition',
      'not-reached: x-amz-storage-class',
      'not-reached: tagging',
      'not-reached: acl',
    ])
    expect(checks.at(-4)).toMatchObject({
      expected:
        'a condition on each of: bucket, key, content-type, x-amz-algorithm, x-amz-credential, x-amz-date',
      got: 'no condition on content-type',
    })
  })

  it('a bad signature: that it does not match, never a signature', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'user/a']], { secret: 'another secret' })
    const { checks } = await explain(fields)
    expect(checks.find((c) => c.outcome === 'failed')).toEqual({
      check: 'X-Amz-Signature (SigV4 of the policy)',
      outcome: 'failed',
      expected: "the policy signed with the credential's key (SigV4)",
      got: "does not match the policy signed with the credential's key",
    })
    const text = JSON.stringify(checks)
    const sent = fields.find(([name]) => name === 'x-amz-signature')?.[1] ?? ''
    const right = await signPolicy(fields.find(([name]) => name === 'policy')?.[1] ?? '', {
      secretAccessKey: SECRET,
      region: REGION,
      date: NOW,
    })
    for (const secret of [sent, right, SECRET, 'another secret']) expect(text).not.toContain(secret)
    // The policy's conditions are listed all the same, not reached.
    expect(outcomes(checks)).toContain('not-reached: ["starts-with", "$key", "user/"]')
  })

  it('a policy that is not base64, or not JSON: the failed decode check says which', async () => {
    for (const [text, got] of [
      ['not base64!', 'not base64 of UTF-8 text'],
      [encodeBase64Utf8('{"expiration": '), /^not JSON \(.+\)$/],
    ] as const) {
      const signed = await signedForm('{}', [['key', 'user/a']])
      const policy = text
      const signature = await signPolicy(policy, { secretAccessKey: SECRET, region: REGION, date: NOW })
      const fields = withField(withField(signed, 'policy', policy), 'x-amz-signature', signature)
      const { result, checks } = await explain(fields)
      expect(!result.ok && result.error.code).toBe('InvalidPolicyDocument')
      const failed = checks.find((c) => c.outcome === 'failed')
      expect(failed?.check).toBe('policy is base64 of a JSON policy document')
      expect(failed?.got).toMatch(got)
      expect(outcomes(checks).slice(-6)).toEqual([
        'not-reached: policy not expired',
        "not-reached: the policy's conditions",
        'not-reached: every form field covered by a condition',
        'not-reached: x-amz-storage-class',
        'not-reached: tagging',
        'not-reached: acl',
      ])
    }
  })

  it('never shows a credential a condition names, in the checks or the document', async () => {
    const token = 'FwoGZXIvYXdzEXAMPLETOKEN'
    const fields = await signedForm(
      [...CONDITIONS, { 'x-amz-security-token': token }],
      [
        ['key', 'user/a'],
        ['x-amz-security-token', `${token}-other`],
      ],
    )
    const { checks } = await explain(fields)
    expect(checks.find((c) => c.outcome === 'failed')).toEqual({
      check: '["eq", "$x-amz-security-token", "[redacted]"]',
      outcome: 'failed',
      expected: '[redacted]',
      got: '[redacted]',
    })
    const policy = fields.find(([name]) => name === 'policy')?.[1] ?? ''
    const document = readablePolicyDocument(policy) ?? ''
    expect(JSON.stringify(checks) + document).not.toContain(token)
    expect(JSON.parse(document).conditions.at(3)).toEqual({ 'x-amz-security-token': '[redacted]' })
  })
})

describe('readablePolicyDocument', () => {
  it('indents the JSON by two spaces; text that is not JSON as decoded; nothing for what is not base64', () => {
    expect(
      readablePolicyDocument(encodeBase64Utf8('{"expiration":"x","conditions":[{"acl":"private"}]}')),
    ).toBe('{\n  "expiration": "x",\n  "conditions": [\n    {\n      "acl": "private"\n    }\n  ]\n}')
    expect(readablePolicyDocument(encodeBase64Utf8('{"expiration": '))).toBe('{"expiration": ')
    expect(readablePolicyDocument('not base64!')).toBeUndefined()
  })
})

describe('planPostChecks', () => {
  it('plans by the way the form signs: SigV2, anonymous, or unknown (a form never read)', () => {
    const steps = (plan: ReturnType<typeof planPostChecks>) =>
      [...plan.authentication, ...plan.completion].map((c) => c.step)
    expect(
      steps(
        planPostChecks({
          fields: [
            ['key', 'a'],
            ['AWSAccessKeyId', 'A'],
          ],
        }),
      ),
    ).toEqual([
      'key',
      'signing-fields',
      'access-key',
      'signature',
      'policy-document',
      'expiration',
      'conditions',
      'coverage',
      'storage-class',
      'tagging',
      'acl',
    ])
    expect(steps(planPostChecks({ fields: [['key', 'a']] }))).toEqual([
      'key',
      'signing-fields',
      'storage-class',
      'tagging',
      'acl',
    ])
    expect(steps(planPostChecks({ fields: undefined, keyRule: true })).slice(0, 4)).toEqual([
      'key',
      'object-key',
      'signing-fields',
      'algorithm',
    ])
  })
})
