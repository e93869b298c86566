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

/**
 * Records every request a Hono app answers in `journal` (method, path, status, duration, and the parts a
 * route reported), except the admin API's own. A request that throws is recorded as the 500 it became.
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
        path: `${url.pathname}${url.search}`,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(parts === undefined ? {} : { parts }),
      })
    }
  }
}
