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
