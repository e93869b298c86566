import type { AddressInfo } from 'node:net'
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server'

export interface FetchApp {
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>
}

export interface StartServerOptions {
  /** Default `127.0.0.1`: mocks are for this machine unless told otherwise. */
  readonly host?: string
  /** Default 0: a free port. */
  readonly port?: number
}

export interface RunningServer {
  /** `http://<host>:<port>`, without a trailing slash. */
  readonly url: string
  readonly host: string
  readonly port: number
  /** Stops accepting connections, ends idle and in-flight ones, and resolves once the port is free. */
  close(): Promise<void>
}

/** Serves a Hono app on a real socket. Listening is kept apart from `createApp`, which never listens. */
export function startServer(app: FetchApp, options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: host, port: options.port ?? 0 },
      (info: AddressInfo) => {
        server.off('error', reject)
        const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address
        let closing: Promise<void> | undefined
        resolve({
          url: `http://${urlHost}:${info.port}`,
          host: info.address,
          port: info.port,
          close: () => {
            closing ??= new Promise<void>((done) => {
              server.close(() => done())
              if ('closeAllConnections' in server) server.closeAllConnections()
            })
            return closing
          },
        })
      },
    )
    server.once('error', reject)
  })
}
