import { invalidOrMissing } from './api-failures.js'
import { isObjectId } from './object-id.js'

export type JsonObject = Readonly<Record<string, unknown>>

/**
 * Reads the fields of a JSON body and collects, per field, what is wrong with it, in the vendor's words
 * ("{attribute_name} is invalid or missing"), so one 400 can name every field at fault.
 */
export class BodyFields {
  readonly errors: Record<string, string> = {}
  readonly #body: JsonObject

  constructor(body: JsonObject) {
    this.#body = body
  }

  /** The field as sent, unchecked (for shapes the typed readers below do not cover). */
  value(name: string): unknown {
    return this.#body[name]
  }

  has(name: string): boolean {
    return this.#body[name] !== undefined && this.#body[name] !== null
  }

  /** A string, trimmed of nothing; numbers are accepted as their text, as Rails' params are. */
  string(name: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null || value === '') {
      if (options.required) this.fail(name, invalidOrMissing(name))
      return value === '' ? '' : undefined
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    const text = String(value)
    if (options.max !== undefined && text.length > options.max) {
      this.fail(name, `${name} is too long (maximum is ${options.max} characters)`)
      return undefined
    }
    return text
  }

  /** A 24-hex id. */
  id(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null || value === '') {
      if (options.required) this.fail(name, invalidOrMissing(name))
      return undefined
    }
    if (!isObjectId(value)) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return value
  }

  /** A number, or numeric text. */
  number(name: string, options: { integer?: boolean; min?: number } = {}): number | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null || value === '') return undefined
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    if (
      typeof number !== 'number' ||
      !Number.isFinite(number) ||
      (options.integer && !Number.isInteger(number)) ||
      (options.min !== undefined && number < options.min)
    ) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return number
  }

  boolean(name: string): boolean | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null) return undefined
    if (value === true || value === 'true' || value === 1 || value === '1') return true
    if (value === false || value === 'false' || value === 0 || value === '0') return false
    this.fail(name, invalidOrMissing(name))
    return undefined
  }

  /** One of `choices`. */
  choice<T extends string>(
    name: string,
    choices: readonly T[],
    options: { required?: boolean } = {},
  ): T | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null || value === '') {
      if (options.required) this.fail(name, invalidOrMissing(name))
      return undefined
    }
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return value as T
  }

  /** `YYYY-MM-DD`. */
  date(name: string): string | undefined {
    const value = this.string(name)
    if (value === undefined || value === '') return undefined
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return value
  }

  /** An array of `{type, value}` with `type` one of `types`. */
  typedValues(name: string, types: readonly string[]): Array<{ type: string; value: string }> | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null) return undefined
    const valid =
      Array.isArray(value) &&
      value.every(
        (item) =>
          typeof item === 'object' &&
          item !== null &&
          types.includes((item as JsonObject).type as string) &&
          typeof (item as JsonObject).value === 'string',
      )
    if (!valid) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return (value as JsonObject[]).map((item) => ({ type: item.type as string, value: item.value as string }))
  }

  strings(name: string): string[] | undefined {
    const value = this.#body[name]
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.fail(name, invalidOrMissing(name))
      return undefined
    }
    return value as string[]
  }

  /** The value as sent, for a reader of its own (nested lists such as a deal's `deal_fields`). */
  raw(name: string): unknown {
    return this.#body[name]
  }

  fail(name: string, message: string): void {
    this.errors[name] ??= message
  }

  get valid(): boolean {
    return Object.keys(this.errors).length === 0
  }
}

/**
 * The fields of a body, unwrapped when it is Rails-style (`{"note": {...}}`), which one third-party
 * client sends and the attachment PATCH documents (https://github.com/OnePageCRM/swagger).
 */
export function unwrapBody(body: JsonObject, singular: string): JsonObject {
  const inner = body[singular]
  // `partial` may sit beside the wrapped fields (http://developer.onepagecrm.com/, "Providing Partial Data").
  const keys = Object.keys(body).filter((key) => key !== 'partial')
  if (keys.length === 1 && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
    return inner as JsonObject
  }
  return body
}
