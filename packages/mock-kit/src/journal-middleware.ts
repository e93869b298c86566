import type { MiddlewareHandler } from 'hono'
import type { Clock } from './clock.js'
import type { JournalPart, RequestJournal } from './request-journal.js'

/** The parts a route reported so far for one request's entry, bounded as its journal bounds entries. */
interface PendingParts {
  readonly journal: RequestJournal
  readonly parts: JournalPart[]
  omitted: number
  /** The injected fault that answered the request, if one did. */
  fault?: string
}

// Parts reported by a route while it reads a multipart body, keyed by the request, so that routes need no
// typed context variable from each app. Only requests the middleware journals have an entry here.
const partsByRequest = new WeakMap<Request, PendingParts>()

/**
 * A route reports each multipart part it read, for the journal entry of `request`. Parts past the
 * journal's `maxPartsPerEntry` are only counted and strings are cut as they come, so a body of many parts
 * with long names costs the journal little even before its entry is recorded. Ignored when nothing
 * journals the request.
 */
export function journalPart(request: Request, part: JournalPart): void {
  const pending = partsByRequest.get(request)
  if (pending === undefined) return
  if (pending.parts.length < pending.journal.bounds.maxPartsPerEntry)
    pending.parts.push(pending.journal.boundPart(part))
  else pending.omitted += 1
}

/**
 * Marks the journal entry of `request` as answered by the injected fault `name` (`/__admin/faults`), so the
 * journal tells a fault's 500 or dropped connection from the vendor's own. Ignored when nothing journals it.
 */
export function journalFault(request: Request, name: string): void {
  const pending = partsByRequest.get(request)
  if (pending !== undefined) pending.fault = name
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
 * route reported), except the admin API's own. Secret query values are redacted. A request that throws is
 * recorded as the 500 it became. The journal bounds what it keeps (see `createRequestJournal`).
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
    const pending: PendingParts = { journal, parts: [], omitted: 0 }
    partsByRequest.set(c.req.raw, pending)
    try {
      await next()
    } finally {
      partsByRequest.delete(c.req.raw)
      journal.record({
        service: options.service,
        time,
        method: c.req.method,
        path: `${url.pathname}${redactedSearch(url)}`,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(pending.parts.length === 0 && pending.omitted === 0 ? {} : { parts: pending.parts }),
        ...(pending.omitted === 0 ? {} : { partsOmitted: pending.omitted }),
        ...(pending.fault === undefined ? {} : { fault: pending.fault }),
      })
    }
  }
}
