import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectAclCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_KEY_ID, BUCKET, type Harness, REGION, SECRET, startHarness, tempFiles } from './helpers.js'

// The AWS SDK v3's own PutObject, ListObjectsV2 and DeleteObject, unchanged, over a real socket: header-signed
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html), bodies streamed as the SDK
// sends them (a buffer signed with its SHA-256, a stream as aws-chunked with a CRC32 trailer). The SDK signs
// with the real clock, so the emulator runs on it.

let h: Harness
let client: S3Client
const sdk = (options: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) =>
  new S3Client({
    region: REGION,
    endpoint: h.s3.endpoint,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    ...options,
  })
beforeAll(async () => {
  h = await startHarness({ clock: () => new Date() })
  client = sdk()
})
afterAll(async () => {
  client.destroy()
  await h.s3.close()
})

const bytes = (size: number, seed = 7) => {
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed) & 0xff
  return data
}
const md5 = (data: Buffer) => createHash('md5').update(data).digest()
const read = async (key: string) => {
  const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return Buffer.from(
    await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  )
}
const refusal = (send: Promise<unknown>) =>
  send.then(
    () => undefined,
    (error: Record<string, unknown>) => error,
  )

describe('PutObject', () => {
  it('stores a buffer with its metadata, headers and CRC32, answers the MD5 ETag, reads it back', async () => {
    const content = bytes(70_000)
    const put = await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'put/a b.bin',
        Body: content,
        ContentType: 'application/x-put',
        ContentDisposition: 'attachment; filename="a b.bin"',
        ContentLanguage: 'de',
        CacheControl: 'no-cache',
        // Node writes a header's characters as single bytes, so non-ASCII metadata goes RFC 2047-encoded.
        Metadata: { origin: 'sdk', note: '=?UTF-8?B?Z3LDvMOfZQ==?=' },
        Tagging: 'project=crm&stage=test',
        ContentMD5: md5(content).toString('base64'),
      }),
    )
    expect(put.ETag).toBe(`"${md5(content).toString('hex')}"`)
    expect(put.ServerSideEncryption).toBe('AES256')
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/)
    expect((await read('put/a b.bin')).equals(content)).toBe(true)
    const head = await client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'put/a b.bin', ChecksumMode: 'ENABLED' }),
    )
    expect(head).toMatchObject({
      ContentType: 'application/x-put',
      ContentDisposition: 'attachment; filename="a b.bin"',
      ContentLanguage: 'de',
      CacheControl: 'no-cache',
      ContentLength: 70_000,
      ChecksumCRC32: put.ChecksumCRC32,
      // An encoded-word is stored decoded and answered RFC 2047-encoded, as S3 does.
      Metadata: { origin: 'sdk', note: '=?UTF-8?Q?gr=C3=BC=C3=9Fe?=' },
    })
    expect((await h.s3.store.head(BUCKET, 'put/a b.bin'))?.metadata).toEqual({ origin: 'sdk', note: 'grüße' })
    expect((await h.s3.store.head(BUCKET, 'put/a b.bin'))?.tags).toEqual([
      { key: 'project', value: 'crm' },
      { key: 'stage', value: 'test' },
    ])
  })

  it('stores a stream sent aws-chunked with a CRC32 trailer, and the SDK verifies the checksum on GET', async () => {
    const parts = [bytes(100_000, 1), bytes(3, 2), bytes(65_536, 3)]
    const content = Buffer.concat(parts)
    const put = await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'put/stream.bin',
        Body: Readable.from(parts),
        ContentLength: content.length,
      }),
    )
    expect(put.ETag).toBe(`"${md5(content).toString('hex')}"`)
    expect((await read('put/stream.bin')).equals(content)).toBe(true)
    // With the checksum answered, the SDK checks the bytes it reads against it.
    const got = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'put/stream.bin', ChecksumMode: 'ENABLED' }),
    )
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32)
    expect(
      Buffer.from(
        await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      ).equals(content),
    ).toBe(true)
    expect(tempFiles(h)).toEqual([])
  })

  it('refuses a wrong Content-MD5 with BadDigest and a malformed one with InvalidDigest, storing nothing', async () => {
    const content = bytes(1000)
    const wrong = await refusal(
      client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'put/bad.bin',
          Body: content,
          ContentMD5: md5(bytes(10)).toString('base64'),
        }),
      ),
    )
    expect(wrong).toMatchObject({
      name: 'BadDigest',
      message: 'The Content-MD5 you specified did not match what we received.',
      $metadata: { httpStatusCode: 400 },
    })
    const malformed = await refusal(
      client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'put/bad.bin', Body: content, ContentMD5: 'abc' }),
      ),
    )
    expect(malformed).toMatchObject({ name: 'InvalidDigest', $metadata: { httpStatusCode: 400 } })
    const crc = await refusal(
      client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'put/bad.bin',
          Body: content,
          ChecksumCRC32: 'AAAAAA==',
        }),
      ),
    )
    expect(crc).toMatchObject({
      name: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    })
    expect(await h.s3.store.head(BUCKET, 'put/bad.bin')).toBeUndefined()
    expect(tempFiles(h)).toEqual([])
  })

  it('honours If-None-Match: * and If-Match as the object is replaced', async () => {
    const first = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'put/cond.txt', Body: 'one', IfNoneMatch: '*' }),
    )
    expect(
      await refusal(
        client.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: 'put/cond.txt', Body: 'two', IfNoneMatch: '*' }),
        ),
      ),
    ).toMatchObject({
      name: 'PreconditionFailed',
      Condition: 'If-None-Match',
      $metadata: { httpStatusCode: 412 },
    })
    expect(
      await refusal(
        client.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: 'put/cond.txt', Body: 'two', IfMatch: '"0"' }),
        ),
      ),
    ).toMatchObject({ name: 'PreconditionFailed', Condition: 'If-Match' })
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'put/cond.txt', Body: 'three', IfMatch: first.ETag }),
    )
    expect((await read('put/cond.txt')).toString()).toBe('three')
    expect(
      await refusal(
        client.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: 'put/none.txt', Body: 'x', IfMatch: first.ETag }),
        ),
      ),
    ).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })
    expect(tempFiles(h)).toEqual([])
  })

  it('refuses what it does not emulate with NotImplemented naming it, storing nothing', async () => {
    for (const [input, named] of [
      [{ ServerSideEncryption: 'aws:kms' as const }, 'x-amz-server-side-encryption'],
      [{ WebsiteRedirectLocation: '/elsewhere' }, 'x-amz-website-redirect-location'],
      [{ GrantRead: 'id="abc"' }, 'x-amz-grant-read'],
      [{ ObjectLockLegalHoldStatus: 'ON' as const }, 'x-amz-object-lock-legal-hold'],
      [{ ChecksumAlgorithm: 'CRC32C' as const }, 'x-amz-checksum-crc32c'],
    ] as const) {
      const error = await refusal(
        client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'put/no.txt', Body: 'x', ...input })),
      )
      expect(error, named).toMatchObject({
        name: 'NotImplemented',
        Header: named,
        $metadata: { httpStatusCode: 501 },
      })
      expect(String((error as { message: string }).message)).toContain('is not emulated by crmkit')
    }
    // AES256 is what every object is: taken.
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'put/aes.txt', Body: 'x', ServerSideEncryption: 'AES256' }),
    )
    expect(await h.s3.store.head(BUCKET, 'put/no.txt')).toBeUndefined()
  })

  it('takes a pre-signed PUT (getSignedUrl), and refuses the SDK default that signs the CRC32 of no bytes, as S3 does', async () => {
    const plain = sdk({ requestChecksumCalculation: 'WHEN_REQUIRED' })
    const link = await getSignedUrl(
      plain,
      new PutObjectCommand({ Bucket: BUCKET, Key: 'put/presigned.txt' }),
      { expiresIn: 300 },
    )
    plain.destroy()
    const stored = await fetch(link, { method: 'PUT', body: 'presigned body' })
    expect(stored.status).toBe(200)
    expect(stored.headers.get('etag')).toBe(`"${createHash('md5').update('presigned body').digest('hex')}"`)
    expect((await read('put/presigned.txt')).toString()).toBe('presigned body')
    // A body of unknown length (chunked transfer) is not taken.
    const chunked = await fetch(link, {
      method: 'PUT',
      body: Readable.toWeb(Readable.from([Buffer.from('no length')])) as ReadableStream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(411)
    expect(await chunked.text()).toContain('<Code>MissingContentLength</Code>')
    // https://github.com/aws/aws-sdk-js-v3/issues/6994: x-amz-checksum-crc32=AAAAAA== in the link.
    const defaulted = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: BUCKET, Key: 'put/presigned-2.txt' }),
    )
    expect(defaulted).toContain('x-amz-checksum-crc32=AAAAAA%3D%3D')
    const refused = await fetch(defaulted, { method: 'PUT', body: 'presigned body' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain(
      '<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>',
    )
    expect(await h.s3.store.head(BUCKET, 'put/presigned-2.txt')).toBeUndefined()
  })
})

describe('ListObjectsV2', () => {
  const keys = ['list/a', 'list/b/1', 'list/b/2', 'list/c', 'list/d/1', 'list/e', 'list/é']
  beforeAll(async () => {
    for (const key of keys) await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }))
  })

  it('lists by prefix in UTF-8 byte order, with sizes and ETags', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' }))
    expect(listed.Contents?.map((object) => object.Key)).toEqual(keys)
    expect(listed).toMatchObject({
      KeyCount: 7,
      MaxKeys: 1000,
      IsTruncated: false,
      Prefix: 'list/',
      Name: BUCKET,
    })
    expect(listed.Contents?.[0]).toMatchObject({
      Size: 6,
      StorageClass: 'STANDARD',
      ETag: `"${createHash('md5').update('list/a').digest('hex')}"`,
    })
  })

  it('rolls keys up by delimiter and pages through with continuation tokens, max-keys counting prefixes', async () => {
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: 'list/',
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      )
      pages++
      seen.push(
        ...(page.Contents ?? []).map((o) => o.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      )
      expect(page.KeyCount).toBeLessThanOrEqual(2)
      token = page.NextContinuationToken
      expect(page.IsTruncated).toBe(token !== undefined)
    } while (token !== undefined)
    expect(seen.sort()).toEqual(['list/a', 'list/b/', 'list/c', 'list/d/', 'list/e', 'list/é'])
    expect(pages).toBe(3)
  })

  it('starts after a key, fetches owners, url-encodes on request', async () => {
    const after = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', StartAfter: 'list/c', FetchOwner: true }),
    )
    expect(after.Contents?.map((o) => o.Key)).toEqual(['list/d/1', 'list/e', 'list/é'])
    expect(after.StartAfter).toBe('list/c')
    expect(after.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/)
    const encoded = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/é', EncodingType: 'url' }),
    )
    // The SDK v3 hands url-encoded keys back as S3 wrote them.
    expect(encoded.Contents?.map((o) => o.Key)).toEqual(['list/%C3%A9'])
    expect(encoded.EncodingType).toBe('url')
  })

  it('refuses a bad max-keys and a token it did not write, and ListObjects version 1', async () => {
    expect(
      await refusal(client.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'nope' }))),
    ).toMatchObject({
      name: 'InvalidArgument',
      message: 'The continuation token provided is incorrect',
    })
    expect(await refusal(client.send(new ListObjectsCommand({ Bucket: BUCKET })))).toMatchObject({
      name: 'NotImplemented',
      $metadata: { httpStatusCode: 501 },
    })
    expect(await refusal(client.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })))).toMatchObject({
      name: 'NoSuchBucket',
    })
  })
})

describe('DeleteObject', () => {
  it('deletes, answers 204, and answers 204 again for a key that is gone', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'delete/me.txt', Body: 'x' }))
    const first = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'delete/me.txt' }))
    expect(first.$metadata.httpStatusCode).toBe(204)
    expect(await h.s3.store.head(BUCKET, 'delete/me.txt')).toBeUndefined()
    const again = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'delete/me.txt' }))
    expect(again.$metadata.httpStatusCode).toBe(204)
    expect(
      await refusal(
        client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'delete/me.txt', VersionId: 'v1' })),
      ),
    ).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })
  })
})

describe('operations that are not emulated', () => {
  it('answers 501 NotImplemented naming each, and changes nothing', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/src.txt', Body: 'x' }))
    for (const [command, name] of [
      [
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'other/copy.txt',
          CopySource: `${BUCKET}/other/src.txt`,
        }),
        'CopyObject',
      ],
      [new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'other/mpu.bin' }), 'CreateMultipartUpload'],
      [new PutObjectAclCommand({ Bucket: BUCKET, Key: 'other/src.txt', ACL: 'public-read' }), 'PutObjectAcl'],
      [
        new GetObjectCommand({ Bucket: BUCKET, Key: 'other/src.txt', VersionId: 'v1' }),
        'the versionId parameter of GetObject',
      ],
      [
        new GetObjectCommand({ Bucket: BUCKET, Key: 'other/src.txt', PartNumber: 1 }),
        'the partNumber parameter of GetObject',
      ],
      [
        new GetObjectCommand({ Bucket: BUCKET, Key: 'other/src.txt', ExpectedBucketOwner: '123456789012' }),
        'x-amz-expected-bucket-owner',
      ],
    ] as const) {
      const error = await refusal(client.send(command as never))
      expect(error, name).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })
      expect(String((error as { message: string }).message), name).toContain(`${name}`)
    }
    expect(await h.s3.store.head(BUCKET, 'other/copy.txt')).toBeUndefined()
    expect((await h.s3.store.head(BUCKET, 'other/src.txt'))?.acl).toBe('private')
  })
})
