import { request as httpRequest } from 'node:http'
import { Readable } from 'node:stream'
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKET, parseErrorXml, startHarness, tempFiles } from './helpers.js'
import { createS3AppHarness, type S3AppHarness } from './s3-app-harness.js'
import { capturingClient, replay } from './s3-sdk-request.js'

// PutObject bodies and ListObjectsV2 XML through app.request(), from requests the AWS SDK signed.

let h: S3AppHarness
const sdk = capturingClient()
beforeAll(async () => {
  h = await createS3AppHarness()
})
afterAll(async () => {
  sdk.client.destroy()
  await h.close()
})

const errorOf = async (response: Response) => ({
  status: response.status,
  ...parseErrorXml(await response.text()),
})

describe('PutObject bodies', () => {
  it('refuses a body that is not the one signed and a short body; stores nothing', async () => {
    const put = await sdk.capture(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'body.txt', Body: 'signed body' }),
    )
    expect((await replay(h.app, put, () => {}, { body: 'signed body' })).status).toBe(200)
    expect(await errorOf(await replay(h.app, put, () => {}, { body: 'other  body' }))).toMatchObject({
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      details: [
        ['ClientComputedContentSHA256', put.headers['x-amz-content-sha256']],
        ['S3ComputedContentSHA256', expect.stringMatching(/^[0-9a-f]{64}$/)],
      ],
    })
    expect(await errorOf(await replay(h.app, put, () => {}, { body: 'signed' }))).toMatchObject({
      status: 400,
      code: 'IncompleteBody',
      details: [
        ['NumberBytesExpected', '11'],
        ['NumberBytesProvided', '6'],
      ],
    })
    expect(h.store.pendingUploads()).toBe(0)
  })

  it('decodes aws-chunked bodies, and refuses broken framing, a missing trailer and signed chunks', async () => {
    const streamed = await sdk.capture(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'chunked.txt',
        Body: Readable.from([Buffer.from('hello')]),
        ContentLength: 5,
      }),
    )
    expect(streamed.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER')
    const good = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n'
    expect((await replay(h.app, streamed, () => {}, { body: good })).status).toBe(200)
    expect(await (await h.app.request(await h.link('chunked.txt'))).text()).toBe('hello')
    for (const [body, code] of [
      ['5\r\nhel', 'IncompleteBody'],
      ['zz\r\nhello\r\n0\r\n\r\n', 'IncompleteBody'],
      ['5\r\nhelloXX\r\n0\r\n\r\n', 'IncompleteBody'],
      [`${'f'.repeat(5000)}\r\n`, 'IncompleteBody'],
      ['6\r\nhello!\r\n0\r\n\r\n', 'IncompleteBody'],
      ['5\r\nhello\r\n0\r\n\r\n', 'MalformedTrailerError'],
      ['5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n', 'BadDigest'],
    ] as const) {
      expect(
        (await errorOf(await replay(h.app, streamed, () => {}, { body }))).code,
        JSON.stringify(body),
      ).toBe(code)
    }
    const signedChunks = await replay(
      h.app,
      streamed,
      (headers) => {
        headers['x-amz-content-sha256'] = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
      },
      { body: good },
    )
    // The header is signed, so the signature fails first: S3 would check it before the body too.
    expect(signedChunks.status).toBe(403)
    expect(h.store.pendingUploads()).toBe(0)
  })
})

describe('ListObjectsV2 XML', () => {
  it('writes ListBucketResult as S3 does: namespace, element order, quoted ETags as entities', async () => {
    await h.put('xml/a"<&>', 'x')
    await h.put('xml/sub/b', 'yy')
    const list = await sdk.capture(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'xml/', Delimiter: '/', MaxKeys: 5 }),
    )
    const response = await replay(h.app, list)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml')
    expect(response.headers.get('x-amz-bucket-region')).toBe('eu-central-1')
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${BUCKET}</Name><Prefix>xml/</Prefix>` +
        '<KeyCount>2</KeyCount><MaxKeys>5</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>' +
        '<Contents><Key>xml/a&quot;&lt;&amp;&gt;</Key><LastModified>2026-03-01T12:00:00.000Z</LastModified>' +
        '<ETag>&quot;9dd4e461268c8034f5c8564e155c67a6&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>' +
        '<CommonPrefixes><Prefix>xml/sub/</Prefix></CommonPrefixes></ListBucketResult>',
    )
  })
})

describe('PutObject over a socket', () => {
  it('answers a broken aws-chunked body with S3 XML, not a reset, and keeps nothing', async () => {
    const socketed = await startHarness()
    try {
      const streamed = await sdk.capture(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'broken.txt',
          Body: Readable.from([Buffer.from('x')]),
          ContentLength: 1,
        }),
      )
      const { hostname, port } = new URL(socketed.s3.endpoint)
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        // The SDK signed the host `s3.test`; the emulator reads Host from the request.
        const put = httpRequest(
          {
            host: hostname,
            port,
            method: 'PUT',
            path: `${streamed.path}?x-id=PutObject`,
            headers: streamed.headers,
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            )
          },
        )
        put.on('error', reject)
        put.write('zz\r\n')
        // More of the body after the refusal: drained, not a reset.
        setTimeout(() => put.end('x'.repeat(100_000)), 50)
      })
      expect(answer.status).toBe(400)
      expect(parseErrorXml(answer.body).code).toBe('IncompleteBody')
      expect(await socketed.s3.store.head(BUCKET, 'broken.txt')).toBeUndefined()
      expect(tempFiles(socketed)).toEqual([])
    } finally {
      await socketed.s3.close()
    }
  })
})

/** Sends a captured request over the socket with `headers`, writing `body` then ending or destroying it. */
function sendRaw(
  endpoint: string,
  request: { path: string },
  headers: Record<string, string | string[]>,
  body: { write: string; finish: 'end' | 'destroy'; afterMs?: number },
): Promise<{ status: number; body: string } | 'gone'> {
  const { hostname, port } = new URL(endpoint)
  return new Promise((resolve) => {
    const put = httpRequest(
      { host: hostname, port, method: 'PUT', path: `${request.path}?x-id=PutObject`, headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        )
      },
    )
    put.on('error', () => resolve('gone'))
    put.write(body.write)
    if (body.finish === 'end') put.end()
    else setTimeout(() => put.destroy(), body.afterMs ?? 0)
  })
}

describe('PutObject clients that misbehave, over a socket', () => {
  it('survives clients that go away mid-body, at every point of the check, and keeps nothing', async () => {
    const socketed = await startHarness()
    try {
      const put = await sdk.capture(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'gone.txt', Body: 'x'.repeat(100_000) }),
      )
      // Gone while the signature is still being checked, and after a refusal nothing reads the body of:
      // neither may take the process down (an 'error' event with no listener would).
      const refused = { ...put.headers, 'x-amz-server-side-encryption': 'aws:kms' }
      for (let round = 0; round < 20; round++) {
        expect(
          await sendRaw(socketed.s3.endpoint, put, put.headers, {
            write: 'x'.repeat(10),
            finish: 'destroy',
            afterMs: round % 5,
          }),
        ).toBe('gone')
        await sendRaw(socketed.s3.endpoint, put, refused, {
          write: 'x',
          finish: 'destroy',
          afterMs: round % 5,
        })
      }
      const health = await fetch(`${socketed.s3.endpoint}/__admin/health`)
      expect(health.status).toBe(200)
      expect(await socketed.s3.store.head(BUCKET, 'gone.txt')).toBeUndefined()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(tempFiles(socketed)).toEqual([])
    } finally {
      await socketed.s3.close()
    }
  })

  it('reads a signed header sent twice as SigV4 signs it, its values joined by a comma', async () => {
    const socketed = await startHarness()
    try {
      const put = await sdk.capture(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'twice.txt',
          Body: 'twice',
          Metadata: { twice: 'one,two' },
        }),
      )
      const { 'x-amz-meta-twice': _joined, ...rest } = put.headers
      const answer = await sendRaw(
        socketed.s3.endpoint,
        put,
        { ...rest, 'x-amz-meta-twice': ['one', 'two'] },
        { write: 'twice', finish: 'end' },
      )
      expect(answer).toMatchObject({ status: 200 })
      expect(await socketed.s3.store.head(BUCKET, 'twice.txt')).toMatchObject({ size: 5 })
    } finally {
      await socketed.s3.close()
    }
  })
})
