import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createManualClock } from './clock.js'
import { journalRequests } from './journal-middleware.js'
import { journalMultipart } from './journal-parts.js'
import { type MultipartField, type MultipartFile, parseMultipart } from './multipart.js'
import { MultipartError } from './multipart-error.js'
import { requestBodyStream } from './request-body.js'
import { createRequestJournal, type RequestJournal } from './request-journal.js'
import { type RunningServer, startServer } from './start-server.js'

/** An upload route as the apps write one: every part read, a refusal answered, journaled with digests. */
function uploadApp(journal: RequestJournal) {
  const app = new Hono()
  app.use('*', journalRequests(journal, { service: 'api', clock: createManualClock(new Date(0)) }))
  app.post('/upload', async (c) => {
    const options = { contentType: c.req.header('content-type') }
    try {
      for await (const part of parseMultipart(
        requestBodyStream(c),
        journalMultipart(c.req.raw, options, { digests: true }),
      ))
        if (part.kind === 'file') for await (const _ of part.stream);
    } catch (error) {
      if (error instanceof MultipartError) return c.json({ error: error.kind, message: error.message }, 400)
      throw error
    }
    return c.json({ ok: true })
  })
  return app
}

describe('journalMultipart', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('answers a field of an undecodable charset with a refusal, over a real socket, and journals it', async () => {
    const journal = createRequestJournal()
    server = await startServer(uploadApp(journal))
    const send = () =>
      fetch(`${server?.url}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        body: '--b\r\nContent-Disposition: form-data; name="key"\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nx\r\n--b--\r\n',
      })
    const answer = await send()
    expect(answer.status).toBe(400)
    expect(await answer.json()).toMatchObject({ error: 'malformed' })
    // The process, and the server, are still there for the next request.
    expect((await send()).status).toBe(400)
    expect(journal.entries().map((entry) => [entry.status, entry.parts])).toEqual([
      [400, undefined],
      [400, undefined],
    ])
  })

  it('keeps a bounded record of a body of many parts with long filenames', async () => {
    const journal = createRequestJournal({ maxPartsPerEntry: 10, maxStringBytes: 256 })
    server = await startServer(uploadApp(journal))
    const filename = 'f'.repeat(3000)
    const parts = Array.from(
      { length: 50 },
      (_, i) => `--b\r\nContent-Disposition: form-data; name="p${i}"; filename="${filename}"\r\n\r\nx\r\n`,
    )
    const answer = await fetch(`${server.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: `${parts.join('')}--b--\r\n`,
    })
    expect(answer.status).toBe(200)
    const [entry] = journal.entries()
    expect(entry?.parts).toHaveLength(10)
    expect(entry?.partsOmitted).toBe(40)
    expect(entry?.parts?.[0]).toMatchObject({ name: 'p0', size: 1 })
    expect(Buffer.byteLength(entry?.parts?.[0]?.filename ?? '')).toBeLessThanOrEqual(256)
    expect(entry?.parts?.[0]?.filename).toMatch(/^f+…\[3000 bytes, truncated\]$/)
  })

  it('never throws from its hooks, whatever it is handed', () => {
    const hooks = journalMultipart(
      new Request('http://mock/upload'),
      { contentType: undefined },
      { digests: true },
    )
    const field = {
      kind: 'field',
      name: undefined,
      value: undefined,
      truncated: false,
    } as unknown as MultipartField
    expect(() => hooks.onField?.(field)).not.toThrow()
    const file = {
      kind: 'file',
      name: 7,
      filename: {},
      contentType: null,
      stream: {},
    } as unknown as MultipartFile
    expect(() => hooks.onFile?.(file)).not.toThrow()
  })
})
