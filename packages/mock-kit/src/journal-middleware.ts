import type { IncomingMessage } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { tryDecodeURI } from 'hono/utils/url'
import type { Clock } from './clock.js'
import { isSecretHeader, REDACTED, redactedJsonText, redactedSearch } from './journal-redaction.js'
import { incomingOf } from './request-body.js'
import type { JournalDetail, JournalEntry, JournalPart, RequestJournal } from './request-journal.js'
import { urlPath, urlSearch } from './request-url.js'

/**
 * A request being answered: what the journal saw arrive, and what routes reported so far, bounded as its
 * journal bounds entries. One object per request, the parts' list made only for a request with parts.
 */
interface PendingEntry {
  readonly journal: RequestJournal
  readonly url: string
  readonly pathname: string
  readonly time: string
  readonly started: number
  readonly headers: Record<string, string>
  parts: JournalPart[] | undefined
  omitted: number
  /** The injected fault that answered the request, if one did. */
  fault: string | undefined
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
  pending.parts ??= []
  const parts = pending.parts
  if (parts.length < pending.journal.bounds.maxPartsPerEntry) parts.push(pending.journal.boundPart(part))
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
  if (pending !== undefined) pending.detail = withDetail(pending.detail, detail)
}

/**
 * `current` with what `detail` says replacing it, kind by kind (a kind given as undefined is removed), as a
 * new object of one fixed shape: spreading objects of ever different keys made each merge a slow one
 * (bench/README.md, JSON API throughput).
 */
function withDetail(current: JournalDetail, detail: JournalDetail): JournalDetail {
  return {
    body: 'body' in detail ? detail.body : current.body,
    error: 'error' in detail ? detail.error : current.error,
    rpc: 'rpc' in detail ? detail.rpc : current.rpc,
    explanation: 'explanation' in detail ? detail.explanation : current.explanation,
  }
}

/**
 * Adds the JSON body a route read (`text`, as received) to the journal entry of `request`, with every
 * secret key's value redacted (`password`, `secretKey`…: `redactedJsonText`). The journal cuts it at its
 * `maxBodyBytes` when the entry is recorded.
 */
export function journalJsonBody(request: Request, text: string, contentType: string): void {
  const pending = pendingByRequest.get(request)
  if (pending === undefined) return
  pending.detail = withDetail(pending.detail, {
    body: { contentType, size: Buffer.byteLength(text), json: redactedJsonText(text) },
  })
}

/** The request's headers as received, but credentials, in the order sent (the first of a repeated name). */
function requestHeaders(request: Request, incoming: IncomingMessage | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  const raw = incoming?.rawHeaders
  if (raw !== undefined) {
    for (let index = 0; index + 1 < raw.length; index += 2) {
      const name = (raw[index] as string).toLowerCase()
      const value = raw[index + 1] as string
      const earlier = headers[name]
      headers[name] = isSecretHeader(name) ? REDACTED : earlier === undefined ? value : `${earlier}, ${value}`
    }
    return headers
  }
  request.headers.forEach((value, name) => {
    headers[name] = isSecretHeader(name) ? REDACTED : value
  })
  return headers
}

/**
 * The clock's time in ISO 8601, written once per millisecond: requests that arrive within the same one
 * share the text (formatting a date is a large part of what recording a request costs).
 */
function isoClock(clock: Clock): () => string {
  let lastMs = Number.NaN
  let lastText = ''
  return () => {
    const now = clock()
    const ms = now.getTime()
    if (ms !== lastMs) {
      lastText = now.toISOString()
      lastMs = ms
    }
    return lastText
  }
}

/** No detail yet: shared, since a detail is never changed in place but replaced (`journalDetail`). */
const NO_DETAIL: JournalDetail = Object.freeze({})

type Writable<T> = { -readonly [K in keyof T]: T[K] }

export interface JournalRequestsOptions {
  /** The service's name in the entries. */
  readonly service: string
  readonly clock: Clock
}

/**
 * Whether the host's app answers `pathname` with its admin API, as Hono's router sees the path: decoded when
 * it has a percent-encoded character (`/%5F%5Fadmin/requests` is the admin API's), as Hono's `getPath` does.
 */
function isAdminPath(pathname: string): boolean {
  const routed = pathname.includes('%') ? tryDecodeURI(pathname.replaceAll('%25', '%2525')) : pathname
  return routed.startsWith('/__admin/') || routed === '/__admin'
}

/** A request's entry from its arrival until it is recorded. */
export type OpenEntry = PendingEntry

/**
 * What `journalRequests` does for each request, for a host that hands requests to a service's app
 * without an app of its own in front: `arrive` as a request comes (undefined for the admin API's own,
 * which are not recorded), `record` once it is answered, with what routes reported meanwhile.
 */
export interface EntryRecorder {
  arrive(request: Request, incoming: IncomingMessage | undefined): OpenEntry | undefined
  record(request: Request, entry: OpenEntry, status: number): void
}

export function entryRecorder(journal: RequestJournal, options: JournalRequestsOptions): EntryRecorder {
  const now = isoClock(options.clock)
  return {
    arrive(request, incoming) {
      // Read from the URL's text: this runs on every request, and parsing a URL each time is a cost.
      const url = request.url
      const pathname = urlPath(url)
      if (isAdminPath(pathname)) return undefined
      const time = now()
      const started = performance.now()
      const pending: PendingEntry = {
        journal,
        url,
        pathname,
        time,
        started,
        headers: requestHeaders(request, incoming),
        parts: undefined,
        omitted: 0,
        fault: undefined,
        detail: NO_DETAIL,
      }
      pendingByRequest.set(request, pending)
      return pending
    },
    record(request, pending, status) {
      pendingByRequest.delete(request)
      const { detail, parts, omitted, fault } = pending
      const search = urlSearch(pending.url)
      // Built field by field, in the order the journal shows them, rather than by spreading optional ones.
      const entry: Writable<Omit<JournalEntry, 'seq'>> = {
        service: options.service,
        time: pending.time,
        method: request.method,
        path: search === '' ? pending.pathname : `${pending.pathname}${redactedSearch(search)}`,
        headers: pending.headers,
        status,
        durationMs: Math.round((performance.now() - pending.started) * 1000) / 1000,
      }
      if (detail.body !== undefined) entry.body = detail.body
      if (detail.error !== undefined) entry.error = detail.error
      if (detail.rpc !== undefined) entry.rpc = detail.rpc
      if (detail.explanation !== undefined) entry.explanation = detail.explanation
      if (parts !== undefined || omitted !== 0) entry.parts = parts ?? []
      if (omitted !== 0) entry.partsOmitted = omitted
      if (fault !== undefined) entry.fault = fault
      journal.record(entry)
    },
  }
}

/**
 * Records every request a Hono app answers in `journal` (method, path, headers, status, duration, and what
 * routes reported: parts, JSON body, vendor error, JSON-RPC call, explanation), except the admin API's
 * own. Secrets are redacted (`journal-redaction.ts`). A request that throws is recorded as the 500 it
 * became. The journal bounds what it keeps (see `createRequestJournal`).
 */
export function journalRequests(journal: RequestJournal, options: JournalRequestsOptions): MiddlewareHandler {
  const recorder = entryRecorder(journal, options)
  return async (c, next) => {
    const pending = recorder.arrive(c.req.raw, incomingOf(c))
    if (pending === undefined) return next()
    // Hono's error handler answers what an Error became; anything else thrown goes on to
    // @hono/node-server, which answers 500, while `c.res` still has its default 200.
    let status: number | undefined
    try {
      await next()
    } catch (error) {
      status = 500
      throw error
    } finally {
      recorder.record(c.req.raw, pending, status ?? c.res.status)
    }
  }
}
