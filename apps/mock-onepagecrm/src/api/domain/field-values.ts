import { type ApiResult, invalid, notEmulated } from './api-failures.js'
import type { CustomFieldRecord, FieldValue } from './records.js'

// Values of the account's custom, company and deal fields on a record. The spec's bodies send them as
// `[{deal_field: {id}, value}]` (createDeal, updateDeal); OnePageCRM's Java SDK sends the field flat,
// `[{id, …, value}]` (OnePageCRM/java-client-wrapper, CustomFieldSerializer.toJsonArray), so both are read.
// A value is a string (the spec's `value: string`); an empty one removes it.

/** The most a text value keeps (inferred: the spec gives no limit). */
export const FIELD_TEXT_MAX = { single_line_text: 255, multi_line_text: 10240, external_id: 255 } as const

/**
 * The values in `raw` (the body's list), or `invalid` when it is not such a list. `singular` is the
 * wrapper's key (`deal_field`). A field named twice keeps its last value (inferred).
 */
export function readFieldValues(raw: unknown, singular: string): FieldValue[] | 'invalid' | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!Array.isArray(raw)) return 'invalid'
  const values = new Map<string, string>()
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'invalid'
    const item = entry as Record<string, unknown>
    const wrapped = item[singular]
    const field =
      typeof wrapped === 'object' && wrapped !== null ? (wrapped as Record<string, unknown>) : item
    const value = item.value ?? (field === item ? undefined : field.value)
    if (typeof field.id !== 'string') return 'invalid'
    if (value === undefined || value === null || value === '') {
      values.set(field.id, '')
      continue
    }
    if (typeof value !== 'string' && typeof value !== 'number') return 'invalid'
    values.set(field.id, String(value))
  }
  return [...values].filter(([, value]) => value !== '').map(([id, value]) => ({ id, value }))
}

/**
 * Each value against its field's definition: the field must exist and hold values of its type; a select
 * box's value is one of its choices; an external id is unique among `others` (the spec's Custom_field:
 * "Its value is unique amid the whole system"). Multiple-choice values (lists) are not emulated.
 */
export function checkFieldValues(
  key: string,
  definitions: ReadonlyMap<string, CustomFieldRecord>,
  values: readonly FieldValue[],
  others: () => Iterable<readonly FieldValue[]>,
): ApiResult<never> | undefined {
  for (const { id, value } of values) {
    const field = definitions.get(id)
    if (field === undefined) return invalid({ [key]: `${key}: there is no field ${id}` })
    if (field.type === 'multiple_choice') {
      return notEmulated('multiple_choice field values', {
        [key]: `multiple_choice values (${field.name}) are not emulated by crmkit`,
      })
    }
    const fault = valueFault(field, value)
    if (fault !== undefined) return invalid({ [key]: `${field.name}: ${fault}` })
    if (field.type === 'external_id') {
      for (const other of others()) {
        if (other.some((taken) => taken.id === id && taken.value === value)) {
          return invalid({ [key]: `${field.name}: ${value} is taken; an external id is unique` })
        }
      }
    }
  }
  return undefined
}

function valueFault(field: CustomFieldRecord, value: string): string | undefined {
  switch (field.type) {
    case 'single_line_text':
    case 'multi_line_text':
    case 'external_id': {
      const max = FIELD_TEXT_MAX[field.type]
      return value.length > max ? `is too long (maximum is ${max} characters)` : undefined
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'must be a number'
    case 'date':
    case 'anniversary':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? undefined
        : 'must be a date (YYYY-MM-DD)'
    case 'select_box':
      return field.choices.includes(value) ? undefined : 'must be one of its choices'
    default:
      // A section divider only groups fields in the app: it holds no value.
      return 'holds no value'
  }
}

/**
 * When a select box's choices change, the values follow them by index (the developer portal, Custom Fields:
 * "The existing selected choice(s) are replaced on the new ones based on their index"); a value whose index
 * is gone is removed.
 */
export function remapChoice(
  value: string,
  before: readonly string[],
  after: readonly string[],
): string | undefined {
  const index = before.indexOf(value)
  if (index < 0) return after.includes(value) ? value : undefined
  return after[index]
}
