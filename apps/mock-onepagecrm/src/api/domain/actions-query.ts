import { isoDate } from './time.js'

// Query values of the action lists and streams: flags, and the time filters of a list (the spec's `since`, `until`, `modified_since`, `unmodified_since`: "date must
// be in format YYYY-MM-DD or UNIX timestamp", https://github.com/OnePageCRM/swagger).

/** A bound as the instant it starts (`from`), the last second it covers (`to`) and its day. */
export interface TimeBound {
  readonly from: number
  readonly to: number
  readonly day: string
}

/**
 * `YYYY-MM-DD` (the whole UTC day) or Unix seconds (that second); undefined for anything else. A day given
 * to `until` covers the whole day (inferred).
 */
export function parseTimeBound(text: string): TimeBound | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const from = Date.parse(`${text}T00:00:00Z`)
    if (Number.isNaN(from) || isoDate(new Date(from)) !== text) return undefined
    return { from, to: from + 86_399_000, day: text }
  }
  if (/^\d{1,11}$/.test(text)) {
    const from = Number(text) * 1000
    return { from, to: from, day: isoDate(new Date(from)) }
  }
  return undefined
}

/** Whether an ISO time (`2018-05-16T11:52:09Z`) is within `since` … `until`. */
export function timeWithin(
  time: string,
  since: TimeBound | undefined,
  until: TimeBound | undefined,
): boolean {
  const at = Date.parse(time)
  return (since === undefined || at >= since.from) && (until === undefined || at <= until.to)
}

/** Whether a day (`YYYY-MM-DD`) is within `since` … `until`; no day is within none. */
export function dayWithin(
  day: string | null,
  since: TimeBound | undefined,
  until: TimeBound | undefined,
): boolean {
  if (day === null) return false
  return (since === undefined || day >= since.day) && (until === undefined || day <= until.day)
}

/** A boolean query flag, `true`/`1` or `false`/`0`; undefined when absent, null when it is neither. */
export function readFlag(text: string | undefined): boolean | undefined | null {
  if (text === undefined) return undefined
  if (text === 'true' || text === '1') return true
  if (text === 'false' || text === '0') return false
  return null
}
