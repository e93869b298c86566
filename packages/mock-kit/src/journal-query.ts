import type { JournalQuery } from './request-journal.js'

/** The filters `GET /__admin/requests` takes. */
export const JOURNAL_FILTERS = [
  'service',
  'method',
  'path',
  'status',
  'code',
  'rpcMethod',
  'fault',
  'refused',
  'since',
  'until',
  'limit',
] as const

/**
 * `GET /__admin/requests`'s query: `service`, `method`, `path` (a prefix), `status` (`404`, or a class such
 * as `4xx`), `code` (the vendor's error code, as the vendor spells it: `EntityTooLarge`, `not_emulated`,
 * `205`), `rpcMethod` (a SharpSpring JSON-RPC method), `fault=true|false` (answered by an injected fault or
 * not), `refused=true` (4xx and 5xx only), `since` and `until` (ISO 8601 date-times, the request's
 * arrival), `limit` (the most recent that match). A filter it does not know, or a value it cannot read, is
 * refused naming it: a filter silently ignored would show requests that do not match.
 */
export function readJournalQuery(
  params: URLSearchParams,
): { ok: true; value: JournalQuery } | { ok: false; error: string } {
  const known: readonly string[] = JOURNAL_FILTERS
  for (const name of params.keys()) {
    if (!known.includes(name))
      return {
        ok: false,
        error: `No journal filter "${name}"; the filters are ${JOURNAL_FILTERS.join(', ')}.`,
      }
  }
  const text = (name: string) => params.get(name) ?? undefined
  const limit = text('limit')
  if (limit !== undefined && !/^\d{1,9}$/.test(limit))
    return { ok: false, error: `limit must be a whole number, not "${limit}".` }
  const statusText = text('status')
  let status: ((value: number) => boolean) | undefined
  if (statusText !== undefined) {
    const match = /^([1-5])(?:(\d\d)|xx)$/i.exec(statusText)
    if (match === null)
      return {
        ok: false,
        error: `status must be a status such as 404 or a class such as 4xx, not "${statusText}".`,
      }
    const exact = match[2] === undefined ? undefined : Number(statusText)
    const family = Number(match[1])
    status = (value) => (exact === undefined ? Math.floor(value / 100) === family : value === exact)
  }
  const refused = text('refused')
  if (refused !== undefined && refused !== 'true' && refused !== 'false')
    return { ok: false, error: `refused must be true or false, not "${refused}".` }
  const fault = text('fault')
  if (fault !== undefined && fault !== 'true' && fault !== 'false')
    return { ok: false, error: `fault must be true or false, not "${fault}".` }
  if (refused === 'true') {
    const inner = status
    status = (value) => value >= 400 && (inner === undefined || inner(value))
  }
  const dates: Record<'since' | 'until', Date | undefined> = { since: undefined, until: undefined }
  for (const name of ['since', 'until'] as const) {
    const value = text(name)
    if (value === undefined) continue
    if (
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
      Number.isNaN(Date.parse(value))
    )
      return {
        ok: false,
        error: `${name} must be an ISO 8601 date-time with an offset (2030-01-01T00:00:00Z), not "${value}".`,
      }
    dates[name] = new Date(value)
  }
  return {
    ok: true,
    value: {
      service: text('service'),
      method: text('method'),
      pathPrefix: text('path'),
      status,
      code: text('code'),
      rpcMethod: text('rpcMethod'),
      fault: fault === undefined ? undefined : fault === 'true',
      since: dates.since,
      until: dates.until,
      limit: limit === undefined ? undefined : Number(limit),
    },
  }
}
