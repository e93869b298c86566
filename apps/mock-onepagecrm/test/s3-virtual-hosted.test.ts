import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { createPresignedPost } from '@crmkit/s3-post-policy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presignGetObjectUrl } from '../src/s3/domain/presign-url.js'
import { ACCESS_KEY_ID, BUCKET, REGION, SECRET, T0 } from './helpers.js'
import { createS3AppHarness, type S3AppHarness } from './s3-app-harness.js'

// Virtual-hosted-style requests (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html):
// the bucket in the Host, the key the whole path. The AWS SDK v3 addresses buckets this way unless told
// `forcePathStyle`; here it signs for the real `<bucket>.s3.<region>.amazonaws.com` and each signed request
// is replayed through `app.request()` with that Host, so the signature covers the Host as sent.

const HOST = `${BUCKET}.s3.${REGION}.amazonaws.com`

interface Signed {
  readonly method: string
  readonly hostname: string
  readonly path: string
  readonly query: Record<string, string | string[] | null>
  readonly headers: Record<string, string>
  readonly body: unknown
}

class Captured extends Error {}

let h: S3AppHarness
let client: S3Client
const captured: Signed[] = []
beforeAll(async () => {
  h = await createS3AppHarness()
  client = new S3Client({
    region: REGION,
    maxAttempts: 1,
    systemClockOffset: T0.getTime() - Date.now(),
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: async (request: Signed) => {
        captured.push({ ...request, headers: { ...request.headers } })
        throw new Captured()
      },
    },
  })
})
afterAll(async () => {
  client.destroy()
  await h.close()
})

/** Sends `command` as the SDK signs it, to the Host it signed for. */
async function send(command: object): Promise<Response> {
  await client.send(command as never).catch((error: unknown) => {
    if (!(error instanceof Captured)) throw error
  })
  const request = captured.pop()
  if (request === undefined) throw new Error('the SDK sent nothing')
  const search = new URLSearchParams(
    Object.entries(request.query).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((one): [string, string] => [name, one]),
    ),
  ).toString()
  const headers = { ...request.headers }
  delete headers.host
  const body = request.body as string | Uint8Array | undefined
  return h.app.request(`https://${request.hostname}${request.path}${search === '' ? '' : `?${search}`}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
  })
}

describe('the S3 emulator addressed virtual-hosted style', () => {
  it('the SDK addresses the bucket by Host, as it does for real S3', async () => {
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'a.txt' })).catch(() => {})
    expect(captured.pop()).toMatchObject({ hostname: HOST, path: '/a.txt' })
  })

  it('PutObject, GetObject, HeadObject, ListObjectsV2 and DeleteObject, header-signed for the Host as sent', async () => {
    const put = await send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'docs/v h.txt',
        Body: 'hello virtual host',
        ContentType: 'text/plain',
      }),
    )
    expect(put.status).toBe(200)
    expect(await h.store.head(BUCKET, 'docs/v h.txt')).toMatchObject({ size: 18 })

    const got = await send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/v h.txt' }))
    expect(got.status).toBe(200)
    expect(await got.text()).toBe('hello virtual host')

    const head = await send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/v h.txt' }))
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('18')

    const list = await send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'docs/' }))
    expect(list.status).toBe(200)
    const xml = await list.text()
    expect(xml).toContain(`<Name>${BUCKET}</Name>`)
    expect(xml).toContain('<Key>docs/v h.txt</Key>')

    const deleted = await send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'docs/v h.txt' }))
    expect(deleted.status).toBe(204)
    expect(await h.store.head(BUCKET, 'docs/v h.txt')).toBeUndefined()
  })

  it('a signature made for the path-style address does not pass on the virtual-hosted one', async () => {
    await h.put('signed.txt', 'x')
    const pathStyle = new S3Client({
      region: REGION,
      forcePathStyle: true,
      maxAttempts: 1,
      systemClockOffset: T0.getTime() - Date.now(),
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      requestHandler: {
        handle: async (request: Signed) => {
          captured.push({ ...request, headers: { ...request.headers } })
          throw new Captured()
        },
      },
    })
    await pathStyle.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' })).catch(() => {})
    pathStyle.destroy()
    const request = captured.pop() as Signed
    expect(request.path).toBe(`/${BUCKET}/signed.txt`)
    const headers = { ...request.headers }
    delete headers.host
    const answer = await h.app.request(`https://${HOST}/signed.txt`, { headers })
    expect(answer.status).toBe(403)
    expect(await answer.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })

  it("a pre-signed GET link for the virtual-hosted URL, the SDK's and the emulator's own", async () => {
    await h.put('linked.txt', 'linked')
    const sdkLink = await getSignedUrl(
      new S3Client({
        region: REGION,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      }),
      new GetObjectCommand({ Bucket: BUCKET, Key: 'linked.txt' }),
      { expiresIn: 600, signingDate: T0 },
    )
    expect(new URL(sdkLink).host).toBe(HOST)
    const own = await presignGetObjectUrl({
      endpoint: `https://${HOST}`,
      bucket: BUCKET,
      key: 'linked.txt',
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      now: T0,
      expiresIn: 600,
      addressing: 'virtual-hosted',
    })
    expect(own.startsWith(`https://${HOST}/linked.txt?`)).toBe(true)
    for (const link of [sdkLink, own]) {
      const answer = await h.app.request(link)
      expect(answer.status, link).toBe(200)
      expect(await answer.text()).toBe('linked')
    }
  })

  it("a browser POST form to https://<bucket>.s3.<region>.amazonaws.com/ stores under the Host's bucket", async () => {
    const { fields } = await createPresignedPost({
      bucket: BUCKET,
      key: 'forms/${filename}',
      region: REGION,
      now: T0,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      fields: { success_action_status: '201' },
    })
    const form = new FormData()
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    form.append('file', new Blob(['posted']), 'p.txt')
    const answer = await h.app.request(`https://${HOST}/`, { method: 'POST', body: form })
    expect(answer.status).toBe(201)
    expect(answer.headers.get('location')).toBe(`https://${HOST}/forms%2Fp.txt`)
    expect(await answer.text()).toContain(`<Bucket>${BUCKET}</Bucket>`)
    expect(await h.store.head(BUCKET, 'forms/p.txt')).toMatchObject({ size: 6 })
  })

  it('a Host naming a bucket the emulator does not have is NoSuchBucket, whatever the path says', async () => {
    const answer = await h.app.request(`https://other-bucket.s3.${REGION}.amazonaws.com/${BUCKET}/linked.txt`)
    expect(answer.status).toBe(404)
    expect(await answer.text()).toContain('<Code>NoSuchBucket</Code>')
  })

  it('the endpoint itself stays path-style: https://s3.<region>.amazonaws.com/<bucket>/<key>', async () => {
    await h.put('plain.txt', 'plain')
    const link = await presignGetObjectUrl({
      endpoint: `https://s3.${REGION}.amazonaws.com`,
      bucket: BUCKET,
      key: 'plain.txt',
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
      now: T0,
      expiresIn: 600,
    })
    const answer = await h.app.request(link)
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe('plain')
  })
})
