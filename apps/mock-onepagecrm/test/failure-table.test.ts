import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  BOUNDARY,
  BUCKET,
  type Harness,
  multipartBody,
  parseErrorXml,
  post,
  signedForm,
  startHarness,
  tempFiles,
  withField,
} from './helpers.js'

// Every row of the failure table in docs/s3-post-policy-rules.md, sent over a real socket.
// Each test asserts status, Code, Message and the extra elements, and that nothing was stored.

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.s3.close())
afterEach(async () => {
  expect(h.s3.store.pendingUploads()).toBe(0)
  expect(tempFiles(h)).toEqual([])
  expect(await h.s3.store.head(BUCKET, 'user/a.txt')).toBeUndefined()
})

const CONDITIONS = [{ bucket: BUCKET }, ['starts-with', '$key', 'user/'], ['content-length-range', 5, 10]]
const FILE = { content: 'abcdef', filename: 'a.txt' }
const good = () => signedForm(CONDITIONS, [['key', 'user/${filename}']])

async function expectError(
  response: { status: number; headers: Headers; text: string },
  status: number,
  code: string,
  message: string,
  details: Array<[string, string]> = [],
) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/xml')
  const xml = parseErrorXml(response.text)
  expect({ code: xml.code, message: xml.message, details: xml.details }).toEqual({ code, message, details })
  expect(response.headers.get('x-amz-request-id')).toBe(xml.requestId)
  expect(response.headers.get('x-amz-id-2')).toBe(xml.hostId)
}

const missing = (name: string): [string, string][] => [
  ['ArgumentName', name],
  ['ArgumentValue', ''],
]
const missingMessage = (name: string) =>
  `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`
const failed = (condition: string) => `Invalid according to Policy: Policy Condition failed: ${condition}`

describe('S3 emulator: the failure table', () => {
  it('accepts the good form (the baseline every row breaks)', async () => {
    const response = await post(
      h.bucketUrl,
      multipartBody(await good(), { content: 'abcdef', filename: 'ok.txt' }),
    )
    expect(response.status).toBe(204)
    expect(await h.s3.store.delete(BUCKET, 'user/ok.txt')).toBe(true)
  })

  it('row 1: policy expired', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'user/${filename}']], {
      expiration: '2026-03-01T11:59:59Z',
    })
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy expired.',
    )
  })

  it('row 2: signature mismatch (wrong secret)', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'user/${filename}']], { secret: 'not-the-secret' })
    const policy = fields.find(([n]) => n === 'policy')?.[1] ?? ''
    const signature = fields.find(([n]) => n === 'x-amz-signature')?.[1] ?? ''
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      [
        ['AWSAccessKeyId', 'AKIAIOSFODNN7EXAMPLE'],
        ['StringToSign', policy],
        ['SignatureProvided', signature],
        [
          'StringToSignBytes',
          Buffer.from(policy)
            .toString('hex')
            .replace(/(..)(?!$)/g, '$1 '),
        ],
      ],
    )
  })

  it('row 3: no policy and no signing fields on a private bucket', async () => {
    await expectError(
      await post(h.bucketUrl, multipartBody([['key', 'user/a.txt']], FILE)),
      403,
      'AccessDenied',
      'Access Denied',
    )
  })

  it('row 4: signing fields but no policy', async () => {
    const fields = withField(await good(), 'policy', undefined)
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidArgument',
      missingMessage('policy'),
      missing('policy'),
    )
  })

  it('row 5: missing x-amz-signature', async () => {
    const fields = withField(await good(), 'x-amz-signature', undefined)
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidArgument',
      missingMessage('X-Amz-Signature'),
      missing('X-Amz-Signature'),
    )
  })

  it.each([
    [['x-amz-algorithm'], 'X-Amz-Algorithm'],
    [['x-amz-algorithm', 'x-amz-credential'], 'X-Amz-Algorithm'],
    [['x-amz-credential'], 'X-Amz-Credential'],
    [['x-amz-date'], 'X-Amz-Date'],
  ])('row 6: missing %j names %s', async (removed, named) => {
    let fields = await good()
    for (const name of removed) fields = withField(fields, name, undefined)
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidArgument',
      missingMessage(named),
      missing(named),
    )
  })

  it('row 7: policy present, no signing fields', async () => {
    const fields = (await good()).filter(([n]) => n === 'key' || n === 'policy')
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      'Access Denied',
    )
  })

  it('row 8: policy not valid JSON, signature valid', async () => {
    const fields = await signedForm('{"expiration": "2026-03-01T13:00:00Z", "conditions": [', [
      ['key', 'user/a.txt'],
    ])
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: Invalid JSON.',
    )
  })

  it('row 9: policy not valid base64, signature valid over that text', async () => {
    const { signPolicy } = await import('@crmkit/s3-post-policy')
    const fields = await good()
    const policy = 'not//base64!'
    const signature = await signPolicy(policy, {
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'eu-central-1',
      date: new Date('2026-03-01T12:00:00Z'),
    })
    const broken = withField(withField(fields, 'policy', policy), 'x-amz-signature', signature)
    await expectError(
      await post(h.bucketUrl, multipartBody(broken, FILE)),
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: Invalid JSON.',
    )
  })

  it("row 10: bad 'expiration' format", async () => {
    const fields = await signedForm('{"expiration":"2011-09-13T07:52:58+02:00","conditions":[]}', [
      ['key', 'user/a.txt'],
    ])
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidPolicyDocument',
      "Invalid Policy: Invalid 'expiration' value: '2011-09-13T07:52:58+02:00'",
    )
  })

  it('row 11: missing expiration or conditions, EXPIRATION key', async () => {
    for (const json of [
      '{"conditions":[]}',
      '{"expiration":"2026-03-01T13:00:00Z"}',
      '{"EXPIRATION":"2026-03-01T13:00:00Z","conditions":[]}',
    ]) {
      const response = await post(
        h.bucketUrl,
        multipartBody(await signedForm(json, [['key', 'user/a.txt']]), FILE),
      )
      expect(response.status, json).toBe(400)
      expect(parseErrorXml(response.text).code, json).toBe('InvalidPolicyDocument')
    }
  })

  it('row 12: object condition with 2 properties', async () => {
    const fields = await signedForm([{ bucket: BUCKET, acl: 'private' }], [['key', 'user/a.txt']])
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    )
  })

  it('row 13: a field not covered by any condition (name lower-cased)', async () => {
    const fields = [...(await good()), ['Content-Type', 'text/plain'] as const]
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      'Invalid according to Policy: Extra input fields: content-type',
    )
  })

  it('row 14: no bucket condition', async () => {
    const fields = await signedForm([['starts-with', '$key', 'user/']], [['key', 'user/a.txt']])
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      'Invalid according to Policy: Extra input fields: bucket',
    )
  })

  it('row 15: eq mismatch', async () => {
    const fields = await signedForm(
      [...CONDITIONS, ['eq', '$success_action_redirect', 'http://localhost.test/random']],
      [
        ['key', 'user/a.txt'],
        ['success_action_redirect', 'http://localhost.test/other'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["eq", "$success_action_redirect", "http://localhost.test/random"]'),
    )
  })

  it('row 16: object-form mismatch, and a condition on an absent field', async () => {
    const fields = await signedForm(
      [...CONDITIONS, { acl: 'public-read' }],
      [
        ['key', 'user/a.txt'],
        ['acl', 'private'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["eq", "$acl", "public-read"]'),
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(withField(fields, 'acl', undefined), FILE)),
      403,
      'AccessDenied',
      failed('["eq", "$acl", "public-read"]'),
    )
  })

  it('row 17: a condition name without $', async () => {
    const fields = await signedForm(
      [...CONDITIONS, ['eq', 'success_action_redirect', 'http://localhost.test/random']],
      [
        ['key', 'user/a.txt'],
        ['success_action_redirect', 'http://localhost.test/random'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["eq", "success_action_redirect", "http://localhost.test/random"]'),
    )
  })

  it('row 18: starts-with mismatch, including wrong case', async () => {
    const fields = await signedForm(
      [...CONDITIONS, ['starts-with', '$success_action_redirect', 'http://localhost']],
      [
        ['key', 'user/a.txt'],
        ['success_action_redirect', 'HTTP://localhost/done'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["starts-with", "$success_action_redirect", "http://localhost"]'),
    )
  })

  it('row 19: content-length-range with non-numbers', async () => {
    const fields = await signedForm(
      [{ bucket: BUCKET }, ['starts-with', '$key', 'user/'], ['content-length-range', 'test', '10']],
      [['key', 'user/a.txt']],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["content-length-range", "test", "10"]'),
    )
  })

  it('row 20: file larger than the maximum', async () => {
    await expectError(
      await post(h.bucketUrl, multipartBody(await good(), { content: '0123456789AB', filename: 'a.txt' })),
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
      [
        ['ProposedSize', '12'],
        ['MaxSizeAllowed', '10'],
      ],
    )
  })

  it('row 21: file smaller than the minimum', async () => {
    await expectError(
      await post(h.bucketUrl, multipartBody(await good(), { content: 'a', filename: 'a.txt' })),
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
      [
        ['ProposedSize', '1'],
        ['MinSizeAllowed', '5'],
      ],
    )
  })

  it('row 22: no file field', async () => {
    await expectError(
      await post(h.bucketUrl, multipartBody(await good())),
      400,
      'InvalidArgument',
      'POST requires exactly one file upload per request.',
      [
        ['ArgumentName', 'file'],
        ['ArgumentValue', '0'],
      ],
    )
  })

  it('row 23: no key, or the key after the file', async () => {
    const fields = withField(await good(), 'key', undefined)
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidArgument',
      missingMessage('key'),
      missing('key'),
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE, [['key', 'user/a.txt']])),
      400,
      'InvalidArgument',
      missingMessage('key'),
      missing('key'),
    )
  })

  it('row 24: the policy bucket is not the URL bucket', async () => {
    const fields = await signedForm(
      [{ bucket: 'another-bucket' }, ['starts-with', '$key', 'user/']],
      [['key', 'user/a.txt']],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'AccessDenied',
      failed('["eq", "$bucket", "another-bucket"]'),
    )
  })

  it('row 25: a body that is not multipart/form-data', async () => {
    await expectError(
      await post(h.bucketUrl, 'key=user/a.txt', 'application/x-www-form-urlencoded'),
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      [['Condition', 'Bucket POST must be of the enclosure-type multipart/form-data']],
    )
  })

  it('row 26: an unknown access key', async () => {
    const fields = (await good()).map(
      ([n, v]) =>
        [
          n,
          n === 'x-amz-credential' ? v.replace('AKIAIOSFODNN7EXAMPLE', 'AKIAUNKNOWNKEY000000') : v,
        ] as const,
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      [['AWSAccessKeyId', 'AKIAUNKNOWNKEY000000']],
    )
  })

  it('row 27: credential region is not the bucket region', async () => {
    const fields = (await good()).map(
      ([n, v]) => [n, n === 'x-amz-credential' ? v.replace('eu-central-1', 'us-east-1') : v] as const,
    )
    const credential = fields.find(([n]) => n === 'x-amz-credential')?.[1] ?? ''
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidArgument',
      "the region 'us-east-1' is wrong; expecting 'eu-central-1'",
      [
        ['ArgumentName', 'X-Amz-Credential'],
        ['ArgumentValue', credential],
        ['Region', 'eu-central-1'],
      ],
    )
  })

  it('row 28: fields before the file over 20480 bytes', async () => {
    const fields = [...(await good()), ['x-ignore-padding', 'x'.repeat(20_000)] as const]
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'MaxPostPreDataLengthExceeded',
      'Your POST request fields preceeding the upload file was too large.',
      [['MaxPostPreDataLengthBytes', '20480']],
    )
  })

  it('row 29: multipart without boundary, or unparsable', async () => {
    const message = 'The body of your POST request is not well-formed multipart/form-data.'
    await expectError(
      await post(h.bucketUrl, 'x', 'multipart/form-data'),
      400,
      'MalformedPOSTRequest',
      message,
    )
    const body = multipartBody(await good(), FILE)
    await expectError(
      await post(h.bucketUrl, body.subarray(0, body.length - 30)),
      400,
      'MalformedPOSTRequest',
      message,
    )
    const badHeader = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition form-data name=key\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
    )
    await expectError(await post(h.bucketUrl, badHeader), 400, 'MalformedPOSTRequest', message)
  })

  it('row 30: an invalid x-amz-storage-class', async () => {
    const fields = await signedForm(
      [...CONDITIONS, { 'x-amz-storage-class': 'CHEAP' }],
      [
        ['key', 'user/a.txt'],
        ['x-amz-storage-class', 'CHEAP'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'InvalidStorageClass',
      'The storage class you specified is not valid',
      [['StorageClassRequested', 'CHEAP']],
    )
  })

  it('row 31: tagging that is not XML', async () => {
    const fields = await signedForm(
      [...CONDITIONS, ['starts-with', '$tagging', '']],
      [
        ['key', 'user/a.txt'],
        ['tagging', 'color=blue'],
      ],
    )
    await expectError(
      await post(h.bucketUrl, multipartBody(fields, FILE)),
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    )
  })
})
