import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningOnePageCrmMock, startOnePageCrmMock } from '../index.js'
import { DEFAULT_API_KEY, DEFAULT_USER_ID } from './domain/seed.js'

const AUTH = `Basic ${Buffer.from(`${DEFAULT_USER_ID}:${DEFAULT_API_KEY}`).toString('base64')}`
const LIMIT = 1024 * 1024

interface Outcome {
  readonly status?: number
  readonly connection?: string | undefined
  readonly body?: string
  readonly error?: string
  /** Body bytes the client had written when the answer (or the error) came. */
  readonly written: number
}

/**
 * POSTs a chunked JSON body of up to `total` bytes, 64 KiB at a time, and stops writing as soon as an
 * answer comes: what a client streaming a big body sees.
 */
function stream(url: string, total: number, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    let written = 0
    let settled = false
    const settle = (outcome: Omit<Outcome, 'written'>) => {
      if (settled) return
      settled = true
      req.destroy()
      resolve({ ...outcome, written })
    }
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      res.on('end', () => settle({ status: res.statusCode, connection: res.headers.connection, body }))
    })
    req.on('error', (error) => settle({ error: (error as NodeJS.ErrnoException).code ?? error.message }))
    const chunk = Buffer.alloc(64 * 1024, 32)
    const next = () => {
      if (settled) return
      if (written >= total) return void req.end()
      written += chunk.length
      req.write(written === chunk.length ? Buffer.concat([Buffer.from('{"a":1'), chunk]) : chunk, () =>
        setImmediate(next),
      )
    }
    next()
  })
}

describe('OnePageCRM JSON bodies on a real socket', () => {
  let mock: RunningOnePageCrmMock
  let contacts: string
  beforeAll(async () => {
    mock = await startOnePageCrmMock()
    contacts = `${mock.info.api}/contacts`
  })
  afterAll(() => mock.close())

  it('answers 401 to a client without credentials before its body is read', async () => {
    const outcome = await stream(contacts, 64 * 1024 * 1024, {})
    expect(outcome.status).toBe(401)
    // The answer came while the client was still at its first chunks, not after 64 MiB.
    expect(outcome.written).toBeLessThan(8 * 1024 * 1024)
  })

  it('answers 413 in the error envelope past 1 MiB, reading no more than it must, and keeps serving', async () => {
    const before = mock.api.state.contacts.size
    const outcome = await stream(contacts, 16 * 1024 * 1024, { authorization: AUTH })
    expect(outcome.status).toBe(413)
    expect(JSON.parse(outcome.body ?? '')).toMatchObject({
      status: 413,
      error_name: 'request_entity_too_large',
    })
    expect(outcome.written).toBeLessThan(LIMIT + 8 * 1024 * 1024)
    expect(mock.api.state.contacts.size).toBe(before)
    const after = await fetch(contacts, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ last_name: 'After' }),
    })
    expect(after.status).toBe(201)
  })

  it('answers 413 to a declared Content-Length past 1 MiB without reading it', async () => {
    const answer = await fetch(contacts, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: Buffer.alloc(LIMIT + 1, 32),
    })
    expect(answer.status).toBe(413)
  })
})
