import { type ApiResult, invalid, ok } from './api-failures.js'

// The time filters of list requests (http://developer.onepagecrm.com/, "Request Parameters", "Limiting
// Listings By Time"; the spec's query_date_filter, query_since, query_until, query_modified_since,
// query_unmodified_since, https://github.com/OnePageCRM/swagger): `since` / `until` on the field
// `date_filter` names ("Otherwise it will return resources that were modified since this time"), or
// `modified_since` / `unmodified_since`, which "cannot be used with date_filter". Dates are `YYYY-MM-DD` or
// a UNIX timestamp.

export interface DateRangeQuery {
  readonly date_filter?: string | undefined
  readonly since?: string | undefined
  readonly until?: string | undefined
  readonly modified_since?: string | undefined
  readonly unmodified_since?: string | undefined
}

/** A range on one of a record's times; `from` inclusive, `to` exclusive, in milliseconds. */
export interface DateRange {
  readonly field: 'created_at' | 'modified_at'
  readonly from: number
  readonly to: number
}

/**
 * The ranges a query asks for (none when it asks for none); a 400 naming the parameter at fault. `until`
 * takes in the whole day it names (the spec's example range, 2018-07-01 to 2018-07-31).
 */
export function readDateRanges(query: DateRangeQuery): ApiResult<DateRange[]> {
  const errors: Record<string, string> = {}
  const field = query.date_filter
  if (field !== undefined && !['created_at', 'modified_at', 'updated_at'].includes(field)) {
    errors.date_filter = 'date_filter must be one of created_at, modified_at, updated_at'
  }
  if (field !== undefined && (query.modified_since !== undefined || query.unmodified_since !== undefined)) {
    errors.date_filter = 'date_filter cannot be used with modified_since or unmodified_since'
  }
  const time = (name: keyof DateRangeQuery, endOfDay: boolean) => {
    const value = query[name]
    if (value === undefined) return undefined
    const parsed = parseTime(value, endOfDay)
    if (parsed === undefined) errors[name] = `${name} must be a date (YYYY-MM-DD) or a UNIX timestamp`
    return parsed
  }
  const since = time('since', false)
  const until = time('until', true)
  const modifiedSince = time('modified_since', false)
  const unmodifiedSince = time('unmodified_since', false)
  if (Object.keys(errors).length > 0) return invalid(errors)
  const ranges: DateRange[] = []
  const onField = field === 'created_at' ? 'created_at' : 'modified_at'
  if (since !== undefined || until !== undefined) {
    ranges.push({
      field: onField,
      from: since ?? Number.NEGATIVE_INFINITY,
      to: until ?? Number.POSITIVE_INFINITY,
    })
  }
  if (modifiedSince !== undefined) {
    ranges.push({ field: 'modified_at', from: modifiedSince, to: Number.POSITIVE_INFINITY })
  }
  if (unmodifiedSince !== undefined) {
    ranges.push({ field: 'modified_at', from: Number.NEGATIVE_INFINITY, to: unmodifiedSince })
  }
  return ok(ranges)
}

export const inRanges = (
  record: { readonly created_at: string; readonly modified_at: string },
  ranges: readonly DateRange[],
): boolean =>
  ranges.every((range) => {
    const at = Date.parse(record[range.field])
    return at >= range.from && at < range.to
  })

/** Milliseconds of a `YYYY-MM-DD` (its start, or with `endOfDay` the next day's) or of UNIX seconds. */
function parseTime(value: string, endOfDay: boolean): number | undefined {
  if (/^\d{1,12}$/.test(value)) return Number(value) * 1000 + (endOfDay ? 1000 : 0)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const start = Date.parse(`${value}T00:00:00Z`)
  if (Number.isNaN(start)) return undefined
  return endOfDay ? start + 24 * 60 * 60 * 1000 : start
}
