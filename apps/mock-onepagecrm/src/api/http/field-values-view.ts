import type { CustomFieldRecord, FieldValueRecord } from '../domain/records.js'

/**
 * A record's custom field (or company field) values as the spec renders them: `[{custom_field: {…}, value}]`
 * in field position order (https://github.com/OnePageCRM/swagger, Contact `custom_fields` and Company
 * `company_fields`). A section divider shows when some field of its section (the fields after it, up to the
 * next divider) has a value, with an empty value: "if a contact doesn't have values for all the custom
 * fields in the section then this section divider custom field isn't exposed" (the spec's Custom_field).
 */
export function fieldValuesView<K extends 'custom_field' | 'company_field'>(
  key: K,
  definitions: ReadonlyMap<string, CustomFieldRecord>,
  values: readonly FieldValueRecord[],
): Array<{ [P in K]: CustomFieldRecord } & { value: string }> {
  const byId = new Map(values.map((value) => [value.id, value.value]))
  const fields = [...definitions.values()].sort((a, b) => a.position - b.position)
  const shown: Array<{ field: CustomFieldRecord; value: string }> = []
  let divider: CustomFieldRecord | undefined
  for (const field of fields) {
    if (field.type === 'section_divider') {
      divider = field
      continue
    }
    const value = byId.get(field.id)
    if (value === undefined) continue
    if (divider !== undefined) {
      shown.push({ field: divider, value: '' })
      divider = undefined
    }
    shown.push({ field, value })
  }
  return shown.map(
    ({ field, value }) =>
      ({ [key]: definitionView(field), value }) as { [P in K]: CustomFieldRecord } & { value: string },
  )
}

const definitionView = (field: CustomFieldRecord): CustomFieldRecord => ({
  id: field.id,
  name: field.name,
  type: field.type,
  position: field.position,
  choices: field.choices,
})
