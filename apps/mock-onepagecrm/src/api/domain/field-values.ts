import { type ApiResult, invalid, notEmulated, ok } from './api-failures.js'
import type { JsonObject } from './body-fields.js'
import type { CustomFieldRecord, FieldValueRecord } from './records.js'

// Values of the account's custom fields (contacts, `custom_fields`), company fields (companies,
// `company_fields`) and deal fields (deals, `deal_fields`, the same form in createDeal). The spec (https://github.com/OnePageCRM/swagger) documents items
// `{"custom_field": {"id": …}, "value": …}` and says "send its id (or name) together with value";
// OnePageCRM's own Ruby client also sends `{"id": …, "value": …}` (https://github.com/OnePageCRM/ruby-client,
// spec/custom_fields_spec.rb, "the undocumented way"). Both are read.

/** `custom_field` for contacts, `company_field` for companies, `deal_field` for deals. */
export type FieldKind = 'custom_field' | 'company_field' | 'deal_field'

/** The longest value kept per type (inferred: the spec gives none). */
const MAX_LENGTH: Readonly<Record<string, number>> = {
  single_line_text: 255,
  external_id: 255,
  multi_line_text: 10240,
}

export interface FieldValuesInput {
  readonly kind: FieldKind
  /** The account's field definitions (`state.custom_fields` or `state.company_fields`). */
  readonly definitions: ReadonlyMap<string, CustomFieldRecord>
  /** The record's current values: kept for fields the list leaves out when `merge` is set. */
  readonly current: readonly FieldValueRecord[]
  /**
   * A partial update: values sent replace those of the same field, the others stay (the Ruby client's
   * spec/custom_fields_spec.rb partially updates one of two values and expects the other kept).
   */
  readonly merge: boolean
  /** Every other record's values, for the uniqueness of `external_id` values ("unique amid the whole system"). */
  readonly others: readonly (readonly FieldValueRecord[])[]
}

/**
 * The values a body's list sets, ordered by field position; a 400 naming the list when an item names no
 * field of the account or its value does not suit the field's type; a 501 for `multiple_choice` values,
 * whose wire form the spec leaves unclear (its Contact documents a string, the vendor's Java client reads
 * a list).
 */
export function readFieldValues(raw: unknown, input: FieldValuesInput): ApiResult<FieldValueRecord[]> {
  const name = `${input.kind}s`
  if (!Array.isArray(raw))
    return invalid({ [name]: `${name} must be a list of {${input.kind}: {id}, value}` })
  const values = new Map(input.merge ? input.current.map((value) => [value.id, value.value]) : [])
  // Each item must name a field not named before, so a long list fails within one item past the fields.
  const sent = new Set<string>()
  for (const [index, item] of raw.entries()) {
    const definition = fieldOf(item, input)
    if (definition === undefined) {
      return invalid({ [name]: `${name}[${index}] names no ${input.kind.replace('_', ' ')} of the account` })
    }
    if (sent.has(definition.id)) return invalid({ [name]: `${name}[${index}] repeats ${definition.name}` })
    sent.add(definition.id)
    const value = storedValue((item as JsonObject).value, definition)
    if (value === 'multiple_choice') {
      return notEmulated(`${input.kind} values`, {
        [name]: `values of ${definition.type} fields (${definition.name}) are not emulated by crmkit`,
      })
    }
    if (value === undefined) {
      return invalid({ [name]: `${name}[${index}]: ${describeType(definition)}` })
    }
    if (value === '') values.delete(definition.id)
    else values.set(definition.id, value)
  }
  for (const [id, value] of values) {
    if (input.definitions.get(id)?.type !== 'external_id') continue
    for (const other of input.others) {
      if (other.some((entry) => entry.id === id && entry.value === value)) {
        return invalid({ [name]: `${input.definitions.get(id)?.name} must be unique: ${value} is taken` })
      }
    }
  }
  const position = (id: string) => input.definitions.get(id)?.position ?? Number.MAX_SAFE_INTEGER
  return ok(
    [...values]
      .filter(([id]) => input.definitions.has(id))
      .map(([id, value]) => ({ id, value }))
      .sort((a, b) => position(a.id) - position(b.id)),
  )
}

/** The field an item names: `{custom_field: {id | name}}`, or `id` / `name` beside `value`. */
function fieldOf(item: unknown, input: FieldValuesInput): CustomFieldRecord | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined
  const wrapped = (item as JsonObject)[input.kind]
  const names =
    typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)
      ? (wrapped as JsonObject)
      : item
  const { id, name } = names as JsonObject
  if (typeof id === 'string' && id !== '') return input.definitions.get(id)
  if (typeof name === 'string' && name !== '') {
    return [...input.definitions.values()].find((field) => field.name === name)
  }
  return undefined
}

/** The stored text of a value, '' to clear it, undefined when it does not suit the type. */
function storedValue(raw: unknown, field: CustomFieldRecord): string | 'multiple_choice' | undefined {
  if (raw === null || raw === undefined || raw === '') return ''
  if (field.type === 'multiple_choice') return 'multiple_choice'
  if (field.type === 'section_divider') return undefined
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw
  if (typeof text !== 'string') return undefined
  switch (field.type) {
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? text.trim() : undefined
    case 'date':
    case 'anniversary':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
        ? text
        : undefined
    case 'select_box':
      return field.choices.includes(text) ? text : undefined
    default:
      return text.length <= (MAX_LENGTH[field.type] ?? 255) ? text : undefined
  }
}

function describeType(field: CustomFieldRecord): string {
  switch (field.type) {
    case 'number':
      return `${field.name} must be a number`
    case 'date':
    case 'anniversary':
      return `${field.name} must be a date (YYYY-MM-DD)`
    case 'select_box':
      return `${field.name} must be one of ${field.choices.join(', ')}`
    case 'section_divider':
      return `${field.name} is a section divider and holds no value`
    default:
      return `${field.name} must be text of at most ${MAX_LENGTH[field.type] ?? 255} characters`
  }
}
