// Buckets added while the emulator runs: the S3 service's seed (`POST /__admin/seed` on its port), a reset
// back to the configured ones. Through the service's own app (`app.request()`) and once over its admin API.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { createManualClock, createMockHost, createSeededRandom, type MockHost } from '@crmkit/mock-kit'
import { createPresignedPost } from '@crmkit/s3-post-policy'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_HOSTED_BUCKETS } from '../src/s3/domain/hosted-buckets.js'
import type { S3Env } from '../src/s3/http/context.js'
import { createS3Service, type S3Service } from '../src/s3/service.js'
import { ACCESS_KEY_ID, BUCKET, parseErrorXml, REGION, SECRET, startHarness, T0 } from './helpers.js'
import { capturingClient, replay } from './s3-sdk-request.js'

let host: MockHost
let s3: S3Service
let app: Hono<S3Env>
beforeEach(async () => {
  host = createMockHost({ clock: createManualClock(T0), random: createSeededRandom(5) })
  s3 = await createS3Service({}, host.runtime)
  // The service's app is the S3 app (`createS3App`); the host only puts its admin routes in front.
  app = s3.app as Hono<S3Env>
})
afterEach(() => s3.close())

/** A browser upload of `content` to `bucket` (path-style), with a form the emulator's key signs. */
async function upload(bucket: string, key: string, content: string): Promise<Response> {
  const { fields } = await createPresignedPost({
    bucket,
    key,
    region: REGION,
    now: T0,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  })
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('file', new Blob([content]), 'file.txt')
  return app.request(`/${bucket}`, { method: 'POST', body: form })
}

/** The SDK addressing buckets virtual-hosted (its default), each signed request replayed to its Host. */
function virtualHostedClient() {
  let captured: {
    hostname: string
    path: string
    method: string
    query: Record<string, string | string[] | null>
    headers: Record<string, string>
    body: unknown
  }
  const client = new S3Client({
    region: REGION,
    maxAttempts: 1,
    systemClockOffset: T0.getTime() - Date.now(),
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: async (request: typeof captured) => {
        captured = { ...request, headers: { ...request.headers } }
        throw new Captured()
      },
    },
  })
  return {
    client,
    async send(command: object): Promise<Response> {
      await client.send(command as never).catch((error: unknown) => {
        if (!(error instanceof Captured)) throw error
      })
      const { hostname, path, method, query, headers, body } = captured
      delete headers.host
      const search = new URLSearchParams(
        Object.entries(query).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value ?? '']).map((one): [string, string] => [name, one]),
        ),
      ).toString()
      return app.request(`https://${hostname}${path}${search === '' ? '' : `?${search}`}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: body as string }),
      })
    },
  }
}
class Captured extends Error {}

const errorCode = async (response: Response) => parseErrorXml(await response.text()).code

describe('the S3 service seed: buckets added while it runs', () => {
  it('adds the buckets named, which then take POST forms, PutObject, GetObject and ListObjectsV2, path-style and virtual-hosted', async () => {
    expect(await errorCode(await upload('acme-uploads', 'a.txt', 'a'))).toBe('NoSuchBucket')

    expect(await s3.seed({ buckets: ['acme-uploads', 'acme.reports', 'acme-uploads'] })).toEqual({
      ok: true,
      created: { buckets: ['acme-uploads', 'acme.reports'] },
    })
    expect(s3.buckets.list()).toEqual([BUCKET, 'acme-uploads', 'acme.reports'])
    // The configuration stays what the emulator started with: what a reset goes back to.
    expect(s3.config.buckets).toEqual([BUCKET])

    expect((await upload('acme-uploads', 'a.txt', 'from a form')).status).toBe(204)
    const sdk = capturingClient()
    const put = await sdk.capture(new PutObjectCommand({ Bucket: 'acme.reports', Key: 'r.txt', Body: 'put' }))
    expect((await replay(app, put, () => {}, { body: 'put' })).status).toBe(200)
    const get = await replay(
      app,
      await sdk.capture(new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'a.txt' })),
    )
    expect([get.status, await get.text()]).toEqual([200, 'from a form'])
    const list = await replay(app, await sdk.capture(new ListObjectsV2Command({ Bucket: 'acme.reports' })))
    const xml = await list.text()
    expect(xml).toContain('<Name>acme.reports</Name>')
    expect(xml).toContain('<Key>r.txt</Key>')
    sdk.client.destroy()

    const virtual = virtualHostedClient()
    const vput = await virtual.send(
      new PutObjectCommand({ Bucket: 'acme-uploads', Key: 'v.txt', Body: 'vh' }),
    )
    expect(vput.status).toBe(200)
    const vget = await virtual.send(new GetObjectCommand({ Bucket: 'acme-uploads', Key: 'v.txt' }))
    expect(await vget.text()).toBe('vh')
    virtual.client.destroy()

    // The inspector lists the added buckets and their objects like the configured one.
    const inspect = s3.inspect as Required<NonNullable<S3Service['inspect']>>
    const records = await inspect.records(10)
    expect(records?.[0]?.rows).toEqual([
      { bucket: BUCKET, objects: 0, bytes: 0 },
      { bucket: 'acme-uploads', objects: 2, bytes: 13 },
      { bucket: 'acme.reports', objects: 1, bytes: 3 },
    ])
    const files = await inspect.files(10)
    expect(files.files.map((file) => file.id).sort()).toEqual([
      'acme-uploads/a.txt',
      'acme-uploads/v.txt',
      'acme.reports/r.txt',
    ])
    expect(await inspect.openFile('acme.reports/r.txt')).toMatchObject({ size: 3 })
  })

  it('refuses the whole seed when one name breaks S3 naming rules, naming it; nothing is added', async () => {
    for (const [name, why] of [
      ['Acme-Uploads', 'only lower-case letters, digits, dots and hyphens'],
      ['ab', '3 to 63 characters'],
      ['192.168.5.4', 'IP address'],
      ['acme..uploads', 'no two adjacent dots'],
      ['xn--acme', 'the prefix xn--'],
      ['acme-s3alias', 'the suffix -s3alias'],
      ['-acme', 'begins and ends with a letter or digit'],
    ]) {
      const seeded = await s3.seed({ buckets: ['good-bucket', name] })
      expect(seeded, name).toEqual({
        ok: false,
        error: expect.stringContaining(`"${name}" is not a valid S3 bucket name`),
      })
      expect(seeded.ok ? '' : seeded.error, name).toContain(why)
    }
    expect(s3.buckets.list()).toEqual([BUCKET])
    expect(await errorCode(await upload('good-bucket', 'a.txt', 'a'))).toBe('NoSuchBucket')
  })

  it('refuses a document that is not {"buckets": [names]}, naming what it holds instead', async () => {
    expect(await s3.seed({ buckets: 'acme-uploads' })).toEqual({
      ok: false,
      error: expect.stringContaining('"buckets" must be an array of strings'),
    })
    expect(await s3.seed({ buckets: [1] })).toMatchObject({ ok: false })
    expect(await s3.seed({ buckets: ['acme-uploads'], objects: [] })).toEqual({
      ok: false,
      error: expect.stringContaining('it has no field "objects"'),
    })
    expect(await s3.seed([])).toMatchObject({ ok: false })
    expect(s3.buckets.list()).toEqual([BUCKET])
  })

  it(`hosts ${MAX_HOSTED_BUCKETS} buckets at most, the configured ones counted; names hosted already count once`, async () => {
    const names = Array.from({ length: MAX_HOSTED_BUCKETS - 1 }, (_, i) => `bucket-${i}`)
    expect(await s3.seed({ buckets: names })).toMatchObject({ ok: true })
    expect(s3.buckets.list()).toHaveLength(MAX_HOSTED_BUCKETS)
    expect(await s3.seed({ buckets: [BUCKET, 'bucket-0'] })).toEqual({ ok: true, created: { buckets: [] } })
    expect(await s3.seed({ buckets: ['bucket-0', 'one-too-many'] })).toEqual({
      ok: false,
      error: `The S3 emulator hosts ${MAX_HOSTED_BUCKETS} buckets; 1 more would pass its limit of ${MAX_HOSTED_BUCKETS}. A reset removes the added ones.`,
    })
    expect(s3.buckets.has('one-too-many')).toBe(false)
  })

  it('a reset goes back to the configured buckets, without the objects of the added ones', async () => {
    await s3.seed({ buckets: ['acme-uploads'] })
    expect((await upload('acme-uploads', 'a.txt', 'a')).status).toBe(204)
    await s3.reset()
    expect(s3.buckets.list()).toEqual([BUCKET])
    expect(await errorCode(await upload('acme-uploads', 'a.txt', 'a'))).toBe('NoSuchBucket')
    // Added again, it is empty.
    await s3.seed({ buckets: ['acme-uploads'] })
    expect([...s3.store.list('acme-uploads', { prefix: '' })]).toEqual([])
    expect((await upload('acme-uploads', 'b.txt', 'b')).status).toBe(204)
  })
})

describe('POST /__admin/seed on the emulator port', () => {
  it('answers 201 with the buckets added, 400 {error} for a bad name; POST /__admin/reset removes them', async () => {
    const h = await startHarness()
    try {
      const admin = (path: string, body?: unknown) =>
        fetch(`${h.s3.endpoint}/__admin/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        })
      const seeded = await admin('seed', { buckets: ['acme-uploads'] })
      expect([seeded.status, await seeded.json()]).toEqual([201, { created: { buckets: ['acme-uploads'] } }])
      const refused = await admin('seed', { buckets: ['Acme'] })
      expect(refused.status).toBe(400)
      expect(((await refused.json()) as { error: string }).error).toMatch(
        /^"Acme" is not a valid S3 bucket name/,
      )
      const listed = await fetch(`${h.s3.endpoint}/__admin/records?service=s3`)
      expect(JSON.stringify(await listed.json())).toContain('"bucket":"acme-uploads"')
      await admin('reset')
      const after = await fetch(`${h.s3.endpoint}/__admin/records?service=s3`)
      expect(JSON.stringify(await after.json())).not.toContain('acme-uploads')
    } finally {
      await h.s3.close()
    }
  })
})
