import type { Server } from 'node:http'
import { type Duplex, duplexPair } from 'node:stream'

/** One end of an in-process connection: a stream with the socket methods node:http and undici call. */
export type InProcessSocket = Duplex & { setTimeout(ms: number, callback?: () => void): InProcessSocket }

/** Connections made in memory to servers that never listen, and a way to end them all. */
export interface InProcessConnections {
  /**
   * A connection to `server`: the client's end is returned, the server's end handed to it as a new
   * connection. Bytes move as stream chunks, with backpressure both ways: nothing is buffered whole.
   */
  open(server: Server, encrypted: boolean): InProcessSocket
  /** Destroys every connection still open (pooled keep-alive ones included). */
  destroyAll(): void
}

export function inProcessConnections(): InProcessConnections {
  const open = new Set<Duplex>()
  return {
    open(server, encrypted) {
      // node:stream's duplexPair (Node 20.17+, 22.6+): two Duplexes, what one writes the other reads.
      const [client, serverEnd] = duplexPair()
      for (const end of [client, serverEnd]) asSocket(end)
      // `encrypted` makes the server build `https:` request URLs, as it would behind TLS. No remoteAddress:
      // the connection is not from loopback, nor from anywhere.
      Object.assign(serverEnd, { encrypted })
      open.add(client)
      // Node 20's duplexPair does not tell one end that the other was destroyed. A server that drops the
      // connection (a reset fault, a refusal that stops reading) ends the client's reading side, as a TCP
      // FIN would, after whatever it had already sent; the client then fails the request ("socket hang up",
      // "other side closed") rather than waiting forever. A client that goes away (an abort, restore())
      // destroys the server's end, as a reset connection does.
      serverEnd.once('close', () => {
        process.nextTick(() => {
          if (!client.destroyed) client.push(null)
        })
      })
      // Once it has read the server's last byte the client's end closes, as a socket does on the peer's FIN
      // (net.Socket's allowHalfOpen is false): an agent drops it from its pool rather than send the next
      // request on a connection the server has closed (its keep-alive or idle limit).
      client.once('end', () => client.destroy())
      client.once('close', () => {
        open.delete(client)
        if (!serverEnd.destroyed) serverEnd.destroy()
      })
      server.emit('connection', serverEnd)
      return client as InProcessSocket
    },
    destroyAll() {
      for (const socket of open) socket.destroy()
      open.clear()
    },
  }
}

/** The net.Socket methods node:http and undici call on a connection: a stream has none of them. */
function asSocket(end: Duplex): void {
  const socket = end as Duplex & Record<string, unknown>
  const active = idleTimeout(socket)
  // A write completes once the other end has taken the chunk, which in memory can happen in the same tick:
  // an upload whose source is ready at once would then run from write to write on process.nextTick and
  // promises alone, and starve the event loop (timers, I/O, an AbortSignal's effects) until it ended. Each
  // write completes on the next turn of the loop instead, as a socket's do.
  // But not an empty one (node:http's `end(body)` writes one last, to learn when all is sent): the stream
  // does not count it as pending, so a reply that came meanwhile found the request already sent and
  // pooled the connection, then the empty write's late 'finish' pooled it again, taking it from under
  // the next request, which then never saw its answer.
  const write = socket._write as Duplex['_write']
  socket._write = (chunk, encoding, callback) => {
    active()
    return chunk.length === 0
      ? write.call(end, chunk, encoding, callback)
      : write.call(end, chunk, encoding, (error?: Error | null) => setImmediate(callback, error))
  }
  // Bytes from the other end arrive by push.
  const push = socket.push as Duplex['push']
  socket.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null) active()
    return push.call(end, chunk, encoding)
  }
  const self = function (this: Duplex) {
    return this
  }
  socket.setNoDelay ??= self
  socket.setKeepAlive ??= self
  socket.ref ??= self
  socket.unref ??= self
}

/**
 * net.Socket's idle timeout (https://nodejs.org/api/net.html#socketsettimeouttimeout-callback): `setTimeout(ms)`
 * emits 'timeout' once no byte has moved either way for `ms`, and destroys nothing itself. node:http relies on
 * it: a request's `timeout` option and `req.setTimeout()` (axios's `timeout`), an agent's idle pooled
 * connections, and the server's keep-alive and idle limits. Returns what marks the connection active.
 */
function idleTimeout(socket: Duplex & Record<string, unknown>): () => void {
  let timer: NodeJS.Timeout | undefined
  socket.setTimeout = (ms: number, callback?: () => void) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    // Read by node:http's Agent before it sets its own.
    socket.timeout = ms
    if (ms > 0) timer = setTimeout(() => socket.emit('timeout'), ms).unref()
    if (callback !== undefined)
      if (ms > 0) socket.once('timeout', callback)
      else socket.removeListener('timeout', callback)
    return socket
  }
  socket.once('close', () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  })
  // A timer that has fired starts again on the next byte, as a socket's does.
  return () => {
    timer?.refresh()
  }
}
