import { describe, expect, it } from 'vitest'
import type { FormFieldEntry } from './form-fields.js'
import { createPresignedPost } from './sign.js'
import {
  ACCESS_KEY_ID,
  BUCKET,
  type ExplainedVerdict,
  NOW,
  OPTIONS,
  REGION,
  SECRET,
  signedForm,
  verifyExplained,
  withField,
} from './test-support.js'
import type { PostFormSubmission } from './verify.js'

const FILE = { size: 6 }
const BASE_CONDITIONS = [{ bucket: BUCKET }, ['starts-with', '$key', 'user/']]

/**
 * Every verdict of these tests is also explained, and the explanation must agree with it: the checks follow
 * the plan, each step the checks reported is planned, and a refusal is one failed check after passed ones,
 * the rest not reached. No signature shows in it.
 */
async function explained(submission: PostFormSubmission, options = OPTIONS): Promise<ExplainedVerdict> {
  const verdict = await verifyExplained(submission, options)
  const { result, checks, plan, reported } = verdict
  expect(checks.map((c) => c.check)).toEqual(plan.map((p) => p.check))
  expect(reported.filter((step) => !plan.some((p) => p.step === step))).toEqual([])
  expect(new Set(reported).size).toBe(reported.length)
  const failed = checks.findIndex((c) => c.outcome === 'failed')
  if (result.ok) {
    expect(checks.every((c) => c.outcome === 'passed')).toBe(true)
  } else {
    expect(failed).toBeGreaterThanOrEqual(0)
    expect(checks.slice(0, failed).every((c) => c.outcome === 'passed')).toBe(true)
    expect(checks.slice(failed + 1).every((c) => c.outcome === 'not-reached')).toBe(true)
  }
  for (const [name, value] of submission.fields) {
    if (/^(x-amz-)?signature$/i.test(name) && value.length > 8)
      expect(JSON.stringify(checks)).not.toContain(value)
  }
  return verdict
}

async function verify(
  fields: readonly FormFieldEntry[],
  extra: { file?: { size: number } | undefined; filename?: string; bucket?: string } = {},
) {
  const submission = {
    bucket: extra.bucket ?? BUCKET,
    fields,
    filename: extra.filename,
    file: 'file' in extra ? extra.file : FILE,
  }
  return (await explained(submission)).result
}

async function refusal(fields: readonly FormFieldEntry[], extra: Parameters<typeof verify>[1] = {}) {
  const result = await verify(fields, extra)
  if (result.ok) throw new Error('expected a refusal')
  return result.error
}

const conditionFailed = (condition: string) => ({
  status: 403,
  code: 'AccessDenied',
  message: `Invalid according to Policy: Policy Condition failed: ${condition}`,
  details: [],
})

describe('verifyPostForm: accepted forms', () => {
  it('accepts a form made by createPresignedPost and expands ${filename} in the key', async () => {
    const { fields } = await createPresignedPost({
      bucket: BUCKET,
      key: 'user/1/${filename}',
      region: REGION,
      now: NOW,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      conditions: [['content-length-range', 0, 10]],
      fields: { 'Content-Type': 'text/plain', 'x-amz-meta-Owner': 'Ann' },
    })
    const result = await verify(Object.entries(fields), { filename: 'C:\\docs\\report.txt' })
    expect(result).toEqual({
      ok: true,
      value: {
        key: 'user/1/report.txt',
        contentType: 'text/plain',
        acl: 'private',
        storageClass: 'STANDARD',
        headers: {},
        metadata: { owner: 'Ann' },
        tags: [],
        successActionStatus: undefined,
        successActionRedirect: undefined,
      },
    })
  })

  it('keeps ${filename} literally when the file part has no filename parameter [LS]', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [['key', 'user/file-as-field-${filename}']])
    const result = await verify(fields)
    expect(result.ok && result.value.key).toBe('user/file-as-field-${filename}')
  })

  it('matches field names and condition names case-insensitively, values case-sensitively', async () => {
    const fields = await signedForm(
      [
        { bUcKeT: BUCKET },
        ['StArTs-WiTh', '$KeY', 'user/'],
        ['eq', '$success_Action_REDIRECT', 'http://a.test/ok'],
      ],
      [
        ['kEy', 'user/a'],
        ['success_action_redirect', 'http://a.test/ok'],
      ],
    )
    const renamed = fields.map(
      ([name, value]): FormFieldEntry => [
        name === 'policy' ? 'Policy' : name === 'x-amz-credential' ? 'X-Amz-Credential' : name,
        value,
      ],
    )
    expect((await verify(renamed)).ok).toBe(true)
    const wrongCase = withField(renamed, 'success_action_redirect', 'HTTP://a.test/ok')
    expect(await refusal(wrongCase)).toEqual(
      conditionFailed('["eq", "$success_Action_REDIRECT", "http://a.test/ok"]'),
    )
  })

  it('exempts policy, x-amz-signature, file and x-ignore-* from coverage', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [
      ['key', 'user/a'],
      ['x-ignore-pattern', '1/__timestamp__/${filename}'],
      ['X-Ignore-Anything', 'x'],
    ])
    expect((await verify(fields)).ok).toBe(true)
  })

  it('accepts sizes on the bounds of content-length-range, numeric strings included [LS]', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['content-length-range', '5', '10']],
      [['key', 'user/a']],
    )
    expect((await verify(fields, { file: { size: 5 } })).ok).toBe(true)
    expect((await verify(fields, { file: { size: 10 } })).ok).toBe(true)
  })

  it('applies starts-with to every element of a comma-separated Content-Type [DOC]', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['starts-with', '$Content-Type', 'image/']],
      [['key', 'user/a']],
    )
    expect((await verify(withField(fields, 'Content-Type', 'image/png, image/jpeg'))).ok).toBe(true)
    expect((await refusal(withField(fields, 'Content-Type', 'image/png, text/plain'))).message).toContain(
      '["starts-with", "$Content-Type", "image/"]',
    )
  })

  it('joins repeated fields with commas before matching [DOC v2]', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, { 'x-amz-meta-tag': 'a,b' }],
      [
        ['key', 'user/a'],
        ['x-amz-meta-tag', 'a'],
        ['x-amz-meta-tag', 'b'],
      ],
    )
    const result = await verify(fields)
    expect(result.ok && result.value.metadata).toEqual({ tag: 'a,b' })
  })

  it('accepts an anonymous form only when the bucket allows it', async () => {
    const { result } = await explained(
      { bucket: BUCKET, fields: [['key', 'a']], file: FILE },
      { ...OPTIONS, allowAnonymous: true },
    )
    expect(result.ok).toBe(true)
    expect((await verify([['key', 'a']])).ok).toBe(false)
  })

  it('accepts a SigV2 form (AWSAccessKeyId + base64 HMAC-SHA1 signature) [LS]', async () => {
    const policy = btoa(
      JSON.stringify({ expiration: '2026-01-01T01:00:00Z', conditions: [{ bucket: BUCKET }, { key: 'a' }] }),
    )
    const mac = await crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(SECRET),
        { name: 'HMAC', hash: 'SHA-1' },
        false,
        ['sign'],
      ),
      new TextEncoder().encode(policy),
    )
    const signature = btoa(String.fromCharCode(...new Uint8Array(mac)))
    const fields: FormFieldEntry[] = [
      ['key', 'a'],
      ['AWSAccessKeyId', ACCESS_KEY_ID],
      ['policy', policy],
      ['signature', signature],
    ]
    expect((await verify(fields)).ok).toBe(true)
    expect((await refusal(withField(fields, 'signature', `x${signature.slice(1)}`))).code).toBe(
      'SignatureDoesNotMatch',
    )
    expect(await refusal(withField(fields, 'signature', undefined))).toMatchObject({
      message:
        "Bucket POST must contain a field named 'Signature'.  If it is specified, please check the order of the fields.",
    })
  })
})

describe('verifyPostForm: the failure table of docs/s3-post-policy-rules.md', () => {
  it('row 1: an expired policy', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [['key', 'user/a']], {
      expiration: '2025-12-31T23:59:59Z',
    })
    expect(await refusal(fields)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
      details: [],
    })
  })

  it('row 2: a wrong secret, a tampered policy, a truncated policy', async () => {
    const good = await signedForm(BASE_CONDITIONS, [['key', 'user/a']])
    const policy = good.find(([name]) => name === 'policy')?.[1] ?? ''
    const signature = good.find(([name]) => name === 'x-amz-signature')?.[1] ?? ''
    const wrongSecret = await signedForm(BASE_CONDITIONS, [['key', 'user/a']], { secret: 'other' })
    const tampered = withField(good, 'policy', `${policy.slice(0, -4)}AAAA`)
    const truncated = withField(good, 'policy', policy.slice(0, 8))
    for (const fields of [wrongSecret, tampered, truncated]) {
      const sent = fields.find(([name]) => name === 'policy')?.[1] ?? ''
      const provided = fields.find(([name]) => name === 'x-amz-signature')?.[1] ?? ''
      const bytes = [...new TextEncoder().encode(sent)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
      expect(await refusal(fields)).toEqual({
        status: 403,
        code: 'SignatureDoesNotMatch',
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        details: [
          ['AWSAccessKeyId', ACCESS_KEY_ID],
          ['StringToSign', sent],
          ['SignatureProvided', provided],
          ['StringToSignBytes', bytes],
        ],
      })
    }
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
  })

  it('row 3: no policy and no signing fields on a private bucket', async () => {
    expect(await refusal([['key', 'a']])).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Access Denied',
      details: [],
    })
  })

  const missing = (name: string) => ({
    status: 400,
    code: 'InvalidArgument',
    message: `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    details: [
      ['ArgumentName', name],
      ['ArgumentValue', ''],
    ],
  })

  it('row 4: signing fields without policy', async () => {
    const fields = withField(await signedForm(BASE_CONDITIONS, [['key', 'user/a']]), 'policy', undefined)
    expect(await refusal(fields)).toEqual(missing('policy'))
  })

  it('rows 5 and 6: a missing SigV4 field is named in its capitalised form', async () => {
    const good = await signedForm(BASE_CONDITIONS, [['key', 'user/a']])
    expect(await refusal(withField(good, 'x-amz-signature', undefined))).toEqual(missing('X-Amz-Signature'))
    expect(await refusal(withField(good, 'x-amz-algorithm', undefined))).toEqual(missing('X-Amz-Algorithm'))
    const noAlgorithmNorCredential = withField(
      withField(good, 'x-amz-algorithm', undefined),
      'x-amz-credential',
      undefined,
    )
    expect(await refusal(noAlgorithmNorCredential)).toEqual(missing('X-Amz-Algorithm'))
    expect(await refusal(withField(good, 'x-amz-credential', undefined))).toEqual(missing('X-Amz-Credential'))
    expect(await refusal(withField(good, 'x-amz-date', undefined))).toEqual(missing('X-Amz-Date'))
  })

  it('row 7: a policy without any signing field', async () => {
    const good = await signedForm(BASE_CONDITIONS, [['key', 'user/a']])
    const unsigned = good.filter(([name]) => name === 'key' || name === 'policy')
    expect(await refusal(unsigned)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Access Denied',
      details: [],
    })
  })

  it('rows 8 and 12: a signed policy that is not a valid document', async () => {
    expect((await refusal(await signedForm('{"expiration":', [['key', 'a']]))).message).toBe(
      'Invalid Policy: Invalid JSON.',
    )
    const twoProperties = await signedForm(
      JSON.stringify({ expiration: '2026-01-01T01:00:00Z', conditions: [{ acl: 'private', key: 'a' }] }),
      [['key', 'a']],
    )
    expect(await refusal(twoProperties)).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' })
  })

  it('row 13: a field no condition covers, named lower-cased', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [
      ['key', 'user/a'],
      ['Content-Type', 'text/plain'],
    ])
    expect(await refusal(fields)).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: content-type',
      details: [],
    })
  })

  it('row 14: the bucket counts as an input even without a bucket field', async () => {
    const fields = await signedForm([['starts-with', '$key', 'user/']], [['key', 'user/a']])
    expect((await refusal(fields)).message).toBe('Invalid according to Policy: Extra input fields: bucket')
  })

  it('rows 15 and 18: eq and starts-with mismatches print the condition as written', async () => {
    const eq = await signedForm(
      [...BASE_CONDITIONS, ['eq', '$success_action_redirect', 'http://localhost.test/random']],
      [
        ['key', 'user/a'],
        ['success_action_redirect', 'http://localhost.test/other'],
      ],
    )
    expect(await refusal(eq)).toEqual(
      conditionFailed('["eq", "$success_action_redirect", "http://localhost.test/random"]'),
    )
    const startsWith = await signedForm(
      [...BASE_CONDITIONS, ['starts-with', '$success_action_redirect', 'http://localhost']],
      [
        ['key', 'user/a'],
        ['success_action_redirect', 'HTTP://localhost/x'],
      ],
    )
    expect(await refusal(startsWith)).toEqual(
      conditionFailed('["starts-with", "$success_action_redirect", "http://localhost"]'),
    )
  })

  it('row 16: an object condition that does not match, or names an absent field, prints as eq', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, { acl: 'public-read' }],
      [
        ['key', 'user/a'],
        ['acl', 'private'],
      ],
    )
    expect(await refusal(fields)).toEqual(conditionFailed('["eq", "$acl", "public-read"]'))
    expect(await refusal(withField(fields, 'acl', undefined))).toEqual(
      conditionFailed('["eq", "$acl", "public-read"]'),
    )
    const absentStartsWith = await signedForm(
      [...BASE_CONDITIONS, ['starts-with', '$x-amz-meta-tag', '']],
      [['key', 'user/a']],
    )
    expect(await refusal(absentStartsWith)).toEqual(conditionFailed('["starts-with", "$x-amz-meta-tag", ""]'))
  })

  it('row 17: a condition name without $', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['eq', 'success_action_redirect', 'http://localhost.test/random']],
      [
        ['key', 'user/a'],
        ['success_action_redirect', 'http://localhost.test/random'],
      ],
    )
    expect(await refusal(fields)).toEqual(
      conditionFailed('["eq", "success_action_redirect", "http://localhost.test/random"]'),
    )
  })

  it('row 19: content-length-range with non-numbers', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['content-length-range', 'test', '10']],
      [['key', 'user/a']],
    )
    expect(await refusal(fields)).toEqual(conditionFailed('["content-length-range", "test", "10"]'))
  })

  it('rows 20 and 21: a file outside content-length-range', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['content-length-range', 5, 10]],
      [['key', 'user/a']],
    )
    expect(await refusal(fields, { file: { size: 12 } })).toEqual({
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: [
        ['ProposedSize', '12'],
        ['MaxSizeAllowed', '10'],
      ],
    })
    expect(await refusal(fields, { file: { size: 1 } })).toEqual({
      status: 400,
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      details: [
        ['ProposedSize', '1'],
        ['MinSizeAllowed', '5'],
      ],
    })
  })

  it('row 22: no file, reported before a missing key', async () => {
    expect(await refusal([], { file: undefined })).toEqual({
      status: 400,
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
      details: [
        ['ArgumentName', 'file'],
        ['ArgumentValue', '0'],
      ],
    })
  })

  it('row 23: no key', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [])
    expect(await refusal(fields)).toEqual(missing('key'))
  })

  it('row 24: the policy bucket is not the bucket the form was sent to', async () => {
    const fields = await signedForm(
      [{ bucket: 'other-bucket' }, ['starts-with', '$key', 'user/']],
      [['key', 'user/a']],
    )
    expect(await refusal(fields)).toEqual(conditionFailed('["eq", "$bucket", "other-bucket"]'))
  })

  it('row 26: an unknown access key', async () => {
    const fields = (await signedForm(BASE_CONDITIONS, [['key', 'user/a']])).map(
      ([n, v]): FormFieldEntry => [n, n === 'x-amz-credential' ? v.replace(ACCESS_KEY_ID, 'AKIAUNKNOWN') : v],
    )
    expect(await refusal(fields)).toEqual({
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
      details: [['AWSAccessKeyId', 'AKIAUNKNOWN']],
    })
  })

  it('row 27: a credential scoped to another region', async () => {
    const fields = await signedForm(BASE_CONDITIONS, [['key', 'user/a']])
    const { result } = await explained(
      { bucket: BUCKET, fields, file: FILE },
      { ...OPTIONS, region: 'us-west-1' },
    )
    const credential = fields.find(([n]) => n === 'x-amz-credential')?.[1] ?? ''
    expect(!result.ok && result.error).toEqual({
      status: 400,
      code: 'InvalidArgument',
      message: "the region 'us-east-1' is wrong; expecting 'us-west-1'",
      details: [
        ['ArgumentName', 'X-Amz-Credential'],
        ['ArgumentValue', credential],
        ['Region', 'us-west-1'],
      ],
    })
  })

  it('rows 30 and 31, and the ACL: object-level fields are validated after the policy', async () => {
    const form = (storageClass: string, tagging: string, acl: string) =>
      signedForm(
        [...BASE_CONDITIONS, { 'x-amz-storage-class': storageClass }, { tagging }, { acl }],
        [
          ['key', 'user/a'],
          ['x-amz-storage-class', storageClass],
          ['tagging', tagging],
          ['acl', acl],
        ],
      )
    const tagging = '<Tagging><TagSet><Tag><Key>a</Key><Value>1 &amp; 2</Value></Tag></TagSet></Tagging>'
    const accepted = await verify(await form('STANDARD_IA', tagging, 'public-read'))
    expect(accepted.ok && accepted.value).toMatchObject({
      storageClass: 'STANDARD_IA',
      acl: 'public-read',
      tags: [{ key: 'a', value: '1 & 2' }],
    })
    expect(await refusal(await form('CHEAP', tagging, 'private'))).toEqual({
      status: 400,
      code: 'InvalidStorageClass',
      message: 'The storage class you specified is not valid',
      details: [['StorageClassRequested', 'CHEAP']],
    })
    expect(await refusal(await form('STANDARD', 'not xml', 'private'))).toEqual({
      status: 400,
      code: 'MalformedXML',
      message: 'The XML you provided was not well-formed or did not validate against our published schema',
      details: [],
    })
    const otherXml = await verify(await form('STANDARD', '<Other><A>1</A></Other>', 'private'))
    expect(otherXml.ok && otherXml.value.tags).toEqual([])
    expect(await refusal(await form('STANDARD', tagging, 'everyone'))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
    })
  })

  it('checks conditions before extra fields [LS]', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, { acl: 'public-read' }],
      [
        ['key', 'user/a'],
        ['acl', 'private'],
        ['x-requested-with', 'xhr'],
      ],
    )
    expect((await refusal(fields)).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$acl", "public-read"]',
    )
  })

  it('fails starts-with on exact-only fields (inferred, as MinIO)', async () => {
    const fields = await signedForm(
      [...BASE_CONDITIONS, ['starts-with', '$success_action_status', '2']],
      [
        ['key', 'user/a'],
        ['success_action_status', '201'],
      ],
    )
    expect(await refusal(fields)).toEqual(conditionFailed('["starts-with", "$success_action_status", "2"]'))
  })
})
