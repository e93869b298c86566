import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server'

export interface FetchApp {
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>
}

/**
 * How long a server waits on a client. There is no limit on a whole request: an upload at a slow but
 * steady rate takes as long as it takes. What is cut is a client that stops: one sending its request head
 * too slowly, and a connection where nothing moves.
 */
export interface ServerTimeouts {
  /** The request line and headers must all arrive within this many ms of the request's start (408 then). */
  readonly headersMs: number
  /**
   * A connection on which nothing is received or sent for this many ms is closed, mid-request or not: a
   * stalled upload, a client that stopped reading its answer.
   */
  readonly idleMs: number
  /** A kept-alive connection waiting for its next request is closed after this many ms. */
  readonly keepAliveMs: number
}

/**
 * 30 s for a request head (Node's 60 s, checked every 30 s, let one take up to 89 s); 60 s without a byte
 * either way (Node has no such limit); 5 s keep-alive (Node's default, above undici's 4 s so that a
 * client never reuses a connection the server is closing). Node's 300 s cap on a whole request is off.
 */
export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 30_000,
  idleMs: 60_000,
  keepAliveMs: 5_000,
}

export interface StartServerOptions {
  /** Default `127.0.0.1`: mocks are for this machine unless told otherwise. */
  readonly host?: string
  /** Default 0: a free port. */
  readonly port?: number
  /** Default `DEFAULT_SERVER_TIMEOUTS`, each field on its own. */
  readonly timeouts?: Partial<ServerTimeouts> | undefined
}

export interface RunningServer {
  /** `http://<host>:<port>`, without a trailing slash. */
  readonly url: string
  readonly host: string
  readonly port: number
  /** Stops accepting connections, ends idle and in-flight ones, and resolves once the port is free. */
  close(): Promise<void>
}

/**
 * The Node `http.Server` for a Hono app, not listening: `startServer` listens on it, and a server that never
 * listens can be given connections that are not sockets (`server.emit('connection', duplex)`), the way
 * `interceptVendors()` of `@crmkit/mocks` reaches the mocks without a port.
 */
export function createNodeServer(app: FetchApp, options: StartServerOptions = {}): Server {
  const limits = { ...DEFAULT_SERVER_TIMEOUTS, ...options.timeouts }
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: options.host ?? '127.0.0.1',
    // Its own clean-up closes the socket half a second after an answer given before the body ended, and
    // closing on unread data resets the connection: a client still sending loses the answer. The host's
    // drainAfterAnswer reads the rest within bounds instead.
    autoCleanupIncoming: false,
    serverOptions: {
      headersTimeout: limits.headersMs,
      // Off: a slow honest upload must finish; `idleMs` cuts a client that stopped instead.
      requestTimeout: 0,
      keepAliveTimeout: limits.keepAliveMs,
      // How often the head deadline is checked (Node's default 30 s would add up to 30 s to it).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersMs / 4))),
    },
  }) as Server
  // A socket idle this long is destroyed (no 'timeout' listener is added, so Node destroys it).
  server.setTimeout(limits.idleMs)
  // A client may half-close its side once its request is sent (`shutdown(SHUT_WR)`, `curl` with some
  // proxies, `nc -N`); without this Node ends the connection at once and an answer that is not ready
  // yet is lost. With it, the connection ends after the answer to the last request.
  ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
  return server
}

/** Serves a Hono app on a real socket. Listening is kept apart from `createApp`, which never listens. */
export function startServer(app: FetchApp, options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const server = createNodeServer(app, options)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      const info = server.address() as AddressInfo
      const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address
      let closing: Promise<void> | undefined
      resolve({
        url: `http://${urlHost}:${info.port}`,
        host: info.address,
        port: info.port,
        close: () => {
          closing ??= new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
          return closing
        },
      })
    })
  })
}
