import { request } from 'node:https'
import axios from 'axios'
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

// node:https and axios (node:http underneath) with the vendors' real URLs reach the mocks in process.

let mocks: InterceptedVendors
beforeAll(async () => {
  mocks = await interceptVendors()
})
afterAll(() => mocks.restore())

/** An https.request with a body, answered as text. */
function httpsCall(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        )
      })
      req.on('error', reject)
      req.end(init.body)
    },
  )
}

/** A FormData as a multipart body and its Content-Type, for clients that take bytes. */
async function multipart(form: FormData) {
  const encoded = new Response(form)
  return {
    contentType: encoded.headers.get('content-type') as string,
    body: Buffer.from(await encoded.arrayBuffer()),
  }
}

describe('interceptVendors() with node:https', () => {
  it('SharpSpring getLeads and uploadFiles at https://api.sharpspring.com', async () => {
    const leads = await httpsCall(`${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 'https-1' }),
    })
    expect(leads.status).toBe(200)
    expect(JSON.parse(leads.text)).toMatchObject({ id: 'https-1', error: null })

    const { contentType, body } = await multipart(uploadFilesForm(mocks, 'notes.txt', 'over node:https'))
    const uploaded = await httpsCall(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'content-length': String(body.length) },
      body,
    })
    expect(uploaded.status).toBe(200)
    expect(JSON.parse(uploaded.text).result.uploads[0]).toMatchObject({
      success: true,
      fileName: 'notes.txt',
    })
  })

  it('an own https.Agent with keep-alive, and the agents interceptVendors() gives, reach the mocks too', async () => {
    for (const agent of [new (await import('node:https')).Agent({ keepAlive: true }), mocks.agents.https]) {
      const answer = await new Promise<number>((resolve, reject) => {
        request(
          `${ONEPAGECRM_API}/contacts.json`,
          { agent, headers: { authorization: onePageCrmAuth(mocks) } },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
          .on('error', reject)
          .end()
      })
      expect(answer).toBe(200)
    }
  })
})

describe('interceptVendors() with node:https, a kept-alive connection', () => {
  it('answers each request on a reused connection, after a body sent with end(body)', async () => {
    // node:http's end(body) writes an empty chunk last; an in-memory reply can come before that write
    // completes. The connection must go back to the pool once, or the next request on it gets no answer.
    const agent = new (await import('node:https')).Agent({ keepAlive: true, maxSockets: 1 })
    const rpcUrl = `${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`
    const send = (url: string, method: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} ${url}`)), 2_000)
        const req = request(
          url,
          { agent, method, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume()
            res.on('end', () => {
              clearTimeout(timer)
              resolve(res.statusCode ?? 0)
            })
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      for (let round = 0; round < 5; round++) {
        const body = JSON.stringify({ method: 'getLeads', params: { where: {} }, id: round })
        expect(await send(rpcUrl, 'POST', body)).toBe(200)
        expect(await send('https://api.sharpspring.com/__admin/health', 'GET')).toBe(200)
        expect(await send(rpcUrl, 'POST', body)).toBe(200)
      }
    } finally {
      agent.destroy()
    }
  })
})

describe('interceptVendors() with axios', () => {
  it('SharpSpring getLeads and uploadFiles', async () => {
    const leads = await axios.post(`${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`, {
      method: 'getLeads',
      params: { where: {} },
      id: 'axios-1',
    })
    expect(leads.status).toBe(200)
    expect(leads.data).toMatchObject({ id: 'axios-1', error: null })

    const uploaded = await axios.post(
      `${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`,
      uploadFilesForm(mocks, 'axios.txt', 'over axios'),
    )
    expect(uploaded.data.result.uploads[0]).toMatchObject({ success: true, fileName: 'axios.txt' })
  })

  it("OnePageCRM's three steps, the upload posted to the real bucket URL", async () => {
    const headers = { authorization: onePageCrmAuth(mocks) }
    const contactId = mocks.onepagecrm?.demo.contactId as string
    const form = (
      await axios.get(`${ONEPAGECRM_API}/attachments/s3_form.json?contact_id=${contactId}`, { headers })
    ).data.data as { url: string; fields: Record<string, string> }
    expect(form.url).toBe(BUCKET_URL)
    const key = `${contactId}/1700000001/axios.txt`
    const body = new FormData()
    for (const [name, value] of Object.entries(form.fields))
      body.append(name, name === 'key' ? key : String(value))
    body.append('filename', 'axios.txt')
    body.append('file', new Blob(['axios bytes'], { type: 'text/plain' }), 'axios.txt')
    const posted = await axios.post(form.url, body)
    expect(posted.status).toBe(201)
    const attached = await axios.post(
      `${ONEPAGECRM_API}/attachments`,
      {
        reference_type: 'note',
        reference_id: mocks.onepagecrm?.demo.noteId,
        contact_id: contactId,
        key,
        name: 'axios.txt',
        size: 11,
      },
      { headers },
    )
    expect(attached.status).toBe(201)
    expect(mocks.requests({ service: 's3', method: 'POST' }).at(-1)?.headers?.host).toBe(
      new URL(BUCKET_URL).host,
    )
  })
})
