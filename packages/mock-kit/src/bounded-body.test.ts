import { request } from 'node:http'
import { connect } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { type BoundedBody, readBoundedBody } from './bounded-body.js'
import { type RunningServer, startServer } from './start-server.js'

const LIMIT = 64 * 1024

/** Answers what the reader made of the body: 200 with its size, 413, or 400 when it was cut off. */
function readerApp(outcomes: BoundedBody[] = []) {
  return new Hono().post('/read', async (c) => {
    const body = await readBoundedBody(c, { limit: LIMIT })
    outcomes.push(body)
    if (body.ok) return c.json({ size: body.bytes.length, head: body.bytes.subarray(0, 5).toString() })
    if (body.reason === 'too-large') {
      c.header('Connection', 'close')
      return c.json({ tooLarge: body.limit }, 413)
    }
    return c.json({ aborted: true }, 400)
  })
}

/** A Fetch body of `total` bytes in 1 KiB chunks, counting what was pulled from it. */
function countedBody(total: number) {
  const counter = { pulled: 0, cancelled: false }
  // highWaterMark 0: nothing is pulled before the reader asks.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close()
        const chunk = new Uint8Array(Math.min(1024, total - counter.pulled)).fill(97)
        counter.pulled += chunk.length
        controller.enqueue(chunk)
      },
      cancel() {
        counter.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, counter }
}

const post = (app: Hono, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  app.request('/read', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)

describe('readBoundedBody under app.request()', () => {
  it('reads a body up to and including the limit, and an empty one', async () => {
    const app = readerApp()
    expect(await (await post(app, 'hello')).json()).toEqual({ size: 5, head: 'hello' })
    expect(await (await post(app, 'a'.repeat(LIMIT))).json()).toMatchObject({ size: LIMIT })
    expect(await (await post(app, null)).json()).toEqual({ size: 0, head: '' })
  })

  it('stops at the limit without pulling the rest, and cancels the body', async () => {
    const app = readerApp()
    const { stream, counter } = countedBody(10 * 1024 * 1024)
    const answer = await post(app, stream)
    expect(answer.status).toBe(413)
    expect(await answer.json()).toEqual({ tooLarge: LIMIT })
    expect(counter.pulled).toBe(LIMIT + 1024)
    expect(counter.cancelled).toBe(true)
  })

  it('refuses on a Content-Length over the limit without reading a byte', async () => {
    const app = readerApp()
    const { stream, counter } = countedBody(LIMIT + 1)
    const answer = await post(app, stream, { 'content-length': String(LIMIT + 1) })
    expect(answer.status).toBe(413)
    expect(counter.pulled).toBe(0)
  })

  it('reports a body stream that fails as aborted, without throwing', async () => {
    const outcomes: BoundedBody[] = []
    const app = readerApp(outcomes)
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('the client went away'))
      },
    })
    expect((await post(app, failing)).status).toBe(400)
    expect(outcomes).toEqual([{ ok: false, reason: 'aborted' }])
  })
})

describe('readBoundedBody on a real socket', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  /** Sends `chunks` with chunked transfer encoding (no Content-Length); resolves with the answer or error. */
  function sendChunked(url: string, chunks: Buffer[], endAfter = true) {
    return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
      const req = request(`${url}/read`, { method: 'POST' }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString()
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        res.on('error', (error) => resolve({ error: error.message }))
      })
      req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }))
      const write = (index: number) => {
        if (index === chunks.length) {
          if (endAfter) req.end()
          else req.destroy()
          return
        }
        if (req.destroyed) return
        req.write(chunks[index], () => setImmediate(() => write(index + 1)))
      }
      write(0)
    })
  }

  it('reads a body under the limit from the socket', async () => {
    server = await startServer(readerApp())
    const answer = await sendChunked(server.url, [Buffer.from('hello '), Buffer.from('world')])
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ size: 11, head: 'hello' }) })
  })

  it('answers 413 to a streamed body past the limit, keeping only the limit, and serves the next request', async () => {
    const outcomes: BoundedBody[] = []
    server = await startServer(readerApp(outcomes))
    const chunks = Array.from({ length: 256 }, () => Buffer.alloc(16 * 1024, 98))
    const answer = await sendChunked(server.url, chunks)
    // The answer, or (when the client was still writing as the server closed) a reset: never a hang.
    if ('status' in answer) expect(answer).toEqual({ status: 413, body: JSON.stringify({ tooLarge: LIMIT }) })
    else expect(answer.error).toMatch(/ECONNRESET|EPIPE|socket hang up/)
    expect(outcomes).toEqual([{ ok: false, reason: 'too-large', limit: LIMIT }])
    expect(await (await fetch(`${server.url}/read`, { method: 'POST', body: 'again' })).json()).toEqual({
      size: 5,
      head: 'again',
    })
  })

  it('answers 413 at once to a declared Content-Length past the limit', async () => {
    server = await startServer(readerApp())
    const answer = await fetch(`${server.url}/read`, { method: 'POST', body: Buffer.alloc(LIMIT + 1) })
    expect(answer.status).toBe(413)
    expect(answer.headers.get('connection')).toBe('close')
  })

  it('reads bodies that arrived whole with their heads, two requests sent at once on one connection', async () => {
    server = await startServer(readerApp())
    const { port } = new URL(server.url)
    const answers = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1')
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1')
        if ((text.match(/"size"/g) ?? []).length === 2) socket.end()
      })
      socket.on('close', () => resolve(text))
      const post = (body: string) =>
        `POST /read HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`
      socket.write(post('first body') + post(''))
    })
    expect(answers).toContain(JSON.stringify({ size: 10, head: 'first' }))
    expect(answers).toContain(JSON.stringify({ size: 0, head: '' }))
  })

  it('reports a client that leaves mid-body as aborted, and the server goes on', async () => {
    const outcomes: BoundedBody[] = []
    server = await startServer(readerApp(outcomes))
    await sendChunked(server.url, [Buffer.from('part of a body')], false)
    await expect.poll(() => outcomes).toEqual([{ ok: false, reason: 'aborted' }])
    expect((await fetch(`${server.url}/read`, { method: 'POST', body: 'ok' })).status).toBe(200)
  })
})
