import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { Agent as HttpsAgent, request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import axios from 'axios'
import { request as undiciRequest } from 'undici'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type InterceptedVendors, interceptVendors } from '../src/index.js'
import {
  BUCKET_URL,
  formData,
  multipartChunks,
  ONEPAGECRM_API,
  onePageCrmAuth,
  type Part,
  SHARPSPRING_API,
  sharpSpringQuery,
} from './intercept-helpers.js'

// How the interception holds up where clients differ from fetch's ordinary path: Expect: 100-continue,
// agents of every kind, an upload aborted half-way, and a second interceptVendors() while one is active.

// The mocks' temporary files go under a directory of this file's own, to see that nothing is left behind.
const previousTmp = process.env.TMPDIR
const tmp = mkdtempSync(join(tmpdir(), 'crmkit-intercept-edges-'))
let mocks: InterceptedVendors
const unhandled: unknown[] = []
const onUnhandled = (error: unknown) => unhandled.push(error)
beforeAll(async () => {
  process.env.TMPDIR = tmp
  process.on('unhandledRejection', onUnhandled)
  process.on('uncaughtException', onUnhandled)
  mocks = await interceptVendors()
})
afterAll(async () => {
  await mocks.restore()
  process.off('unhandledRejection', onUnhandled)
  process.off('uncaughtException', onUnhandled)
  if (previousTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = previousTmp
  rmSync(tmp, { recursive: true, force: true })
})

/** Every file under the mocks' temporary directories: kept objects, staged uploads, anything. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name !== 'owner.json')
    .map((entry) => join(entry.parentPath, entry.name))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the mocks have journalled `count` more requests (an aborted one included). */
async function journalled(before: number, count = 1): Promise<void> {
  for (let tries = 0; tries < 200 && mocks.requests().length < before + count; tries++) await sleep(10)
}

/** OnePageCRM's s3_form for the demo contact, and the form parts for `name` (file last, as S3 requires). */
async function bucketForm(
  name: string,
  content: Buffer,
): Promise<{ url: string; parts: Part[]; key: string }> {
  const contactId = mocks.onepagecrm?.demo.contactId as string
  const answer = await fetch(`${ONEPAGECRM_API}/attachments/s3_form.json?contact_id=${contactId}`, {
    headers: { authorization: onePageCrmAuth(mocks) },
  })
  const { url, fields } = (
    (await answer.json()) as { data: { url: string; fields: Record<string, unknown> } }
  ).data
  const key = `${contactId}/1700000000/${name}`
  return {
    url,
    key,
    parts: [
      ...Object.entries(fields).map(([field, value]) => ({
        name: field,
        value: field === 'key' ? key : String(value),
      })),
      { name: 'filename', value: name },
      { name: 'file', filename: name, type: 'application/octet-stream', content },
    ],
  }
}

/** An https.request whose answer is collected as text. */
function collect(req: ReturnType<typeof request>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
  })
}

/** Streams a hand-written multipart body into `req`, with backpressure, and ends it. */
async function stream(req: ReturnType<typeof request>, parts: readonly Part[], boundary: string) {
  for await (const chunk of multipartChunks(parts, boundary))
    if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained))
  req.end()
}

describe('Expect: 100-continue over node:https', () => {
  it('the mock says 100 Continue before the body is sent, then takes a 2 MiB upload to the bucket', async () => {
    const content = Buffer.alloc(2 * 1024 * 1024, 0x61)
    const form = await bucketForm('continue.bin', content)
    const boundary = 'crmkitContinue'
    const req = request(form.url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, expect: '100-continue' },
    })
    let continued = false
    // As curl and the AWS SDKs do: the headers alone, and the body only once the server agrees.
    req.on('continue', () => {
      continued = true
      stream(req, form.parts, boundary).catch((error) => req.destroy(error))
    })
    req.flushHeaders()
    const answer = await collect(req)
    expect(continued).toBe(true)
    expect(answer.status).toBe(201)
    expect(answer.text).toContain(`<Key>${form.key}</Key>`)
    const entry = mocks.requests({ service: 's3', method: 'POST' }).at(-1)
    expect(entry?.headers?.expect).toBe('100-continue')
    expect(entry?.headers?.host).toBe(new URL(BUCKET_URL).host)
  })

  it('a client that sends the body without waiting for 100 Continue is answered too (SharpSpring uploadFiles)', async () => {
    const ss = mocks.sharpspring
    if (ss === undefined) throw new Error('not running')
    const boundary = 'crmkitNoWait'
    const req = request(`${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, expect: '100-continue' },
    })
    const answered = collect(req)
    await stream(
      req,
      [
        { name: 'id', value: '1' },
        { name: 'objectType', value: 'lead' },
        { name: 'fieldSystemName', value: ss.demo.fileFields.lead },
        { name: 'files[0]', filename: 'eager.txt', type: 'text/plain', content: Buffer.from('eager') },
        { name: 'eager.txt', value: String(ss.demo.leadId) },
      ],
      boundary,
    )
    const answer = await answered
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text).result.uploads[0]).toMatchObject({ success: true, fileName: 'eager.txt' })
  })
})

describe('node:https agents', () => {
  const rpcBody = JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 'agent' })
  const call = (agent: HttpsAgent | false | undefined) => {
    const req = request(`${SHARPSPRING_API}?${sharpSpringQuery(mocks)}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    })
    const answer = collect(req)
    req.end(rpcBody)
    return answer
  }

  it.each([
    ['agent: false (a new agent per request)', () => false as const],
    ['the global agent', () => undefined],
    ['new https.Agent({ keepAlive: true })', () => new HttpsAgent({ keepAlive: true })],
    ['new https.Agent({ keepAlive: false, maxSockets: 1 })', () => new HttpsAgent({ maxSockets: 1 })],
  ])('%s: three calls in a row and three at once all reach SharpSpring', async (_name, agentOf) => {
    const agent = agentOf()
    try {
      for (let i = 0; i < 3; i++) expect((await call(agent)).status).toBe(200)
      const together = await Promise.all([call(agent), call(agent), call(agent)])
      expect(together.map((answer) => JSON.parse(answer.text).id)).toEqual(['agent', 'agent', 'agent'])
    } finally {
      if (agent) agent.destroy()
    }
  })
})

describe("a client's idle timeout, as on a socket", () => {
  // An upload that stalls half-way: the mock waits for the rest, nothing moves, and the client's own
  // timeout is what ends it, as over the network.
  const stalled = (req: ReturnType<typeof request>) => {
    req.write('--B\r\nContent-Disposition: form-data; name="files[0]"; filename="stalled.bin"\r\n\r\n')
    req.write(Buffer.alloc(64 * 1024, 0x63))
  }
  const uploadFiles = () => `${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`
  const headers = { 'content-type': 'multipart/form-data; boundary=B' }

  it.each([
    ['the timeout option', (url: string) => request(url, { method: 'POST', headers, timeout: 150 })],
    ['req.setTimeout()', (url: string) => request(url, { method: 'POST', headers }).setTimeout(150)],
    [
      'an agent with a timeout',
      (url: string) => request(url, { method: 'POST', headers, agent: new HttpsAgent({ timeout: 150 }) }),
    ],
  ])("node:https with %s gets 'timeout' once nothing has moved for that long", async (_name, open) => {
    const req = open(uploadFiles())
    const started = Date.now()
    const timedOut = new Promise<number>((resolve) =>
      req.once('timeout', () => resolve(Date.now() - started)),
    )
    req.on('error', () => {})
    stalled(req)
    const after = await timedOut
    expect(after).toBeGreaterThanOrEqual(140)
    expect(after).toBeLessThan(2_000)
    req.destroy()
  })

  it('a body still moving does not time out, though it takes longer than the timeout', async () => {
    const req = request(uploadFiles(), { method: 'POST', headers, timeout: 150 })
    let timedOut = false
    req.once('timeout', () => {
      timedOut = true
    })
    const answer = collect(req)
    const ss = mocks.sharpspring
    if (ss === undefined) throw new Error('not running')
    const parts: Part[] = [
      { name: 'id', value: '1' },
      { name: 'objectType', value: 'lead' },
      { name: 'fieldSystemName', value: ss.demo.fileFields.lead },
      {
        name: 'files[0]',
        filename: 'slow.bin',
        type: 'application/octet-stream',
        content: Buffer.alloc(8 * 16 * 1024, 1),
      },
      { name: 'slow.bin', value: String(ss.demo.leadId) },
    ]
    for await (const chunk of multipartChunks(parts, 'B')) {
      req.write(chunk)
      await sleep(50)
    }
    req.end()
    expect((await answer).status).toBe(200)
    expect(timedOut).toBe(false)
  })

  it("axios's timeout fails the call with ECONNABORTED", async () => {
    const boundary = 'crmkitAxiosStall'
    async function* stalling() {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files[0]"; filename="a"\r\n\r\n`,
      )
      await sleep(5_000)
    }
    const failed = await axios
      .post(uploadFiles(), Readable.from(stalling()), {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        timeout: 150,
      })
      .then(
        () => undefined,
        (error: { code?: string }) => error.code,
      )
    expect(failed).toBe('ECONNABORTED')
  })
})

describe('an upload aborted half-way', () => {
  // The client aborts once the mock has begun to stage the file, the rest of it still to come: the mock
  // keeps nothing of it, no error escapes, and the next upload goes through.
  const boundary = 'crmkitAborted'
  const contentType = `multipart/form-data; boundary=${boundary}`
  /** The body up to 1 MiB into the file; then, once the mock has staged some of it, the abort and no more. */
  async function* abortedBody(parts: readonly Part[], controller: AbortController) {
    const staged = filesUnder(tmp).length
    let sent = 0
    for await (const chunk of multipartChunks(parts, boundary)) {
      yield chunk
      sent += chunk.length
      if (sent < 1 << 20) continue
      for (let tries = 0; tries < 500 && filesUnder(tmp).length <= staged; tries++) await sleep(2)
      controller.abort()
      return
    }
  }
  const aborters: ReadonlyArray<
    readonly [string, (url: string, parts: readonly Part[], controller: AbortController) => Promise<unknown>]
  > = [
    [
      'node:https',
      (url, parts, controller) => {
        const req = request(url, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': contentType },
        })
        const answer = collect(req)
        ;(async () => {
          for await (const chunk of abortedBody(parts, controller))
            if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained))
        })().catch(() => {})
        return answer
      },
    ],
    [
      'undici.request',
      (url, parts, controller) =>
        undiciRequest(url, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': contentType },
          body: Readable.from(abortedBody(parts, controller)),
        }),
    ],
    [
      'fetch',
      (url, parts, controller) =>
        fetch(url, {
          method: 'POST',
          signal: controller.signal,
          headers: { 'content-type': contentType },
          body: ReadableStream.from(abortedBody(parts, controller)),
          duplex: 'half',
        } as RequestInit),
    ],
  ]
  /** Where an upload goes: its URL and parts for a file, the service that journals it, the status of a whole one. */
  const targets: ReadonlyArray<
    readonly [
      string,
      string,
      number,
      (name: string, content: Buffer) => Promise<{ url: string; parts: readonly Part[] }>,
    ]
  > = [
    ['the bucket', 's3', 201, bucketForm],
    [
      'SharpSpring uploadFiles',
      'sharpspring',
      200,
      async (name, content) => {
        const ss = mocks.sharpspring
        if (ss === undefined) throw new Error('not running')
        return {
          url: `${SHARPSPRING_API}uploadFiles?${sharpSpringQuery(mocks)}`,
          parts: [
            { name: 'id', value: '1' },
            { name: 'objectType', value: 'lead' },
            { name: 'fieldSystemName', value: ss.demo.fileFields.lead },
            { name: 'files[0]', filename: name, type: 'application/octet-stream', content },
            { name, value: String(ss.demo.leadId) },
          ],
        }
      },
    ],
  ]

  describe.each(targets)('to %s', (_target, service, whole, upload) => {
    it.each(aborters)('with %s: no kept file and no staged file are left', async (client, send) => {
      const target = await upload(`aborted-${client.replace(/\W/g, '-')}.bin`, Buffer.alloc(8 << 20, 0x62))
      const filesBefore = filesUnder(tmp)
      const kept = async () =>
        ((await (await fetch('https://api.sharpspring.com/__admin/files')).json()) as { total: number }).total
      const keptBefore = await kept()
      const before = mocks.requests().length
      const outcome = await send(target.url, target.parts, new AbortController()).then(
        () => 'answered',
        (error: Error) => error.name,
      )
      expect(outcome).toBe('AbortError')
      await journalled(before)
      const sent = mocks.requests().slice(before)
      expect(sent.map((entry) => [entry.service, entry.method])).toEqual([[service, 'POST']])
      // Give the mock's clean-up its turn, then nothing of the upload is anywhere.
      await sleep(50)
      expect(filesUnder(tmp)).toEqual(filesBefore)
      expect(await kept()).toBe(keptBefore)
      expect(unhandled).toEqual([])

      const next = await upload('after-abort.txt', Buffer.from('whole'))
      const posted = await fetch(next.url, { method: 'POST', body: formData(next.parts, new FormData()) })
      expect(posted.status).toBe(whole)
    })
  })
})

describe('a second interceptVendors() while one is active', () => {
  it('is refused, naming restore(), and leaves the first one answering', async () => {
    await expect(interceptVendors()).rejects.toThrow(
      'interceptVendors(): the vendors are already intercepted; restore() that first.',
    )
    await expect(interceptVendors({ unmatched: 'passthrough' })).rejects.toThrow('already intercepted')
    const health = await fetch('https://api.sharpspring.com/__admin/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', service: 'sharpspring' })
  })

  it('is refused from another copy of the package too (a second install, a module registry per test file)', async () => {
    vi.resetModules()
    const copy = await import('../src/index.js')
    expect(copy.interceptVendors).not.toBe(interceptVendors)
    await expect(copy.interceptVendors({ services: ['sharpspring'] })).rejects.toThrow(
      'interceptVendors(): the vendors are already intercepted; restore() that first.',
    )
    expect((await fetch('https://api.sharpspring.com/__admin/health')).status).toBe(200)
  })
})
