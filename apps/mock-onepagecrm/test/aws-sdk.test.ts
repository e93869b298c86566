import { createHash } from 'node:crypto'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createPresignedPost } from '@aws-sdk/s3-presigned-post'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACCESS_KEY_ID,
  BUCKET,
  type Harness,
  parseErrorXml,
  REGION,
  SECRET,
  startHarness,
  T0,
} from './helpers.js'

// Forms and links made by the AWS SDK for JavaScript v3, unchanged, against the emulator's credentials.
// The SDK signs with the real clock, so the emulator runs on the real clock here.

let h: Harness
let client: S3Client
beforeAll(async () => {
  h = await startHarness({ clock: () => new Date() })
  client = new S3Client({
    region: REGION,
    endpoint: h.s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  })
})
afterAll(async () => {
  client.destroy()
  await h.s3.close()
})

const LIMIT = 64 * 1024
const bytes = (size: number) => {
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff
  return data
}

async function upload(url: string, fields: Record<string, string>, content: Buffer, filename = 'photo.bin') {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('file', new Blob([content]), filename)
  const response = await fetch(url, { method: 'POST', body: form })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

describe('AWS SDK v3 interoperability', () => {
  it('uploads with a createPresignedPost form, refuses one byte over its range, and reads back via getSignedUrl', async () => {
    const { url, fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'sdk/${filename}',
      Conditions: [['content-length-range', 0, LIMIT]],
      Fields: { 'Content-Type': 'application/octet-stream', 'x-amz-meta-origin': 'sdk-test' },
      Expires: 600,
    })
    expect(url).toBe(`${h.s3.endpoint}/${BUCKET}`)
    // The SDK sends capitalised names (X-Amz-Signature, Policy) and a `bucket` field: S3 takes them.
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['bucket', 'Policy', 'X-Amz-Signature']))

    const content = bytes(LIMIT)
    const accepted = await upload(url, fields, content)
    expect(accepted.status).toBe(204)
    const md5 = createHash('md5').update(content).digest('hex')
    expect(accepted.headers.get('etag')).toBe(`"${md5}"`)
    expect(accepted.headers.get('location')).toBe(`${h.s3.endpoint}/${BUCKET}/sdk%2Fphoto.bin`)

    const refused = await upload(url, fields, bytes(LIMIT + 1), 'too-big.bin')
    expect(refused.status).toBe(400)
    expect(parseErrorXml(refused.text)).toMatchObject({
      code: 'EntityTooLarge',
      details: [
        ['ProposedSize', String(LIMIT + 1)],
        ['MaxSizeAllowed', String(LIMIT)],
      ],
    })
    expect(await h.s3.store.head(BUCKET, 'sdk/too-big.bin')).toBeUndefined()

    const link = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'sdk/photo.bin' }), {
      expiresIn: 300,
    })
    const download = await fetch(link)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true)
    expect(download.headers.get('etag')).toBe(`"${md5}"`)
    expect(download.headers.get('content-type')).toBe('application/octet-stream')
    expect(download.headers.get('x-amz-meta-origin')).toBe('sdk-test')

    const head = await getSignedUrl(client, new HeadObjectCommand({ Bucket: BUCKET, Key: 'sdk/photo.bin' }))
    const headed = await fetch(head, { method: 'HEAD' })
    expect(headed.status).toBe(200)
    expect(headed.headers.get('content-length')).toBe(String(LIMIT))

    const ranged = await fetch(link, { headers: { Range: 'bytes=10-19' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-19/${LIMIT}`)
    expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(10, 20))).toBe(true)
  })

  it('refuses a link whose signature was tampered with, and a link for another region', async () => {
    const link = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'sdk/photo.bin' }))
    const tampered = link.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
    )
    const response = await fetch(tampered)
    expect(response.status).toBe(403)
    const xml = parseErrorXml(await response.text())
    expect(xml.code).toBe('SignatureDoesNotMatch')
    expect(xml.details.map(([name]) => name)).toEqual([
      'AWSAccessKeyId',
      'StringToSign',
      'SignatureProvided',
      'StringToSignBytes',
      'CanonicalRequest',
      'CanonicalRequestBytes',
    ])

    const other = new S3Client({
      region: 'us-east-1',
      endpoint: h.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    })
    const wrongRegion = await fetch(
      await getSignedUrl(other, new GetObjectCommand({ Bucket: BUCKET, Key: 'sdk/photo.bin' })),
    )
    other.destroy()
    expect(wrongRegion.status).toBe(400)
    expect(parseErrorXml(await wrongRegion.text())).toMatchObject({
      code: 'AuthorizationQueryParametersError',
    })
  })
})

describe('pre-signed GET on a manual clock', () => {
  it('answers an expired link with AccessDenied "Request has expired"', async () => {
    const timed = await startHarness()
    try {
      const signer = new S3Client({
        region: REGION,
        endpoint: timed.s3.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      })
      const link = await getSignedUrl(signer, new GetObjectCommand({ Bucket: BUCKET, Key: 'missing.txt' }), {
        expiresIn: 60,
        signingDate: T0,
      })
      signer.destroy()
      const fresh = await fetch(link)
      expect(fresh.status).toBe(404)
      expect(parseErrorXml(await fresh.text())).toMatchObject({
        code: 'NoSuchKey',
        details: [['Key', 'missing.txt']],
      })
      timed.clock.advance(61_000)
      const expired = await fetch(link)
      expect(expired.status).toBe(403)
      expect(parseErrorXml(await expired.text())).toMatchObject({
        code: 'AccessDenied',
        message: 'Request has expired',
        details: [
          ['X-Amz-Expires', '60'],
          ['Expires', '2026-03-01T12:01:00Z'],
          ['ServerTime', '2026-03-01T12:01:01Z'],
        ],
      })
      const unsigned = await fetch(`${timed.bucketUrl}/missing.txt`)
      expect(parseErrorXml(await unsigned.text())).toMatchObject({
        code: 'AccessDenied',
        message: 'Access Denied',
      })
    } finally {
      await timed.s3.close()
    }
  })
})

describe('header-signed GetObject and HeadObject (the SDK’s own commands)', () => {
  const key = 'header-signed/é 1.bin'
  const content = bytes(3000)
  const md5 = createHash('md5').update(content).digest('hex')
  beforeAll(async () => {
    const { url, fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Fields: { 'Content-Type': 'application/x-test', 'x-amz-meta-note': 'grüße, 世界' },
      Expires: 600,
    })
    expect((await upload(url, fields, content)).status).toBe(204)
  })

  it('reads the object, a range, and the same headers on GET and HEAD', async () => {
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    expect(
      Buffer.from(
        await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      ).equals(content),
    ).toBe(true)
    expect(got.ETag).toBe(`"${md5}"`)
    expect(got.ContentType).toBe('application/x-test')
    expect(got.ContentLength).toBe(3000)
    // The SDK hands the RFC 2047 word back as S3 sends it.
    expect(got.Metadata).toEqual({ note: '=?UTF-8?Q?gr=C3=BC=C3=9Fe,_=E4=B8=96=E7=95=8C?=' })
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    expect(head.ETag).toBe(got.ETag)
    expect(head.Metadata).toEqual(got.Metadata)
    expect(head.LastModified?.getTime()).toBe(got.LastModified?.getTime())
    const ranged = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=-10' }))
    expect(ranged.ContentRange).toBe('bytes 2990-2999/3000')
    expect(
      Buffer.from(
        await (ranged.Body as { transformToString(e: string): Promise<string> }).transformToString('latin1'),
        'latin1',
      ).equals(content.subarray(2990)),
    ).toBe(true)
  })

  it('answers conditional GET and HEAD as S3 does: 304 and 412 reach the SDK as their statuses', async () => {
    const status = async (send: Promise<unknown>) =>
      send.then(
        () => 200,
        (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
      )
    expect(
      await status(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, IfNoneMatch: `"${md5}"` }))),
    ).toBe(304)
    expect(
      await status(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, IfNoneMatch: `"${md5}"` }))),
    ).toBe(304)
    expect(
      await status(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, IfMatch: '"0"' }))),
    ).toBe(412)
    const failed = await client
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: key, IfMatch: '"0"' }))
      .catch((e: unknown) => e)
    expect(failed).toMatchObject({ name: 'PreconditionFailed', Condition: 'If-Match' })
    const since = new Date(Date.now() + 60_000)
    expect(
      await status(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, IfModifiedSince: since }))),
    ).toBe(304)
    expect(
      await status(
        client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, IfUnmodifiedSince: since })),
      ),
    ).toBe(200)
  })

  it('gives the same header bytes on GET and HEAD, metadata RFC 2047-encoded, over the socket', async () => {
    const [get, head] = await Promise.all(
      (['GET', 'HEAD'] as const).map(async (method) => {
        const command =
          method === 'GET'
            ? new GetObjectCommand({ Bucket: BUCKET, Key: key })
            : new HeadObjectCommand({ Bucket: BUCKET, Key: key })
        return rawResponse(method, await getSignedUrl(client, command, { expiresIn: 60 }))
      }),
    )
    const objectHeaders = (raw: string) =>
      raw
        .split('\r\n')
        .slice(1)
        .filter(
          (line) =>
            !/^(x-amz-request-id|x-amz-id-2|date|connection|keep-alive|transfer-encoding):/i.test(line),
        )
    expect(objectHeaders(head as string)).toEqual(objectHeaders(get as string))
    expect(head).toContain('\r\nx-amz-meta-note: =?UTF-8?Q?gr=C3=BC=C3=9Fe,_=E4=B8=96=E7=95=8C?=\r\n')
  })

  it('refuses a wrong secret, an unknown key, another region and a skewed clock as S3 does', async () => {
    const make = (
      overrides: Partial<{
        secretAccessKey: string
        accessKeyId: string
        region: string
        systemClockOffset: number
      }>,
    ) =>
      new S3Client({
        region: overrides.region ?? REGION,
        endpoint: h.s3.endpoint,
        forcePathStyle: true,
        maxAttempts: 1,
        systemClockOffset: overrides.systemClockOffset ?? 0,
        credentials: {
          accessKeyId: overrides.accessKeyId ?? ACCESS_KEY_ID,
          secretAccessKey: overrides.secretAccessKey ?? SECRET,
        },
      })
    const refusal = async (options: Parameters<typeof make>[0]) => {
      const other = make(options)
      try {
        return await other.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })).then(
          () => undefined,
          (error: Record<string, unknown>) => error,
        )
      } finally {
        other.destroy()
      }
    }
    expect(await refusal({ secretAccessKey: 'wrong' })).toMatchObject({
      name: 'SignatureDoesNotMatch',
      AWSAccessKeyId: ACCESS_KEY_ID,
      $metadata: { httpStatusCode: 403 },
    })
    expect(await refusal({ accessKeyId: 'AKIANOSUCHKEY0000000' })).toMatchObject({
      name: 'InvalidAccessKeyId',
      AWSAccessKeyId: 'AKIANOSUCHKEY0000000',
    })
    expect(await refusal({ region: 'us-east-1' })).toMatchObject({
      name: 'AuthorizationHeaderMalformed',
      message:
        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'",
      Region: REGION,
    })
    expect(await refusal({ systemClockOffset: 16 * 60 * 1000 })).toMatchObject({
      name: 'RequestTimeTooSkewed',
      MaxAllowedSkewMilliseconds: '900000',
      $metadata: { httpStatusCode: 403 },
    })
    // Within 15 minutes the request is taken.
    const skewed = make({ systemClockOffset: -14 * 60 * 1000 })
    await expect(skewed.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).resolves.toMatchObject({
      ContentLength: 3000,
    })
    skewed.destroy()
  })
})

/** A raw HTTP/1.1 exchange, to compare header bytes exactly as sent (`fetch` would combine and re-case them). */
async function rawResponse(method: 'GET' | 'HEAD', url: string): Promise<string> {
  const { connect } = await import('node:net')
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname)
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      resolve(text.slice(0, text.indexOf('\r\n\r\n')))
    })
    socket.write(
      `${method} ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`,
    )
  })
}
