import { rmSync } from 'node:fs'
import { createManualClock, createSeededRandom, createTempDir } from '@crmkit/mock-kit'
import { createPresignedPost } from '@crmkit/s3-post-policy'
import { afterAll, describe, expect, it } from 'vitest'
import { createS3App } from './app.js'
import {
  createS3Config,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_SECRET_ACCESS_KEY,
} from './domain/config.js'
import { createFileObjectStore } from './storage/file-object-store.js'

const dir = createTempDir('crmkit-s3-app-test-')
afterAll(() => dir.remove())

describe('createS3App through app.request()', () => {
  it('takes a browser upload from a Fetch body, reads the target from the URL, answers unknown routes with NotImplemented', async () => {
    const now = new Date('2026-03-01T12:00:00Z')
    const store = await createFileObjectStore({ root: dir.path, random: createSeededRandom(1) })
    const app = createS3App({
      config: createS3Config(),
      store,
      clock: createManualClock(now),
      random: createSeededRandom(2),
    })
    const { fields } = await createPresignedPost({
      bucket: DEFAULT_BUCKET,
      key: 'in-memory/${filename}',
      region: 'eu-central-1',
      now,
      credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
    })
    const form = new FormData()
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    form.append('file', new Blob(['hello']), 'hello.txt')
    const response = await app.request(`/${DEFAULT_BUCKET}`, { method: 'POST', body: form })
    expect(response.status).toBe(204)
    expect(response.headers.get('etag')).toBe('"5d41402abc4b2a76b9719d911017c592"')
    expect(await store.head(DEFAULT_BUCKET, 'in-memory/hello.txt')).toMatchObject({ size: 5 })

    // PutObject is emulated, so an anonymous one is refused as S3 refuses it; CopyObject is not.
    const put = await app.request(`/${DEFAULT_BUCKET}/x`, { method: 'PUT', body: 'x' })
    expect(put.status).toBe(403)
    const copy = await app.request(`/${DEFAULT_BUCKET}/x`, {
      method: 'PUT',
      headers: { 'x-amz-copy-source': `/${DEFAULT_BUCKET}/in-memory/hello.txt` },
    })
    expect(copy.status).toBe(501)
    expect(await copy.text()).toContain(
      '<Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented (CopyObject is not emulated by crmkit)</Message>',
    )
    // Without a socket the target comes from the Request's URL, read by the same parser.
    const broken = await app.request(`/${DEFAULT_BUCKET}/%ZZ`)
    expect(broken.status).toBe(400)
    expect(await broken.text()).toContain('<Code>InvalidURI</Code>')
    for (const [method, path] of [
      ['POST', `/${DEFAULT_BUCKET}/x`],
      ['GET', `/${DEFAULT_BUCKET}/`],
      ['GET', '/'],
    ] as const) {
      const answer = await app.request(path, { method })
      expect(answer.status, `${method} ${path}`).toBe(501)
    }
    // A POST to the service itself is no operation S3 has.
    const service = await app.request('/', { method: 'POST', body: form })
    expect(service.status).toBe(405)
    expect(await service.text()).toContain(
      '<Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message><Method>POST</Method><ResourceType>SERVICE</ResourceType>',
    )
    await store.close()
    rmSync(dir.path, { recursive: true, force: true })
  })
})
