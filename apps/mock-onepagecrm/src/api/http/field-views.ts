import type { FieldKind } from '../domain/custom-fields.js'
import type { CustomFieldRecord } from '../domain/records.js'

/**
 * A custom, company or deal field as the spec's Custom_field, Company_field and Deal_field render it. Contact
 * fields also carry `reminder_days`, null unless an anniversary reminder is set, which the API cannot set
 * (the developer portal's Custom Fields sample; OnePageCRM's Java SDK reads it).
 */
export const fieldView = (kind: FieldKind, field: CustomFieldRecord) => ({
  id: field.id,
  name: field.name,
  type: field.type,
  position: field.position,
  choices: field.choices,
  ...(kind === 'custom_fields' ? { reminder_days: null } : {}),
})
