import { connect } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { readBoundedBody } from './bounded-body.js'
import { type RunningServer, type ServerTimeouts, startServer } from './start-server.js'

/** Answers only after a pause, as a route that awaits storage does. */
function slowApp() {
  return new Hono()
    .get('/later', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      return c.text('later')
    })
    .post('/upload', async (c) => {
      const body = await readBoundedBody(c, { limit: 1024 * 1024 })
      await new Promise((resolve) => setTimeout(resolve, 20))
      return c.text(body.ok ? `got ${body.bytes.length}` : body.reason)
    })
}

interface Exchange {
  /** Everything the server sent before the connection closed. */
  readonly received: string
  /** Milliseconds from connecting to the close. */
  readonly closedAfterMs: number
}

/**
 * A raw connection: `script` writes to it (and may half-close it); resolves once the server has closed
 * it, or after 5 s.
 */
function exchange(server: RunningServer, script: (socket: ReturnType<typeof connect>) => void) {
  return new Promise<Exchange>((resolve) => {
    const started = performance.now()
    const socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true })
    let received = ''
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ received, closedAfterMs: performance.now() - started })
    }
    const timer = setTimeout(done, 5_000)
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString()
    })
    socket.on('end', done)
    socket.on('close', done)
    socket.on('error', done)
    socket.on('connect', () => script(socket))
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('startServer', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const start = async (timeouts: Partial<ServerTimeouts> = {}) => {
    server = await startServer(slowApp(), { timeouts })
    return server
  }

  it('answers a client that half-closes right after a complete request', async () => {
    const running = await start()
    const get = await exchange(running, (socket) =>
      socket.end('GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    )
    expect(get.received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nlater$/)
    const post = await exchange(running, (socket) =>
      socket.end('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello'),
    )
    expect(post.received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*got 5$/)
    // Two requests, then the half-close: both answered, in order, then the connection ends.
    const two = await exchange(running, (socket) =>
      socket.end(
        'GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nPOST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\nhi',
      ),
    )
    expect(two.received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2)
    expect(two.received).toMatch(/later[\s\S]*got 2$/)
  })

  it('answers 400 and closes when a client half-closes in the middle of a body', async () => {
    const running = await start()
    const cut = await exchange(running, (socket) =>
      socket.end('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly this'),
    )
    expect(cut.closedAfterMs).toBeLessThan(2_000)
    expect(cut.received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
  })

  it('cuts a request head that does not arrive in time with 408', async () => {
    const running = await start({ headersMs: 200, idleMs: 10_000 })
    const slow = await exchange(running, (socket) => {
      socket.write('GET /later HTTP/1.1\r\n')
      // A header line every 50 ms: the connection is not idle, the head just never ends.
      const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 50)
      socket.once('close', () => clearInterval(drip))
    })
    expect(slow.received).toMatch(/^HTTP\/1\.1 408 /)
    expect(slow.closedAfterMs).toBeLessThan(2_000)
  })

  it('lets a slow but steady upload take longer than any timeout', async () => {
    const running = await start({ headersMs: 200, idleMs: 250 })
    const chunks = 15
    const steady = await exchange(running, async (socket) => {
      socket.write(`POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${chunks * 100}\r\n\r\n`)
      for (let i = 0; i < chunks; i++) {
        await sleep(60)
        socket.write(Buffer.alloc(100, 120))
      }
      socket.end()
    })
    expect(steady.closedAfterMs).toBeGreaterThan(chunks * 60)
    expect(steady.received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*got 1500$/)
  })

  it('closes a connection on which nothing moves for the idle timeout', async () => {
    const running = await start({ idleMs: 200 })
    const stalled = await exchange(running, (socket) =>
      socket.write('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nthe start'),
    )
    expect(stalled.closedAfterMs).toBeGreaterThanOrEqual(150)
    expect(stalled.closedAfterMs).toBeLessThan(2_000)
    expect(stalled.received).toBe('')
  })

  // Node waits a second more than the keep-alive timeout it announces, so that a client's reuse never races it.
  it('closes a kept-alive connection waiting for its next request after the keep-alive timeout', async () => {
    const running = await start({ keepAliveMs: 100, idleMs: 10_000 })
    const kept = await exchange(running, (socket) =>
      socket.write('GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    )
    expect(kept.received).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(kept.closedAfterMs).toBeLessThan(2_000)
  })
})
