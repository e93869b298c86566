import { truncateText } from './truncate-text.js'

/**
 * What a record row may cost an answer of `GET /__admin/records`: its strings cut, its lists and objects
 * capped; and what the whole answer may cost, past which no more rows are added (each group's `total` still
 * says how many there are).
 */
export const RECORD_BOUNDS = {
  maxStringBytes: 1024,
  maxListItems: 50,
  maxKeys: 200,
  maxDepth: 6,
  maxAnswerBytes: 8 * 1024 * 1024,
} as const

/**
 * `value` as JSON, bounded: strings cut at `maxStringBytes` (with a marker), lists past `maxListItems` cut
 * (with a marker item), objects past `maxKeys` keys cut (with a marker key), anything nested deeper than
 * `maxDepth` replaced by a marker. Records are the service's own, but their fields hold what clients sent,
 * which must not make an answer grow without end.
 */
export function boundRecord(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return truncateText(value, RECORD_BOUNDS.maxStringBytes)
  if (value === null || typeof value !== 'object') return value
  if (depth >= RECORD_BOUNDS.maxDepth) return '…[nested too deep]'
  if (Array.isArray(value)) {
    const kept = value.slice(0, RECORD_BOUNDS.maxListItems).map((item) => boundRecord(item, depth + 1))
    if (value.length > RECORD_BOUNDS.maxListItems)
      kept.push(`…[${value.length - RECORD_BOUNDS.maxListItems} more]`)
    return kept
  }
  const entries = Object.entries(value)
  const kept = entries
    .slice(0, RECORD_BOUNDS.maxKeys)
    .map(([key, item]) => [truncateText(key, RECORD_BOUNDS.maxStringBytes), boundRecord(item, depth + 1)])
  if (entries.length > RECORD_BOUNDS.maxKeys)
    kept.push(['…', `[${entries.length - RECORD_BOUNDS.maxKeys} more keys]`])
  return Object.fromEntries(kept)
}

/** The last `limit` of `items` (the newest, as maps keep creation order), newest first. */
export function newestFirst<T>(items: Iterable<T>, limit: number): T[] {
  const all = [...items]
  return all.slice(Math.max(0, all.length - limit)).reverse()
}
