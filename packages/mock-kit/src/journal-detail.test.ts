import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock.js'
import { journalDetail, journalJsonBody, journalRequests } from './journal-middleware.js'
import { journalMultipart } from './journal-parts.js'
import { readJournalQuery } from './journal-query.js'
import { redactedJsonText } from './journal-redaction.js'
import { parseMultipart } from './multipart.js'
import { requestBodyStream } from './request-body.js'
import { createRequestJournal, type RequestJournal } from './request-journal.js'

/** A vendor-like app: a JSON-RPC route, an upload route, a route that refuses with the vendor's code. */
function vendorApp(journal: RequestJournal) {
  const app = new Hono()
  app.use('*', journalRequests(journal, { service: 'api', clock: createManualClock(new Date(0)) }))
  app.post('/rpc', async (c) => {
    const text = await c.req.text()
    const call = JSON.parse(text) as { method: string; id: string }
    journalJsonBody(c.req.raw, text, 'application/json')
    journalDetail(c.req.raw, { rpc: { method: call.method, id: call.id } })
    if (call.method === 'nope') {
      journalDetail(c.req.raw, { error: { code: '101', message: 'Invalid method' } })
      return c.json({ error: { code: 101 } })
    }
    return c.json({ result: {} })
  })
  app.post('/upload', async (c) => {
    for await (const part of parseMultipart(
      requestBodyStream(c),
      journalMultipart(c.req.raw, { contentType: c.req.header('content-type') }, { digests: false }),
    ))
      if (part.kind === 'file') for await (const _ of part.stream);
    return c.json({ ok: true })
  })
  return app
}

describe('the journal of what a request sent and got', () => {
  it('keeps the headers but credentials, the JSON body but secrets, the call and the vendor error', async () => {
    const journal = createRequestJournal()
    const app = vendorApp(journal)
    await app.request('/rpc?accountID=A1&secretKey=s3cr3t', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Basic dTpw',
        'x-onepagecrm-auth': 'c1gn',
        'x-trace': 'seven',
      },
      body: JSON.stringify({ method: 'nope', params: { password: 'hunter2', where: {} }, id: 'call-1' }),
    })
    const [entry] = journal.entries()
    expect(entry?.path).toBe('/rpc?accountID=A1&secretKey=[redacted]')
    expect(entry?.headers).toMatchObject({
      authorization: '[redacted]',
      'x-onepagecrm-auth': '[redacted]',
      'x-trace': 'seven',
    })
    expect(entry?.rpc).toEqual({ method: 'nope', id: 'call-1' })
    expect(entry?.error).toEqual({ code: '101', message: 'Invalid method' })
    expect(JSON.parse(entry?.body?.json ?? '')).toEqual({
      method: 'nope',
      params: { password: '[redacted]', where: {} },
      id: 'call-1',
    })
    expect(JSON.stringify(journal.entries())).not.toMatch(/hunter2|s3cr3t|dTpw|c1gn/)
  })

  it('keeps a body that names no secret as sent, and never one it cannot parse that may hold one', () => {
    expect(redactedJsonText('{"method":"getLeads", "id": 1}')).toBe('{"method":"getLeads", "id": 1}')
    expect(redactedJsonText('{"nested":[{"api_key":"k1"}],"Password":"p"}')).toBe(
      '{"nested":[{"api_key":"[redacted]"}],"Password":"[redacted]"}',
    )
    expect(redactedJsonText('{"password":"hunter2"')).not.toContain('hunter2')
  })

  it('keeps the value of each text part, but a signature', async () => {
    const journal = createRequestJournal()
    const form = new FormData()
    form.set('key', 'uploads/a.png')
    form.set('X-Amz-Signature', 'f00d')
    form.set('file', new Blob(['png!'], { type: 'image/png' }), 'a.png')
    await vendorApp(journal).request('/upload', { method: 'POST', body: form })
    expect(journal.entries()[0]?.parts).toEqual([
      { name: 'key', size: 13, value: 'uploads/a.png' },
      { name: 'X-Amz-Signature', size: 4, value: '[redacted]' },
      { name: 'file', filename: 'a.png', contentType: 'image/png', size: 4 },
    ])
  })

  it('bounds a large JSON body, and many long headers', async () => {
    const journal = createRequestJournal({ maxBodyBytes: 1024, maxHeaders: 3, maxStringBytes: 64 })
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    for (let index = 0; index < 10; index += 1) headers[`x-h${index}`] = 'v'.repeat(500)
    await vendorApp(journal).request('/rpc', {
      method: 'POST',
      headers,
      body: JSON.stringify({ method: 'getLeads', params: { big: 'b'.repeat(100_000) }, id: 1 }),
    })
    const [entry] = journal.entries()
    expect(Buffer.byteLength(entry?.body?.json ?? '')).toBeLessThanOrEqual(1024)
    expect(entry?.body?.size).toBeGreaterThan(100_000)
    expect(Object.keys(entry?.headers ?? {})).toHaveLength(3)
    for (const value of Object.values(entry?.headers ?? {}))
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(64)
    expect(journal.bytes).toBeLessThan(4096)
  })

  it('filters by vendor error code, JSON-RPC method and fault', async () => {
    const journal = createRequestJournal()
    const app = vendorApp(journal)
    for (const method of ['getLeads', 'nope', 'getLeads'])
      await app.request('/rpc', { method: 'POST', body: JSON.stringify({ method, id: 1 }) })
    const query = (search: string) => {
      const read = readJournalQuery(new URLSearchParams(search))
      if (!read.ok) throw new Error(read.error)
      return journal.entries(read.value).map((entry) => entry.seq)
    }
    expect(query('code=101')).toEqual([2])
    expect(query('rpcMethod=getLeads')).toEqual([1, 3])
    expect(query('fault=true')).toEqual([])
    expect(query('fault=false')).toEqual([1, 2, 3])
    expect(readJournalQuery(new URLSearchParams('fault=yes'))).toEqual({
      ok: false,
      error: 'fault must be true or false, not "yes".',
    })
  })
})
