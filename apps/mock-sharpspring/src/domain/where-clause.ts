import { apiError, type MethodResult, type Params } from './method-result.js'
import { notEmulatedData } from './not-emulated.js'

/** What a get method's `where` may hold. */
export interface WhereSpec {
  /** The keys the mock filters on; any other key is refused as not emulated. */
  readonly keys: readonly string[]
  /** Keys that may hold a list of values (`where: {id: [1, 2]}`). */
  readonly lists?: readonly string[]
  /** `where` must be there, even empty, as most get methods require [CLIENT rmuit]; default true. */
  readonly required?: boolean
}

/** One condition of a `where`: the key and the values it accepts (one, unless `list`). */
export interface Condition {
  readonly key: string
  readonly values: readonly string[]
  readonly list: boolean
}

/** The most values one list condition may hold: a call reads at most 500 objects [DOC]. */
const MAX_LIST = 500

/**
 * Reads `params.where`: a JSON object (or `[]`, what PHP's json_encode makes of an empty array) of scalar
 * values, lists only where `spec.lists` allows. 206 when it is required and missing, 205 when malformed or
 * when it names a key the mock does not emulate (naming it, with the keys it does).
 */
export function readWhere(
  params: Params,
  spec: WhereSpec,
): { ok: true; conditions: Condition[] } | { ok: false; result: MethodResult } {
  const where = params.where
  if (where === undefined || where === null) {
    return spec.required === false
      ? { ok: true, conditions: [] }
      : { ok: false, result: apiError(206, { missing: ['where'] }) }
  }
  if (Array.isArray(where) && where.length === 0) return { ok: true, conditions: [] }
  if (typeof where !== 'object' || Array.isArray(where))
    return { ok: false, result: apiError(205, { where: 'must be an object' }) }
  const keys = Object.keys(where)
  const unknown = keys.filter((key) => !spec.keys.includes(key))
  if (unknown.length > 0) {
    const names = unknown.map((key) => `where.${key}`)
    return { ok: false, result: apiError(205, notEmulatedData(names, spec.keys)) }
  }
  const conditions: Condition[] = []
  for (const key of keys) {
    const value = (where as Params)[key]
    if (Array.isArray(value)) {
      const values = value.map(scalarText)
      if (!spec.lists?.includes(key) || values.length === 0 || values.length > MAX_LIST)
        return { ok: false, result: apiError(205, { where: key, reason: listReason(spec, key) }) }
      if (values.some((text) => text === undefined))
        return { ok: false, result: apiError(205, { where: key, reason: 'a list of values' }) }
      conditions.push({ key, values: values as string[], list: true })
      continue
    }
    const text = scalarText(value)
    if (text === undefined) return { ok: false, result: apiError(205, { where: key, reason: 'a value' }) }
    conditions.push({ key, values: [text], list: false })
  }
  return { ok: true, conditions }
}

const listReason = (spec: WhereSpec, key: string) =>
  spec.lists?.includes(key) ? `a list of 1 to ${MAX_LIST} values` : 'a single value, not a list'

/** A where value as kept values read: strings, numbers as their text, nothing else. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** Whether a row passes every condition, each key read by `read` and compared by `same`. */
export function passes(
  conditions: readonly Condition[],
  read: (key: string) => string | null | undefined,
  same: (key: string, a: string, b: string) => boolean = (_key, a, b) => a === b,
): boolean {
  return conditions.every((condition) => {
    const value = read(condition.key)
    return value != null && condition.values.some((wanted) => same(condition.key, value, wanted))
  })
}
