import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InterceptedVendors, interceptVendors } from '../src/index.js'
import {
  BUCKET_URL,
  ONEPAGECRM_API,
  onePageCrmAuth,
  SHARPSPRING_API,
  sharpSpringQuery,
  uploadFilesForm,
} from './intercept-helpers.js'

// The vendors' real URLs, with Node's global fetch, reach the mocks in process: no port, no URL switch.

let mocks: InterceptedVendors
beforeAll(async () => {
  mocks = await interceptVendors()
})
afterAll(() => mocks.restore())

describe('interceptVendors() with fetch', () => {
  it('gives the real vendor URLs in its info', () => {
    expect(mocks.sharpspring?.api).toBe('https://api.sharpspring.com/pubapi')
    expect(mocks.onepagecrm?.api).toBe(ONEPAGECRM_API)
    expect(mocks.s3).toMatchObject({
      url: 'https://s3.eu-central-1.amazonaws.com',
      bucket: 'onepagecrm-up-eu-central-1',
      region: 'eu-central-1',
    })
  })

  it('SharpSpring: JSON-RPC getLeads and the multipart uploadFiles at https://api.sharpspring.com', async () => {
    const leads = await fetch(`${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 'seed-1' }),
    })
    expect(leads.status).toBe(200)
    const body = (await leads.json()) as { id: string; result: { lead: Array<{ id: string }> } }
    expect(body.id).toBe('seed-1')
    expect(body.result.lead.map((lead) => Number(lead.id))).toContain(mocks.sharpspring?.demo.leadId)

    const uploaded = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      body: uploadFilesForm(mocks, 'report.txt', 'quarterly report'),
    })
    expect(uploaded.status).toBe(200)
    const result = (await uploaded.json()) as {
      result: { uploads: Array<{ success: boolean; url: string }> }
    }
    expect(result.result.uploads[0]?.success).toBe(true)
    // The file's link is on the vendor's host, and reachable through the interception too.
    const link = result.result.uploads[0]?.url as string
    expect(new URL(link).origin).toBe('https://api.sharpspring.com')
    expect(await (await fetch(link)).text()).toBe('quarterly report')
  })

  it("OnePageCRM's three steps: s3_form, the POST to the real bucket URL, POST /attachments", async () => {
    const auth = onePageCrmAuth(mocks)
    const contactId = mocks.onepagecrm?.demo.contactId as string
    const formAnswer = await fetch(`${ONEPAGECRM_API}/attachments/s3_form.json?contact_id=${contactId}`, {
      headers: { authorization: auth },
    })
    expect(formAnswer.status).toBe(200)
    const form = ((await formAnswer.json()) as { data: { url: string; fields: Record<string, string> } }).data
    expect(form.url).toBe(BUCKET_URL)

    const key = `${contactId}/1700000000/contract.txt`
    const body = new FormData()
    for (const [name, value] of Object.entries(form.fields))
      body.append(name, name === 'key' ? key : String(value))
    body.append('filename', 'contract.txt')
    body.append('file', new Blob(['signed contract'], { type: 'text/plain' }), 'contract.txt')
    const posted = await fetch(form.url, { method: 'POST', body })
    expect(posted.status).toBe(201)
    expect(await posted.text()).toContain(`<Location>${BUCKET_URL}${encodeURIComponent(key)}</Location>`)

    const attached = await fetch(`${ONEPAGECRM_API}/attachments`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        reference_type: 'note',
        reference_id: mocks.onepagecrm?.demo.noteId,
        contact_id: contactId,
        key,
        name: 'contract.txt',
        size: 15,
      }),
    })
    expect(attached.status).toBe(201)
    const attachment = ((await attached.json()) as { data: { attachment: { url: string } } }).data.attachment
    expect(attachment.url.startsWith(`${BUCKET_URL}${contactId}/1700000000/contract.txt?`)).toBe(true)
    expect(await (await fetch(attachment.url)).text()).toBe('signed contract')
  })

  it('a streamed body (chunked, no Content-Length) goes through whole: 8 MiB in 64 KiB chunks', async () => {
    const ss = mocks.sharpspring
    if (ss === undefined) throw new Error('not running')
    const boundary = '----crmkitInterceptStream'
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    const size = 8 * 1024 * 1024
    const chunk = Buffer.alloc(64 * 1024, 0x62)
    let pulled = 0
    async function* body() {
      yield Buffer.from(
        `${field('id', '1')}${field('objectType', 'lead')}${field('fieldSystemName', ss?.demo.fileFields.lead ?? '')}` +
          `--${boundary}\r\nContent-Disposition: form-data; name="files[0]"; filename="big.bin"\r\n\r\n`,
      )
      for (; pulled < size; pulled += chunk.length) yield chunk
      yield Buffer.from(`\r\n${field('big.bin', String(ss?.demo.leadId))}--${boundary}--\r\n`)
    }
    const answer = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: ReadableStream.from(body()),
      duplex: 'half',
    } as RequestInit)
    const upload = (
      (await answer.json()) as { result: { uploads: Array<{ success: boolean; url: string }> } }
    ).result.uploads[0]
    expect(upload?.success).toBe(true)
    const stored = await fetch(upload?.url as string)
    expect(Number(stored.headers.get('content-length'))).toBe(size)
    expect(
      mocks.requests({ service: 'sharpspring', method: 'POST' }).at(-1)?.headers?.['transfer-encoding'],
    ).toBe('chunked')
    await stored.body?.cancel()
  })

  it('timers keep running during an in-process upload whose source is always ready', async () => {
    // Nothing in memory waits for the kernel: without a turn of the event loop per chunk, 128 MiB would go
    // through on nextTick and promises alone, and a timer (a test's timeout, an AbortSignal.timeout) would
    // not fire until it ended.
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    async function* body() {
      yield Buffer.from('--B\r\nContent-Disposition: form-data; name="files[0]"; filename="x.bin"\r\n\r\n')
      for (let i = 0; i < 2048; i++) yield chunk
      yield Buffer.from('\r\n--B--\r\n')
    }
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      const answer = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
        body: ReadableStream.from(body()),
        duplex: 'half',
      } as RequestInit)
      await answer.text()
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(50)
  })

  it('the journal records the intercepted requests, with the Host as sent', async () => {
    await mocks.reset()
    await fetch(`${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 7 }),
    })
    await fetch(`${BUCKET_URL}missing.txt`)
    const entries = mocks.requests()
    expect(entries.map((entry) => [entry.service, entry.method, entry.status])).toEqual([
      ['sharpspring', 'POST', 200],
      ['s3', 'GET', 403],
    ])
    expect(entries[0]?.rpc).toEqual({ method: 'getLeads', id: 7 })
    expect(entries[1]?.headers?.host).toBe('onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com')
  })

  it('a reset fault drops the in-process connection mid-upload: the client fails, nothing hangs', async () => {
    const armed = await fetch('https://api.sharpspring.com/__admin/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'reset', path: '/pubapi/v1/uploadFiles', afterBytes: 1024, times: 1 }),
    })
    expect(armed.status).toBe(201)
    const cut = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      body: uploadFilesForm(mocks, 'cut.txt', 'x'.repeat(256 * 1024)),
    }).then(
      () => 'answered',
      () => 'failed',
    )
    expect(cut).toBe('failed')
    // The next upload goes through: the fault was for one request.
    const next = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      body: uploadFilesForm(mocks, 'next.txt', 'fine'),
    })
    expect(next.status).toBe(200)
  })

  it('a client that aborts mid-upload frees the in-process connection; the mock answers the next request', async () => {
    const ss = mocks.sharpspring
    if (ss === undefined) throw new Error('not running')
    const controller = new AbortController()
    const boundary = '----crmkitInterceptAbort'
    async function* endless() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="id"\r\n\r\n1\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="files[0]"; filename="endless.bin"\r\n\r\n`,
      )
      const chunk = Buffer.alloc(64 * 1024, 0x63)
      // It stops once aborted: Node's fetch goes on reading an aborted request's body, over a socket too.
      for (let sent = 0; !controller.signal.aborted; sent += chunk.length) {
        if (sent > 1024 * 1024) controller.abort()
        yield chunk
      }
    }
    const aborted = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: ReadableStream.from(endless()),
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit).then(
      () => 'answered',
      (error: Error) => error.name,
    )
    expect(aborted).toBe('AbortError')
    const next = await fetch(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      body: uploadFilesForm(mocks, 'after-abort.txt', 'fine'),
    })
    expect(next.status).toBe(200)
  })

  it('a fault armed through the admin API at the vendor host answers the next matching request', async () => {
    const armed = await fetch('https://app.onepagecrm.com/__admin/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'throttle', path: '/api/v3/contacts', times: 1 }),
    })
    expect(armed.status).toBe(201)
    const auth = { authorization: onePageCrmAuth(mocks) }
    const throttled = await fetch(`${ONEPAGECRM_API}/contacts.json`, { headers: auth })
    expect(throttled.status).toBe(403)
    const after = await fetch(`${ONEPAGECRM_API}/contacts.json`, { headers: auth })
    expect(after.status).toBe(200)
    expect(mocks.requests({ service: 'onepagecrm', fault: true }).map((entry) => entry.path)).toEqual([
      '/api/v3/contacts.json',
    ])
  })
})
