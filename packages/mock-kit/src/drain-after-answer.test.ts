import { connect } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { drainAfterAnswer } from './drain-after-answer.js'
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
