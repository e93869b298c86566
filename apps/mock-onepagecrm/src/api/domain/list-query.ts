import { type ApiResult, invalid, invalidOrMissing, ok } from './api-failures.js'

// The list conventions of the spec's introduction ("sorting (sort_by, order), time filters (since, until,
// modified_since)") as the developer portal's Request Parameters page describes them: `date_filter` names
// the field `since` and `until` bound (without it they bound `modified_at`); `modified_since` and
// `unmodified_since` cannot be used with `date_filter`; times are `YYYY-MM-DD` or a UNIX timestamp (the
// spec's query_since). Bounds are inclusive, a date covering its whole day (UTC, the account's time zone);
// `order` defaults to `asc` when `sort_by` is given (inferred).

export interface ListQuery {
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
  readonly date_filter?: string | undefined
  readonly since?: string | undefined
  readonly until?: string | undefined
  readonly modified_since?: string | undefined
  readonly unmodified_since?: string | undefined
}

/** A record's value of a field: an ISO date-time (`2018-03-15T16:10:45Z`), a date, or a number. */
export type FieldOf<R> = (record: R) => string | number

interface Instant {
  /** Its day, `YYYY-MM-DD`. */
  readonly date: string
  /** The first and last millisecond it stands for: a date's whole day, a timestamp's second. */
  readonly from: number
  readonly to: number
}

function parseInstant(text: string): Instant | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const from = Date.parse(`${text}T00:00:00Z`)
    if (Number.isNaN(from)) return undefined
    return { date: text, from, to: from + 86_400_000 - 1 }
  }
  if (/^\d{1,12}$/.test(text)) {
    const from = Number(text) * 1000
    return { date: new Date(from).toISOString().slice(0, 10), from, to: from + 999 }
  }
  return undefined
}

const isDate = (value: string) => value.length === 10

/**
 * The records' filter for `date_filter`, `since`, `until`, `modified_since` and `unmodified_since`; `fields`
 * names what `date_filter` may take, `modifiedAt` the modification time.
 */
export function timeFilter<R>(
  query: ListQuery,
  fields: Readonly<Record<string, FieldOf<R>>>,
  modifiedAt: (record: R) => string,
): ApiResult<(record: R) => boolean> {
  const errors: Record<string, string> = {}
  const instant = (name: keyof ListQuery) => {
    const text = query[name]
    if (text === undefined || text === '') return undefined
    const parsed = parseInstant(text)
    if (parsed === undefined) errors[name] = `${name} must be a date (YYYY-MM-DD) or a UNIX timestamp`
    return parsed
  }
  const since = instant('since')
  const until = instant('until')
  const modifiedSince = instant('modified_since')
  const unmodifiedSince = instant('unmodified_since')
  const dateFilter = query.date_filter === '' ? undefined : query.date_filter
  if (dateFilter !== undefined && !(dateFilter in fields))
    errors.date_filter = invalidOrMissing('date_filter')
  if (dateFilter !== undefined && (modifiedSince !== undefined || unmodifiedSince !== undefined)) {
    errors.date_filter = 'date_filter cannot be used with modified_since or unmodified_since'
  }
  if (Object.keys(errors).length > 0) return invalid(errors)
  const field: FieldOf<R> = (dateFilter === undefined ? undefined : fields[dateFilter]) ?? modifiedAt
  const after = (value: string, bound: Instant) =>
    isDate(value) ? value >= bound.date : Date.parse(value) >= bound.from
  const before = (value: string, bound: Instant) =>
    isDate(value) ? value <= bound.date : Date.parse(value) <= bound.to
  return ok((record: R) => {
    const value = String(field(record))
    if (since !== undefined && !after(value, since)) return false
    if (until !== undefined && !before(value, until)) return false
    const modified = modifiedAt(record)
    if (modifiedSince !== undefined && Date.parse(modified) < modifiedSince.from) return false
    if (unmodifiedSince !== undefined && Date.parse(modified) >= unmodifiedSince.from) return false
    return true
  })
}

/**
 * The records in the order `sort_by` and `order` ask for (`fields` names what `sort_by` may take), else in
 * `fallback`'s order (`order` still applies to it). Ties keep the records' order, reversed with it.
 */
export function sortRecords<R>(
  records: readonly R[],
  query: ListQuery,
  fields: Readonly<Record<string, FieldOf<R>>>,
  fallback: { readonly field?: FieldOf<R>; readonly descending: boolean },
): ApiResult<R[]> {
  const errors: Record<string, string> = {}
  const sortBy = query.sort_by === '' ? undefined : query.sort_by
  if (sortBy !== undefined && !(sortBy in fields)) errors.sort_by = invalidOrMissing('sort_by')
  const order = query.order === '' ? undefined : query.order
  if (order !== undefined && order !== 'asc' && order !== 'desc') errors.order = invalidOrMissing('order')
  if (Object.keys(errors).length > 0) return invalid(errors)
  const field = sortBy === undefined ? fallback.field : fields[sortBy]
  const descending =
    order === undefined ? (sortBy === undefined ? fallback.descending : false) : order === 'desc'
  const sorted =
    field === undefined
      ? [...records]
      : [...records].sort((a, b) => {
          const [x, y] = [field(a), field(b)]
          return x < y ? -1 : x > y ? 1 : 0
        })
  return ok(descending ? sorted.reverse() : sorted)
}

/** Case-insensitive containment, for `search` and `name`. */
export const containsText = (haystack: string, needle: string): boolean =>
  haystack.toLocaleLowerCase('en').includes(needle.toLocaleLowerCase('en'))
