import { createMockHost } from '@crmkit/mock-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_API_KEY, DEFAULT_USER_ID, DEMO_CONTACT_ID, DEMO_NOTE_ID } from '../src/api/domain/seed.js'
import { createOnePageCrmService } from '../src/api/service.js'
import { createS3Service } from '../src/s3/service.js'

// The API's `s3PublicUrl`: the S3 address `s3_form` and attachment links give out, here the real bucket's
// virtual-hosted origin, which OnePageCRM's own forms post to. The emulator answers at that Host, so the
// three steps work end to end without its own URL appearing anywhere.

const AUTH = `Basic ${Buffer.from(`${DEFAULT_USER_ID}:${DEFAULT_API_KEY}`).toString('base64')}`
const BUCKET_ORIGIN = 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com'
const host = createMockHost()
afterEach(() => host.close())

async function services(s3PublicUrl?: string) {
  const s3 = await createS3Service({}, host.runtime)
  const api = await createOnePageCrmService({ s3PublicUrl }, host.runtime, {
    service: s3,
    endpoint: 'http://127.0.0.1:4582',
  })
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await api.app.fetch(
      new Request(`https://app.onepagecrm.com/api/v3${path}`, {
        method,
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      {} as never,
    )
    // biome-ignore lint/suspicious/noExplicitAny: the vendor's envelope, read field by field.
    return { status: answer.status, body: (await answer.json()) as any }
  }
  return { s3, api, call }
}

describe('the OnePageCRM API with s3PublicUrl', () => {
  it("gives out the emulator's own path-style URL by default", async () => {
    const { call } = await services()
    const form = (await call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body.data
    expect(form.url).toBe('http://127.0.0.1:4582/onepagecrm-up-eu-central-1/')
  })

  it("with the bucket's virtual-hosted origin: the form posts there, links are signed for it", async () => {
    const { s3, call } = await services(`${BUCKET_ORIGIN}/`)
    const form = (await call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body.data
    expect(form.url).toBe(`${BUCKET_ORIGIN}/`)

    const key = `${DEMO_CONTACT_ID}/1/hello.txt`
    const body = new FormData()
    for (const [name, value] of Object.entries(form.fields as Record<string, string>))
      body.append(name, name === 'key' ? key : value)
    body.append('filename', 'hello.txt')
    body.append('file', new Blob(['hello from the form'], { type: 'text/plain' }), 'hello.txt')
    const posted = await s3.app.fetch(new Request(form.url, { method: 'POST', body }), {} as never)
    expect(posted.status).toBe(201)

    const created = await call('POST', '/attachments', {
      reference_type: 'note',
      reference_id: DEMO_NOTE_ID,
      key,
    })
    expect(created.status).toBe(201)
    const url = new URL(created.body.data.attachment.url)
    expect(url.origin).toBe(BUCKET_ORIGIN)
    expect(url.pathname).toBe(`/${DEMO_CONTACT_ID}/1/hello.txt`)
    const download = await s3.app.fetch(new Request(url), {} as never)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('hello from the form')
  })

  it('with a path-style endpoint: the bucket follows it in the path', async () => {
    const { call } = await services('https://s3.eu-central-1.amazonaws.com')
    const form = (await call('GET', `/attachments/s3_form.json?contact_id=${DEMO_CONTACT_ID}`)).body.data
    expect(form.url).toBe('https://s3.eu-central-1.amazonaws.com/onepagecrm-up-eu-central-1/')
  })
})
