import type { MiddlewareHandler } from 'hono'
import type { Clock } from './clock.js'
import { isSecretHeader, REDACTED, redactedJsonText, redactedSearch } from './journal-redaction.js'
import { incomingOf } from './request-body.js'
import type { JournalDetail, JournalPart, RequestJournal } from './request-journal.js'

/** What routes reported so far for one request's entry, bounded as its journal bounds entries. */
interface PendingEntry {
  readonly journal: RequestJournal
  readonly parts: JournalPart[]
  omitted: number
  /** The injected fault that answered the request, if one did. */
  fault?: string
  detail: JournalDetail
}

// What routes report for an entry, keyed by the request, so that routes need no typed context variable
// from each app. Only requests the middleware journals have an entry here.
const pendingByRequest = new WeakMap<Request, PendingEntry>()

/**
 * A route reports each multipart part it read, for the journal entry of `request`. Parts past the
 * journal's `maxPartsPerEntry` are only counted and strings are cut as they come, so a body of many parts
 * with long names costs the journal little even before its entry is recorded. Ignored when nothing
 * journals the request.
 */
export function journalPart(request: Request, part: JournalPart): void {
  const pending = pendingByRequest.get(request)
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
  const pending = pendingByRequest.get(request)
  if (pending !== undefined) pending.fault = name
}

/**
 * Adds what a route knows to the journal entry of `request`: the vendor error it answered with, the
 * JSON-RPC call, an explanation of its checks. A later detail of the same kind replaces an earlier one.
 * Ignored when nothing journals the request. The journal bounds it when the entry is recorded.
 */
export function journalDetail(request: Request, detail: JournalDetail): void {
  const pending = pendingByRequest.get(request)
  if (pending !== undefined) pending.detail = { ...pending.detail, ...detail }
}

/**
 * Adds the JSON body a route read (`text`, as received) to the journal entry of `request`, with every
 * secret key's value redacted (`password`, `secretKey`…: `redactedJsonText`). The journal cuts it at its
 * `maxBodyBytes` when the entry is recorded.
 */
export function journalJsonBody(request: Request, text: string, contentType: string): void {
  const pending = pendingByRequest.get(request)
  if (pending === undefined) return
  pending.detail = {
    ...pending.detail,
    body: { contentType, size: Buffer.byteLength(text), json: redactedJsonText(text) },
  }
}

/** The request's headers as received, but credentials, in the order sent (the first of a repeated name). */
function requestHeaders(c: Parameters<MiddlewareHandler>[0]): Record<string, string> {
  const headers: Record<string, string> = {}
  const raw = incomingOf(c)?.rawHeaders
  if (raw !== undefined) {
    for (let index = 0; index + 1 < raw.length; index += 2) {
      const name = (raw[index] as string).toLowerCase()
      const value = raw[index + 1] as string
      headers[name] = isSecretHeader(name)
        ? REDACTED
        : headers[name] === undefined
          ? value
          : `${headers[name]}, ${value}`
    }
    return headers
  }
  c.req.raw.headers.forEach((value, name) => {
    headers[name] = isSecretHeader(name) ? REDACTED : value
  })
  return headers
}

/**
 * Records every request a Hono app answers in `journal` (method, path, headers, status, duration, and what
 * routes reported: parts, JSON body, vendor error, JSON-RPC call, explanation), except the admin API's
 * own. Secrets are redacted (`journal-redaction.ts`). A request that throws is recorded as the 500 it
 * became. The journal bounds what it keeps (see `createRequestJournal`).
 */
export function journalRequests(
  journal: RequestJournal,
  options: { service: string; clock: Clock },
): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    if (url.pathname.startsWith('/__admin/') || url.pathname === '/__admin') return next()
    const time = options.clock().toISOString()
    const started = performance.now()
    const pending: PendingEntry = { journal, parts: [], omitted: 0, detail: {} }
    pendingByRequest.set(c.req.raw, pending)
    const headers = requestHeaders(c)
    try {
      await next()
    } finally {
      pendingByRequest.delete(c.req.raw)
      const { detail } = pending
      journal.record({
        service: options.service,
        time,
        method: c.req.method,
        path: `${url.pathname}${redactedSearch(url)}`,
        headers,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(detail.body === undefined ? {} : { body: detail.body }),
        ...(detail.error === undefined ? {} : { error: detail.error }),
        ...(detail.rpc === undefined ? {} : { rpc: detail.rpc }),
        ...(detail.explanation === undefined ? {} : { explanation: detail.explanation }),
        ...(pending.parts.length === 0 && pending.omitted === 0 ? {} : { parts: pending.parts }),
        ...(pending.omitted === 0 ? {} : { partsOmitted: pending.omitted }),
        ...(pending.fault === undefined ? {} : { fault: pending.fault }),
      })
    }
  }
}
