import type { MiddlewareHandler } from 'hono'
import type { Clock } from './clock.js'
import type { JournalPart, RequestJournal } from './request-journal.js'

// Parts reported by a route while it reads a multipart body, keyed by the request, so that routes need no
// typed context variable from each app.
const partsByRequest = new WeakMap<Request, JournalPart[]>()

/** A route reports each multipart part it read, for the journal entry of `request`. */
export function journalPart(request: Request, part: JournalPart): void {
  const parts = partsByRequest.get(request)
  if (parts === undefined) partsByRequest.set(request, [part])
  else parts.push(part)
}

/** Query parameters holding secrets: SharpSpring's `secretKey`, a presigned URL's signature. */
const SECRET_PARAMETERS = /^(secretkey|x-amz-signature|x-amz-security-token)$/i

/** The query as received, but secrets never reach the journal (a log anyone on the machine can read). */
function redactedSearch(url: URL): string {
  if (url.search === '') return ''
  const pairs = [...url.searchParams].map(
    ([name, value]) =>
      `${encodeURIComponent(name)}=${SECRET_PARAMETERS.test(name) ? '[redacted]' : encodeURIComponent(value)}`,
  )
  return `?${pairs.join('&')}`
}

/**
 * Records every request a Hono app answers in `journal` (method, path, status, duration, and the parts a
 * route reported), except the admin API's own. Secret query values are redacted. A request that throws is recorded as the 500 it became.
 */
export function journalRequests(
  journal: RequestJournal,
  options: { service: string; clock: Clock },
): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    if (url.pathname.startsWith('/__admin/')) return next()
    const time = options.clock().toISOString()
    const started = performance.now()
    try {
      await next()
    } finally {
      const parts = partsByRequest.get(c.req.raw)
      journal.record({
        service: options.service,
        time,
        method: c.req.method,
        path: `${url.pathname}${redactedSearch(url)}`,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(parts === undefined ? {} : { parts }),
      })
    }
  }
}
