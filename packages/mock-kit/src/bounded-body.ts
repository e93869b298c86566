import type { IncomingMessage } from 'node:http'
import { type BodySource, incomingOf } from './request-body.js'

/** What `readBoundedBody` found. It never throws: every outcome is one of these. */
export type BoundedBody =
  /** The whole body, at most `limit` bytes (empty when the request has none). */
  | { readonly ok: true; readonly bytes: Buffer }
  /**
   * The body is longer than `limit` bytes: its Content-Length said so (nothing was read), or more than
   * `limit` bytes arrived (reading stopped there; nothing past the limit was kept). The rest of the body is
   * left unread: answer, and prefer `Connection: close`, so the client stops sending.
   */
  | { readonly ok: false; readonly reason: 'too-large'; readonly limit: number }
  /** The client went away, or the body stream failed, before the body ended. Nobody reads the answer. */
  | { readonly ok: false; readonly reason: 'aborted' }

export interface BoundedBodyOptions {
  /** The most bytes accepted; a body of exactly `limit` bytes is read. */
  readonly limit: number
}

/**
 * Reads a request body whole, but never more than `options.limit` bytes of it: chunk by chunk from the
 * socket on a real server (`c.env.incoming` from @hono/node-server, never through a Fetch body), or from
 * the Fetch body under `app.request()`. Call it after authenticating, so that an anonymous client cannot
 * make the server read anything.
 */
export function readBoundedBody(c: BodySource, options: BoundedBodyOptions): Promise<BoundedBody> {
  const limit = options.limit
  const declared = c.req.raw.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit)
    return Promise.resolve({ ok: false, reason: 'too-large', limit })
  const incoming = incomingOf(c)
  if (incoming !== undefined) return readIncoming(incoming, limit)
  return readFetchBody(c.req.raw.body, limit)
}

const EMPTY = Buffer.alloc(0)

/**
 * From the socket, by `data` events: never by async iteration, whose early exit destroys the stream and
 * with it the socket the answer has to go out on. Past the limit the stream is paused and let go;
 * @hono/node-server drains or closes what is left once the answer is sent.
 */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<BoundedBody> {
  if (incoming.readableEnded) return Promise.resolve({ ok: true, bytes: EMPTY })
  if (incoming.destroyed) return Promise.resolve({ ok: false, reason: 'aborted' })
  // The whole request has arrived and its body waits in the stream (a small body comes with its head):
  // taken at once, without listeners or a turn of the stream. Reading what is buffered ends the stream.
  if (
    incoming.complete &&
    incoming.readableFlowing !== true &&
    incoming.readableEncoding === null &&
    incoming.listenerCount('data') === 0 &&
    incoming.readableLength <= limit
  ) {
    const bytes = (incoming.read() as Buffer | null) ?? EMPTY
    return Promise.resolve({ ok: true, bytes })
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const settle = (outcome: BoundedBody) => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onAbort)
      incoming.off('close', onAbort)
      resolve(outcome)
    }
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        incoming.pause()
        chunks.length = 0
        settle({ ok: false, reason: 'too-large', limit })
        return
      }
      chunks.push(chunk)
      size += chunk.length
    }
    const onEnd = () => settle({ ok: true, bytes: Buffer.concat(chunks, size) })
    // `close` before `end`: the connection went away mid-body. An error event is awaited for nothing else.
    const onAbort = () => settle({ ok: false, reason: 'aborted' })
    incoming.on('data', onData)
    incoming.once('end', onEnd)
    incoming.once('error', onAbort)
    incoming.once('close', onAbort)
    incoming.resume()
  })
}

/** From a Fetch body (`app.request()`, or any Request without a socket): cancelled past the limit. */
async function readFetchBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BoundedBody> {
  if (body === null) return { ok: true, bytes: EMPTY }
  let reader: ReadableStreamDefaultReader<Uint8Array>
  try {
    reader = body.getReader()
  } catch {
    // Already read or locked by someone else: there is no body left to give.
    return { ok: false, reason: 'aborted' }
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { ok: true, bytes: Buffer.concat(chunks, size) }
      if (size + value.byteLength > limit) {
        reader.cancel().catch(() => {})
        return { ok: false, reason: 'too-large', limit }
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength))
      size += value.byteLength
    }
  } catch {
    return { ok: false, reason: 'aborted' }
  } finally {
    reader.releaseLock()
  }
}
