import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { describe, expect, test } from 'vitest'
import { authorization, type QueryPair, queryString } from '../src/sigv4.js'

// The fuzz suite's own SigV4 header signer (src/sigv4.ts) signs every header-signed case: here it is held to
// the AWS SDK's signatures (@aws-sdk/client-s3, whose @smithy/signature-v4 the emulator is checked against
// elsewhere), over the very requests the SDK builds, so that a signing slip of the fuzzer's cannot pass for
// an emulator defect (or hide one).

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
const region = 'eu-central-1'

interface Captured {
  method: string
  path: string
  query: Record<string, string | string[] | null>
  headers: Record<string, string>
}

/** The request the SDK signed, taken from a handler that never sends it. */
async function signedBySdk(send: (client: S3Client) => Promise<unknown>): Promise<Captured> {
  let captured: Captured | undefined
  const client = new S3Client({
    region,
    endpoint: 'http://127.0.0.1:4569',
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: Captured) => {
        captured = request
        throw new Error('captured')
      },
    },
  })
  await send(client).catch(() => undefined)
  client.destroy()
  if (captured === undefined) throw new Error('the SDK sent nothing')
  return captured
}

async function compare(send: (client: S3Client) => Promise<unknown>): Promise<void> {
  const request = await signedBySdk(send)
  const sdk = request.headers.authorization as string
  const signed = /SignedHeaders=([^,]+)/.exec(sdk)?.[1]?.split(';') ?? []
  const pairs: QueryPair[] = Object.entries(request.query).flatMap(([name, value]) =>
    value === null
      ? [[name, null] as QueryPair]
      : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as QueryPair),
  )
  const amzDate = request.headers['x-amz-date'] as string
  const now = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  )
  const headers = Object.entries(request.headers).filter(([name]) => name !== 'authorization') as Array<
    [string, string]
  >
  const ours = await authorization(
    { method: request.method, path: request.path, query: queryString(pairs), headers },
    {
      credentials,
      region,
      now,
      payloadHash: request.headers['x-amz-content-sha256'] as string,
      signedHeaders: signed,
    },
  )
  expect(ours).toBe(sdk)
}

describe('the fuzz signer signs as the AWS SDK does', () => {
  const Bucket = 'onepagecrm-up-eu-central-1'
  test('PutObject: a key with spaces, unicode and reserved characters, metadata, a content type', async () => {
    await compare((client) =>
      client.send(
        new PutObjectCommand({
          Bucket,
          Key: "dir/a b/ü(1)!*'~.txt",
          Body: Buffer.from('hello'),
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { note: 'a  b', other: 'x' },
          CacheControl: 'max-age=60',
        }),
      ),
    )
  })
  test('GetObject and HeadObject with conditions and a range', async () => {
    await compare((client) =>
      client.send(
        new GetObjectCommand({ Bucket, Key: 'a/../b/%2F', Range: 'bytes=0-1', IfNoneMatch: '"x"' }),
      ),
    )
    await compare((client) => client.send(new HeadObjectCommand({ Bucket, Key: 'k' })))
  })
  test('DeleteObject', async () => {
    await compare((client) => client.send(new DeleteObjectCommand({ Bucket, Key: 'del/🙂 x' })))
  })
  test('ListObjectsV2 with every parameter', async () => {
    await compare((client) =>
      client.send(
        new ListObjectsV2Command({
          Bucket,
          Prefix: 'ls/a b+c',
          Delimiter: '/',
          MaxKeys: 7,
          StartAfter: 'ls/é',
          ContinuationToken: 'WyJscy9hIix0cnVlXQ==',
          EncodingType: 'url',
          FetchOwner: true,
        }),
      ),
    )
  })
})
