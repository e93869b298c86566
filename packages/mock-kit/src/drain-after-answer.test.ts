import { connect } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { drainAfterAnswer, drainerAfterAnswer } from './drain-after-answer.js'
import { type RunningServer, startServer } from './start-server.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Sends a head and then the body in pieces, `pauseMs` apart, and only then reads the answer. */
function post(
  port: number,
  length: number,
  pieces: number,
  pauseMs: number,
  declare = true,
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      // A kept-alive connection stays open: the answer is whole once its body came.
      if (text.endsWith('refused early')) socket.destroy()
    })
    socket.on('error', () => resolve(`${text}[reset]`))
    socket.on('close', () => resolve(text))
    socket.pause()
    const framing = declare ? `Content-Length: ${length}` : 'Transfer-Encoding: chunked'
    // Kept alive, as browsers and curl send: with `Connection: close` Node ends the socket after the answer
    // whatever is still arriving.
    socket.write(`POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n${framing}\r\n\r\n`)
    const piece = Buffer.alloc(length / pieces, 0x61)
    let sent = 0
    const sendNext = () => {
      if (sent === pieces) {
        if (!declare) socket.write('0\r\n\r\n')
        // Only now does this client read: the answer must still be there.
        socket.resume()
        return
      }
      sent++
      socket.write(
        declare
          ? piece
          : Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
      )
      setTimeout(sendNext, pauseMs)
    }
    sendNext()
  })
}

describe('drainAfterAnswer', () => {
  const start = async (options?: Parameters<typeof drainAfterAnswer>[0]) => {
    const app = new Hono()
    app.use('/upload', drainAfterAnswer(options))
    // A refusal made before any of the body is read.
    app.post('/upload', (c) => c.text('refused early', 403))
    server = await startServer(app, { port: 0 })
    return Number(new URL(server.url).port)
  }

  it("keeps an early answer for a client still sending past the server's half-second drain", async () => {
    const port = await start()
    for (const declare of [true, false]) {
      const answer = await post(port, 1024 * 1024, 4, 250, declare)
      expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/)
      expect(answer).toMatch(/refused early$/)
    }
  })

  it('answers at once, before the rest of the body', async () => {
    const port = await start()
    const started = performance.now()
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('data', (chunk) => {
        resolve(chunk.toString('latin1'))
        socket.destroy()
      })
      socket.write('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\nabc')
    })
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('does not read a body declared longer than its bound: the answer ends the connection', async () => {
    const port = await start({ maxBytes: 1024 })
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      let text = ''
      // This client reads as it sends, so it sees the answer before the close.
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1')
      })
      socket.on('close', () => resolve(text))
      socket.on('error', () => undefined)
      socket.write('POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 65536\r\n\r\nabc')
    })
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/)
    expect(answer.toLowerCase()).toContain('connection: close')
  })
})

describe('drainerAfterAnswer', () => {
  /** A request as Node has it in the turn its head arrived: not yet marked complete. */
  const arriving = (headers: Record<string, string>) => {
    const listened: string[] = []
    const incoming = {
      headers,
      complete: false,
      readableEnded: false,
      destroyed: false,
      readableLength: 0,
      on: (event: string) => {
        listened.push(event)
        return incoming
      },
      once: (event: string) => {
        listened.push(event)
        return incoming
      },
      resume: () => incoming,
    }
    return { incoming: incoming as unknown as import('node:http').IncomingMessage, listened }
  }

  it('waits for nothing after answering a request that has no body, complete or not yet', () => {
    const afterAnswer = drainerAfterAnswer()
    const get = arriving({ host: '127.0.0.1' })
    afterAnswer(get.incoming, () => undefined)
    expect(get.listened).toEqual([])
    const empty = arriving({ host: '127.0.0.1', 'content-length': '0' })
    afterAnswer(empty.incoming, () => undefined)
    expect(empty.listened).toEqual([])
  })

  it('drops the rest of a body still to come, chunked or declared', () => {
    const afterAnswer = drainerAfterAnswer()
    const framings: Array<Record<string, string>> = [
      { 'content-length': '10' },
      { 'transfer-encoding': 'chunked' },
    ]
    for (const headers of framings) {
      const post = arriving(headers)
      afterAnswer(post.incoming, () => undefined)
      expect(post.listened).toContain('data')
    }
  })
})
