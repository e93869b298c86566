import type { MiddlewareHandler } from 'hono'
import { parseRequestTarget } from '../domain/request-target.js'
import { type S3Context, type S3Env, s3Error } from './context.js'

/**
 * Reads the request target once, for every route: the bucket (from the Host header when it names one,
 * virtual-hosted style, else from the path) and key and the query, from the request line as the client
 * sent it, or S3's 400 InvalidURI. The `Request` URL cannot serve: WHATWG URL
 * parsing has already resolved `.` and `..` segments (`%2E%2E` included), so `/b/a/%2E%2E/c` would read `c`.
 */
export function readRequestTarget(): MiddlewareHandler<S3Env> {
  return async function requestTarget(c, next) {
    const parsed = parseRequestTarget(rawRequestTarget(c), c.req.header('host') ?? new URL(c.req.url).host)
    if (!parsed.ok) return s3Error(c, parsed.error)
    c.set('target', parsed.target)
    await next()
  }
}

/**
 * The request-target of the request line: Node's `IncomingMessage.url` on a real server (`c.env.incoming`
 * from @hono/node-server). A `Request` alone (`app.request()` in tests) only has its normalised URL.
 */
function rawRequestTarget(c: S3Context): string {
  const raw = c.env?.incoming?.url
  if (typeof raw === 'string' && raw !== '') return raw
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}
