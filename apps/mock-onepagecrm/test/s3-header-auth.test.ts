import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_KEY_ID, BUCKET, parseErrorXml, T0 } from './helpers.js'
import { createS3AppHarness, type S3AppHarness } from './s3-app-harness.js'
import { type CapturedRequest, capturingClient, replay } from './s3-sdk-request.js'

// Header-signed SigV4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html):
// requests signed by the real AWS SDK, captured before sending and replayed through app.request(), some
// altered to break one rule each.

let h: S3AppHarness
let get: CapturedRequest
const sdk = capturingClient()
beforeAll(async () => {
  h = await createS3AppHarness()
  await h.put('signed.txt', 'header-signed')
  get = await sdk.capture(new GetObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' }))
})
afterAll(async () => {
  sdk.client.destroy()
  await h.close()
})

async function answer(change: (headers: Record<string, string>) => void, request = get, url?: string) {
  const response = await replay(h.app, request, change, { url })
  return { status: response.status, text: await response.text() }
}

describe('header-signed GET', () => {
  it('reads the object with the SDK’s own signature', async () => {
    expect(await answer(() => {})).toEqual({ status: 200, text: 'header-signed' })
  })

  it('HEAD is its own signed method', async () => {
    const head = await sdk.capture(new HeadObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' }))
    const response = await replay(h.app, head)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('13')
    // A GET signature does not sign a HEAD.
    const swapped = await replay(h.app, { ...get, method: 'HEAD' })
    expect(swapped.status).toBe(403)
  })

  it.each([
    [
      'another scheme',
      (headers: Record<string, string>) => {
        headers.authorization = 'Bearer abc'
      },
      400,
      'InvalidArgument',
      'Unsupported Authorization Type',
    ],
    [
      'SigV2',
      (headers: Record<string, string>) => {
        headers.authorization = `AWS ${ACCESS_KEY_ID}:c2lnbmF0dXJl`
      },
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    ],
    [
      'a missing component',
      (headers: Record<string, string>) => {
        headers.authorization = headers.authorization?.replace(/, Signature=\w+/, '') ?? ''
      },
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.',
    ],
    [
      'a malformed credential',
      (headers: Record<string, string>) => {
        headers.authorization = headers.authorization?.replace('/s3/aws4_request', '/s3') ?? ''
      },
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    ],
    [
      'no x-amz-date',
      (headers: Record<string, string>) => {
        delete headers['x-amz-date']
      },
      403,
      'AccessDenied',
      'AWS authentication requires a valid Date or x-amz-date header',
    ],
    [
      'a credential date that is not the request date',
      (headers: Record<string, string>) => {
        headers['x-amz-date'] = '20260302T000000Z'
      },
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
    ],
    [
      'no x-amz-content-sha256',
      (headers: Record<string, string>) => {
        delete headers['x-amz-content-sha256']
      },
      400,
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    ],
    [
      'an x-amz-content-sha256 that is no hash',
      (headers: Record<string, string>) => {
        headers['x-amz-content-sha256'] = 'abc'
      },
      400,
      'InvalidArgument',
      expect.stringMatching(/^x-amz-content-sha256 must be UNSIGNED-PAYLOAD, /),
    ],
    [
      'an unsigned x-amz-* header',
      (headers: Record<string, string>) => {
        headers['x-amz-extra'] = '1'
      },
      403,
      'AccessDenied',
      'There were headers present in the request which were not signed',
    ],
    [
      'a signed header changed',
      (headers: Record<string, string>) => {
        headers['amz-sdk-request'] = 'attempt=2; max=3'
      },
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ],
  ])('refuses %s', async (_, change, status, code, message) => {
    const refused = await answer(change)
    expect(refused.status).toBe(status)
    expect(parseErrorXml(refused.text)).toMatchObject({ code, message })
  })

  it('names the unsigned headers and gives the canonical request of a mismatch', async () => {
    const unsigned = parseErrorXml(
      (await answer((headers) => Object.assign(headers, { 'x-amz-a': '1', 'X-Amz-B': '2' }))).text,
    )
    expect(unsigned.details).toEqual([['HeadersNotSigned', 'x-amz-a, x-amz-b']])
    const mismatch = parseErrorXml(
      (await answer((headers) => Object.assign(headers, { 'amz-sdk-request': 'x' }))).text,
    )
    expect(mismatch.details.map(([name]) => name)).toEqual([
      'AWSAccessKeyId',
      'StringToSign',
      'SignatureProvided',
      'StringToSignBytes',
      'CanonicalRequest',
      'CanonicalRequestBytes',
    ])
    const canonical = mismatch.details[4]?.[1] ?? ''
    expect(canonical.startsWith(`GET\n/${BUCKET}/signed.txt\nx-id=GetObject\namz-sdk-invocation-id:`)).toBe(
      true,
    )
    expect(canonical).toContain('\namz-sdk-request:x\n')
  })

  it('refuses both an Authorization header and query authentication', async () => {
    const refused = await answer(
      () => {},
      get,
      `http://s3.test/${BUCKET}/signed.txt?x-id=GetObject&X-Amz-Algorithm=AWS4-HMAC-SHA256`,
    )
    expect(refused.status).toBe(400)
    expect(parseErrorXml(refused.text)).toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/^Only one auth mechanism allowed/),
      details: [
        ['ArgumentName', 'Authorization'],
        ['ArgumentValue', get.headers.authorization],
      ],
    })
  })

  it('answers a request more than 15 minutes off the clock with RequestTimeTooSkewed', async () => {
    const late = capturingClient({ signedAt: new Date(T0.getTime() - 15 * 60 * 1000 - 1000) })
    const early = capturingClient({ signedAt: new Date(T0.getTime() + 15 * 60 * 1000) })
    try {
      const stale = await replay(
        h.app,
        await late.capture(new GetObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' })),
      )
      expect(stale.status).toBe(403)
      expect(parseErrorXml(await stale.text())).toMatchObject({
        code: 'RequestTimeTooSkewed',
        message: 'The difference between the request time and the current time is too large.',
        details: [
          ['RequestTime', '20260301T114459Z'],
          ['ServerTime', '2026-03-01T12:00:00Z'],
          ['MaxAllowedSkewMilliseconds', '900000'],
        ],
      })
      // Exactly 15 minutes ahead is still taken.
      const ahead = await replay(
        h.app,
        await early.capture(new GetObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' })),
      )
      expect(ahead.status).toBe(200)
    } finally {
      late.client.destroy()
      early.client.destroy()
    }
  })

  it('answers an anonymous GET with Access Denied', async () => {
    const response = await h.app.request(`http://s3.test/${BUCKET}/signed.txt`)
    expect(response.status).toBe(403)
    expect(parseErrorXml(await response.text())).toMatchObject({
      code: 'AccessDenied',
      message: 'Access Denied',
    })
  })
})
