import { apiError, type MethodResult, type Params } from './method-result.js'
import type { Row, SharpSpringContext } from './state.js'
import { zoneToUtc } from './time-zone.js'

/** Which kept timestamp a `get…DateRange` call compares, and the UTC bounds it compares against (inclusive). */
export interface DateRange {
  readonly column: 'createTimestamp' | 'updateTimestamp'
  readonly start: string
  readonly end: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The parameters of every `get…DateRange` method: `startDate` and `endDate` as `Y-m-d H:i:s` (or a bare date:
 * the start or the end of that day), read in the call's time zone, and `timestamp` `create` (the default) or
 * `update` (dllobell/sharpspring-api, src/SharpspringClient.php, `getLeadsDateRange`; rmuit/sharpspring-restapi,
 * src/Connection.php). 206 when a date is missing, 205 when one is not a real date-time.
 */
export function readDateRange(
  ctx: SharpSpringContext,
  params: Params,
): { ok: true; range: DateRange } | { ok: false; result: MethodResult } {
  const missing = ['startDate', 'endDate'].filter(
    (name) => params[name] === undefined || params[name] === null,
  )
  if (missing.length > 0) return { ok: false, result: apiError(206, { missing }) }
  const zone = ctx.timeZone ?? 'UTC'
  const bound = (value: unknown, endOfDay: boolean) => {
    if (typeof value !== 'string') return undefined
    const text = DATE.test(value) ? `${value} ${endOfDay ? '23:59:59' : '00:00:00'}` : value
    return zoneToUtc(text, zone)
  }
  const start = bound(params.startDate, false)
  const end = bound(params.endDate, true)
  if (start === undefined || end === undefined)
    return { ok: false, result: apiError(205, { startDate: 'Y-m-d H:i:s', endDate: 'Y-m-d H:i:s' }) }
  const timestamp = params.timestamp ?? 'create'
  if (timestamp !== 'create' && timestamp !== 'update')
    return { ok: false, result: apiError(205, { timestamp: ['create', 'update'] }) }
  const column = timestamp === 'create' ? 'createTimestamp' : 'updateTimestamp'
  return { ok: true, range: { column, start, end } }
}

/** Whether a row's kept timestamp falls in the range. */
export function inRange(range: DateRange, row: Row): boolean {
  const at = row[range.column]
  return at != null && at >= range.start && at <= range.end
}
