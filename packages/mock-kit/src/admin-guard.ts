import { isIP } from 'node:net'
import type { Context, MiddlewareHandler } from 'hono'
import { incomingOf } from './request-body.js'

/**
 * Why an admin request is refused, or undefined when it may go on. The admin API answers only requests
 * from its own origin, so that no web page the developer has open can arm faults, reset the mocks or seed
 * a user with its own API key (a "simple" cross-origin request needs no CORS preflight):
 *
 * - `Sec-Fetch-Site` other than `same-origin` or `none` (typed in the address bar), when sent: 403.
 * - `Origin`, when sent (browsers send it on every POST, and on every CORS request), must be
 *   `http://<Host>`: another origin, or `null`, is refused with 403.
 * - On a loopback connection the Host must be a loopback name (`localhost`, `*.localhost`, `127.x.x.x`,
 *   `[::1]`), so that a page whose own name was rebound to 127.0.0.1 (DNS rebinding: then Origin and Host
 *   agree) is refused too: 403.
 * - A request that changes state (any method but GET and HEAD) carries `Content-Type: application/json`,
 *   or nothing at all (no Content-Type, no body: `curl -X POST …/__admin/reset`): anything else is 415.
 *   The types a page may send without a preflight (`text/plain`, forms) are never accepted.
 *
 * Requests without these headers (curl, test code, Node's fetch) go through unchanged.
 */
export function adminRefusal(c: Context): { status: 403 | 415; error: string } | undefined {
  const site = c.req.header('sec-fetch-site')?.trim().toLowerCase()
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return {
      status: 403,
      error: `The admin API answers only same-origin requests; this one is Sec-Fetch-Site: ${site}.`,
    }
  const host = requestHost(c)
  const origin = c.req.header('origin')
  if (origin !== undefined && !sameOrigin(origin, host))
    return {
      status: 403,
      error: `The admin API answers only same-origin requests: Origin ${shorten(origin)} is not http://${host ?? '(no Host)'}.`,
    }
  if (host !== undefined && onLoopback(c) && !isLoopbackName(host))
    return {
      status: 403,
      error: `The admin API of a mock on loopback answers only loopback names (localhost, 127.0.0.1, [::1]), not Host ${shorten(host)}.`,
    }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !jsonOrNothing(c))
    return {
      status: 415,
      error:
        'The admin API takes JSON: send Content-Type: application/json (or no body and no Content-Type).',
    }
  return undefined
}

/**
 * The admin API's gate (`adminRefusal`), and its answers' headers: never a CORS header (whatever a later
 * handler set), `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.
 */
export function guardAdminRequests(): MiddlewareHandler {
  return async (c, next) => {
    const refusal = adminRefusal(c)
    if (refusal !== undefined) {
      c.header('Connection', 'close')
      c.res = c.json({ error: refusal.error }, refusal.status)
    } else {
      await next()
    }
    for (const name of [...c.res.headers.keys()])
      if (name.startsWith('access-control-')) c.res.headers.delete(name)
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('Cache-Control', 'no-store')
  }
}

/** `host[:port]` as the client named it (Host header), or as the URL has it without one (`app.request()`). */
function requestHost(c: Context): string | undefined {
  const header = c.req.header('host')
  const raw = header ?? new URL(c.req.url).host
  try {
    return new URL(`http://${raw.trim()}`).host
  } catch {
    return undefined
  }
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' && url.host === host
  } catch {
    // `null` (a sandboxed frame, a file:// page, a redirect) and anything malformed: not this origin.
    return false
  }
}

/** The connection arrived at a loopback address: the server listens on loopback (or all addresses). */
function onLoopback(c: Context): boolean {
  const local = incomingOf(c)?.socket?.localAddress
  return local !== undefined && isLoopbackAddress(local)
}

function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^::ffff:/i, '')
  return (isIP(bare) === 4 && bare.startsWith('127.')) || bare === '::1'
}

/** `localhost`, `*.localhost` (RFC 6761 keeps both on loopback), `127.x.x.x` and `[::1]`, any port. */
function isLoopbackName(host: string): boolean {
  const hostname = new URL(`http://${host}`).hostname.toLowerCase()
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  return isLoopbackAddress(hostname.replace(/^\[|\]$/g, ''))
}

function jsonOrNothing(c: Context): boolean {
  const type = c.req.header('content-type')
  if (type === undefined) {
    const length = c.req.header('content-length')
    return c.req.header('transfer-encoding') === undefined && (length === undefined || length.trim() === '0')
  }
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

const shorten = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)
