/** The type of a provider state's parameter: how a value from the pact's `params` or the sentence is read. */
export type StateParamType = 'string' | 'integer' | 'integers' | 'bytes' | 'boolean' | 'iso-date' | 'json'

export type ParamResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string }

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
}

/**
 * Reads one parameter. Values from the pact keep their JSON type when it fits; values from the sentence
 * are text, read by the declared type (never guessed from digits: an id of digits may be a string).
 */
export function readParam(type: StateParamType, value: unknown): ParamResult {
  switch (type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number'
        ? { ok: true, value: String(value) }
        : { ok: false, error: 'a string' }
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
      return Number.isSafeInteger(number)
        ? { ok: true, value: number }
        : { ok: false, error: 'a whole number' }
    }
    case 'integers': {
      const items = Array.isArray(value)
        ? value
        : typeof value === 'string'
          ? value
              .replace(/^\[|\]$/g, '')
              .split(/\s*(?:,|\band\b)\s*/)
              .filter((item) => item !== '')
          : [value]
      const read = items.map((item) => readParam('integer', item))
      return read.length > 0 && read.every((item) => item.ok)
        ? { ok: true, value: read.map((item) => (item as { value: number }).value) }
        : { ok: false, error: 'whole numbers (a JSON array, or "1, 2 and 3")' }
    }
    case 'bytes': {
      if (typeof value === 'number')
        return Number.isSafeInteger(value) && value >= 0
          ? { ok: true, value }
          : { ok: false, error: 'a size' }
      const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim()) : null
      const unit = UNITS[(match?.[2] ?? '').toLowerCase() || 'b']
      if (match === null || unit === undefined)
        return { ok: false, error: 'a size in bytes (1024, "10 MiB", "2 MB")' }
      return { ok: true, value: Math.round(Number(match[1]) * unit) }
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value }
      return value === 'true' || value === 'false'
        ? { ok: true, value: value === 'true' }
        : { ok: false, error: 'true or false' }
    case 'iso-date': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN
      return Number.isNaN(time)
        ? { ok: false, error: 'an ISO 8601 date-time ("2026-01-15T09:00:00Z")' }
        : { ok: true, value: new Date(time).toISOString() }
    }
    case 'json':
      return { ok: true, value }
  }
}
