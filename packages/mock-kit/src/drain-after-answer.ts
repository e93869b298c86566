import type { IncomingMessage } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { incomingOf } from './request-body.js'

export interface DrainAfterAnswerOptions {
  /** The most bytes of an unread body read and dropped after the answer; past them the connection closes. */
  readonly maxBytes?: number
  /** How long the rest of the body may pause before the connection closes. */
  readonly idleMs?: number
}

/**
 * An answer given before the request body was read (a refusal from the head or the first fields) goes at
 * once; the rest of the body is then read and dropped, up to `maxBytes` and as long as it keeps coming, so
 * the connection stays open until the client has sent it. Closing a socket with unread data on it resets
 * the connection, and a client still sending (or slow to read) then loses the answer it was given: a
 * browser shows a network error instead of the vendor's refusal. Past the bounds the connection is closed,
 * so a hostile client cannot keep the server reading; its answer carries `Connection: close`. Needs
 * @hono/node-server's own clean-up off (`startServer` does that), which would close after half a second.
 */
export function drainAfterAnswer(options: DrainAfterAnswerOptions = {}): MiddlewareHandler {
  const afterAnswer = drainerAfterAnswer(options)
  return async (c, next) => {
    await next()
    afterAnswer(incomingOf(c), () => c.res.headers.set('Connection', 'close'))
  }
}

/**
 * What `drainAfterAnswer` does once a request is answered, for a host that hands requests to a service's
 * app without an app of its own in front: the rest of the body dropped within bounds, or
 * `closeConnection` called (to set `Connection: close` on the answer).
 */
export function drainerAfterAnswer(
  options: DrainAfterAnswerOptions = {},
): (incoming: IncomingMessage | undefined, closeConnection: () => void) => void {
  const bounds: Bounds = { maxBytes: options.maxBytes ?? 64 * 1024 * 1024, idleMs: options.idleMs ?? 5000 }
  return (incoming, closeConnection) => afterAnswer(incoming, bounds, closeConnection)
}

type Bounds = Required<DrainAfterAnswerOptions>

/** Once the answer is given: what is left of the body is dropped within bounds, or the connection closes. */
function afterAnswer(
  incoming: IncomingMessage | undefined,
  bounds: Bounds,
  closeConnection: () => void,
): void {
  if (incoming === undefined || incoming.readableEnded || incoming.destroyed) return
  // A body that says it is longer than the bound is not read: the answer ends the connection.
  const declared = incoming.headers['content-length']
  if (declared !== undefined && Number(declared) > bounds.maxBytes) {
    closeConnection()
    return
  }
  // The whole request has arrived (a GET, a body the route did not read): nothing more can come to wait
  // for. What is left of it is in memory already and is dropped without a timer; with nothing left, Node's
  // own server lets the request go once the answer is written. A request with neither Content-Length nor
  // Transfer-Encoding has no body (RFC 9112, section 6.3), even while Node has yet to mark it complete (an
  // answer given in the turn its head arrived).
  const bodiless =
    (declared === undefined || declared === '0') && incoming.headers['transfer-encoding'] === undefined
  if ((incoming.complete || bodiless) && incoming.readableLength <= bounds.maxBytes) {
    if (incoming.readableLength > 0) incoming.resume()
    return
  }
  drain(incoming, bounds.maxBytes, bounds.idleMs)
}

/** Reads and drops the rest of a body; past `maxBytes`, or `idleMs` without a byte, closes the socket. */
function drain(incoming: IncomingMessage, maxBytes: number, idleMs: number): void {
  let bytes = 0
  const close = () => {
    stop()
    // After what is queued to write (the answer) has gone.
    incoming.socket?.destroySoon()
  }
  let timer: NodeJS.Timeout
  const onData = (chunk: Buffer) => {
    bytes += chunk.length
    if (bytes > maxBytes) return close()
    timer.refresh()
  }
  const stop = () => {
    clearTimeout(timer)
    incoming.off('data', onData)
    incoming.off('end', stop)
    incoming.off('close', stop)
    incoming.off('error', stop)
  }
  timer = setTimeout(close, idleMs)
  incoming.on('data', onData)
  incoming.once('end', stop)
  incoming.once('close', stop)
  incoming.once('error', stop)
  incoming.resume()
}
