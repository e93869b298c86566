import { type ApiResult, ok } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { type ListQuery, sortRecords } from './list-query.js'
import type { Collection } from './lookup-collections.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { CrmState, CustomFieldRecord, FieldValueRecord } from './records.js'
import { isoSeconds } from './time.js'

// The account's user-defined fields of contacts (`custom_fields`), companies (`company_fields`) and deals
// (`deal_fields`): the spec's Custom_field, Company_field and Deal_field and their operations
// (https://github.com/OnePageCRM/swagger). `name` (≤ 60) and `type` are required; `choices` (≤ 60) belong
// to select boxes and multiple-choice fields; only contact fields may be anniversaries.

export type FieldKind = 'custom_fields' | 'company_fields' | 'deal_fields'

export const FIELD_KINDS: readonly FieldKind[] = ['custom_fields', 'company_fields', 'deal_fields']

/** The singular each kind's records answer under (`custom_field`). */
export const FIELD_SINGULAR = {
  custom_fields: 'custom_field',
  company_fields: 'company_field',
  deal_fields: 'deal_field',
} as const satisfies Record<FieldKind, string>

const COMMON_TYPES = [
  'date',
  'multi_line_text',
  'multiple_choice',
  'number',
  'select_box',
  'single_line_text',
  'external_id',
  'section_divider',
] as const

const TYPES: Record<FieldKind, readonly string[]> = {
  custom_fields: ['anniversary', ...COMMON_TYPES],
  company_fields: COMMON_TYPES,
  deal_fields: COMMON_TYPES,
}

const WITH_CHOICES = ['select_box', 'multiple_choice']

/** The most choices a field has (the spec's `maxItems: 60`) and the longest one (inferred). */
const MAX_CHOICES = 60
const MAX_CHOICE_LENGTH = 255

function readChoices(fields: BodyFields, type: string): string[] {
  const choices = fields.strings('choices') ?? []
  if (!WITH_CHOICES.includes(type)) {
    if (choices.length > 0)
      fields.fail('choices', `choices belong to select_box and multiple_choice fields only`)
    return []
  }
  if (choices.length === 0) fields.fail('choices', `a ${type} field needs choices`)
  if (choices.length > MAX_CHOICES) fields.fail('choices', `choices are too many (maximum is ${MAX_CHOICES})`)
  if (choices.some((choice) => choice.trim() === '' || choice.length > MAX_CHOICE_LENGTH)) {
    fields.fail('choices', `each choice is 1 to ${MAX_CHOICE_LENGTH} characters`)
  }
  if (new Set(choices).size !== choices.length) fields.fail('choices', 'choices must differ')
  return choices
}

function fieldCollection(kind: FieldKind): Collection<CustomFieldRecord> {
  const records = (state: CrmState) => state[kind]
  return {
    resource: FIELD_SINGULAR[kind],
    plural: kind.replace('_', ' '),
    records,
    limit: 100,
    writable: ({ name, type, position, choices }) => ({ name, type, position, choices }),
    read: (fields, ctx, existing, id) => {
      const type = fields.choice('type', TYPES[kind], { required: true }) ?? ''
      // Changing a field's type would orphan its values: refused (inferred; the spec does not say).
      if (existing !== undefined && type !== '' && type !== existing.type) {
        fields.fail('type', `type cannot be changed (it is ${existing.type})`)
      }
      const now = isoSeconds(ctx.now)
      return {
        id,
        name: fields.string('name', { required: true, max: 60 }) ?? '',
        type,
        // A new field goes last (inferred).
        position:
          fields.number('position', { integer: true, min: 0 }) ??
          existing?.position ??
          nextPosition(records(ctx.state)),
        choices: readChoices(fields, type),
        created_at: existing?.created_at ?? now,
        modified_at: now,
      }
    },
    onUpdate: remapValues(kind),
    onRemove: removeValues(kind),
  }
}

function nextPosition(records: Map<string, CustomFieldRecord>): number {
  let next = 0
  for (const record of records.values()) next = Math.max(next, record.position + 1)
  return next
}

/**
 * Replaces the values of `fieldId` on the records holding its kind's values (contacts, companies, deals) by
 * `change` (undefined: removed).
 */
function changeValues(
  ctx: CrmContext,
  kind: FieldKind,
  fieldId: string,
  change: (value: string) => string | undefined,
): void {
  const holds = (values: readonly FieldValueRecord[]) => values.some((value) => value.id === fieldId)
  const changed = (values: readonly FieldValueRecord[]) =>
    values.flatMap((value) => {
      if (value.id !== fieldId) return [value]
      const next = change(value.value)
      return next === undefined ? [] : [{ id: value.id, value: next }]
    })
  const { contacts, companies, deal } = ctx.state
  if (kind === 'custom_fields') {
    for (const contact of [...contacts.values()]) {
      if (holds(contact.custom_fields))
        contacts.set(contact.id, { ...contact, custom_fields: changed(contact.custom_fields) })
    }
  } else if (kind === 'company_fields') {
    for (const company of [...companies.values()]) {
      if (holds(company.company_fields)) {
        companies.set(company.id, { ...company, company_fields: changed(company.company_fields) })
      }
    }
  } else {
    for (const record of [...deal.values()]) {
      if (holds(record.deal_fields))
        deal.set(record.id, { ...record, deal_fields: changed(record.deal_fields) })
    }
  }
}

/** A select box's new choices carry its records' values along by index (`remapChoice`). */
const remapValues =
  (kind: FieldKind) =>
  (ctx: CrmContext, before: CustomFieldRecord, after: CustomFieldRecord): void => {
    if (after.type === 'select_box') {
      changeValues(ctx, kind, after.id, (value) => remapChoice(value, before.choices, after.choices))
    }
  }

/** A deleted field's values go with it, on contacts, companies and deals. */
const removeValues =
  (kind: FieldKind) =>
  (ctx: CrmContext, field: CustomFieldRecord): void =>
    changeValues(ctx, kind, field.id, () => undefined)

export const fieldCollections: Readonly<Record<FieldKind, Collection<CustomFieldRecord>>> = {
  custom_fields: fieldCollection('custom_fields'),
  company_fields: fieldCollection('company_fields'),
  deal_fields: fieldCollection('deal_fields'),
}

/** A field's place among its kind's: by position, then creation. */
export function fieldsInOrder(state: CrmState, kind: FieldKind): CustomFieldRecord[] {
  return [...state[kind].values()].sort((a, b) => a.position - b.position)
}

/**
 * `GET /custom_fields` and the others: by position unless `sort_by` (`created_at`, `modified_at`,
 * `updated_at`, `position`) says otherwise, then paged.
 */
export function listFields(
  ctx: CrmContext,
  kind: FieldKind,
  query: ListQuery & PageRequest,
): ApiResult<Page<CustomFieldRecord>> {
  const stamp = (field: CustomFieldRecord) => field.modified_at ?? ''
  const sorted = sortRecords(
    fieldsInOrder(ctx.state, kind),
    query,
    {
      created_at: (field) => field.created_at ?? '',
      modified_at: stamp,
      updated_at: stamp,
      position: (field) => field.position,
    },
    { descending: false },
  )
  return sorted.ok ? ok(paginate(sorted.value, query)) : sorted
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
