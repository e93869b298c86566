import { LEAD_STATUS_ID } from './account-defaults.js'
import { readAddress } from './address-fields.js'
import { type ApiResult, invalid, invalidOrMissing, ok } from './api-failures.js'
import { BodyFields, type JsonObject } from './body-fields.js'
import type { CompanyRequest } from './company-linking.js'
import type { CrmContext } from './crm-context.js'
import { readFieldValues } from './field-values.js'
import type { ContactRecord, TypedAddressRecord, TypedValue } from './records.js'

// The writable fields of a contact and their rules (the spec's Contact and createContact / updateContact,
// https://github.com/OnePageCRM/swagger). Limits the spec does not give are inferred (FIDELITY.md,
// "Contacts, companies and filters"): they bound what a request can make the mock keep.

const TITLES = ['Mr', 'Mrs', 'Ms'] as const
const EMAIL_TYPES = ['work', 'home', 'other']
const PHONE_TYPES = ['work', 'mobile', 'home', 'direct', 'fax', 'company', 'other']
const URL_TYPES = ['website', 'blog', 'twitter', 'linkedin', 'xing', 'facebook', 'google_plus', 'other']
const ADDRESS_TYPES = ['work', 'home', 'billing', 'delivery', 'other'] as const
/** Items of `emails`, `phones`, `urls` and `tags` (inferred). */
export const MAX_LIST_ITEMS = 50
/** An email, a phone number, a tag, a part of an address (inferred). */
export const MAX_VALUE_LENGTH = 255
const MAX_URL_LENGTH = 2048
// The documented 400 (https://developer.onepagecrm.com/blog/api-updates/): both keys, one message.
const NAME_REQUIRED = 'Either last name or company name are required to create a Contact.'

/** What a body sets on a contact, besides its company (`company`, placed by `company-linking.ts`). */
export type ContactFields = Pick<
  ContactRecord,
  | 'title'
  | 'first_name'
  | 'last_name'
  | 'job_title'
  | 'background'
  | 'emails'
  | 'phones'
  | 'urls'
  | 'address_list'
  | 'tags'
  | 'custom_fields'
  | 'status_id'
  | 'lead_source_id'
> & {
  /** Whether the caller starred it, when the body says. */
  readonly starred: boolean | undefined
  readonly owner_id: string | undefined
  readonly company: CompanyRequest
}

/**
 * The fields of a create (`base` undefined), a full update (`base` the contact, `partial` false: what is left
 * out is cleared, the status back to lead) or a partial one (what is left out keeps `base`'s value).
 */
export function readContactFields(
  ctx: CrmContext,
  body: JsonObject,
  base: ContactRecord | undefined,
  partial: boolean,
): ApiResult<ContactFields> {
  const fields = new BodyFields(body)
  const kept = partial ? base : undefined
  const typed = (name: string, types: readonly string[], max: number) =>
    boundedTypedValues(fields, name, types, max)
  const value: ContactFields = {
    title: fields.choice('title', TITLES) ?? kept?.title,
    first_name: fields.string('first_name', { max: 25 }) ?? kept?.first_name ?? '',
    last_name: fields.string('last_name', { max: 25 }) ?? kept?.last_name ?? '',
    job_title: fields.string('job_title', { max: 1000 }) ?? kept?.job_title ?? '',
    background: fields.string('background', { max: 10240 }) ?? kept?.background ?? '',
    emails: typed('emails', EMAIL_TYPES, MAX_VALUE_LENGTH) ?? kept?.emails ?? [],
    phones: typed('phones', PHONE_TYPES, MAX_VALUE_LENGTH) ?? kept?.phones ?? [],
    urls: typed('urls', URL_TYPES, MAX_URL_LENGTH) ?? kept?.urls ?? [],
    address_list: addressList(fields) ?? kept?.address_list ?? [],
    tags: tags(fields) ?? kept?.tags ?? [],
    custom_fields: kept?.custom_fields ?? [],
    starred: fields.boolean('starred'),
    owner_id: fields.id('owner_id'),
    // A full update returns the status to lead (the spec's updateContact).
    status_id: fields.id('status_id') ?? kept?.status_id ?? LEAD_STATUS_ID,
    lead_source_id: fields.string('lead_source_id') ?? kept?.lead_source_id ?? null,
    company: {
      company_id: base === undefined ? undefined : fields.id('company_id'),
      company_name: fields.string('company_name', { max: 55 }),
    },
  }
  if (!ctx.state.statuses.has(value.status_id)) fields.fail('status_id', invalidOrMissing('status_id'))
  const leadSource = value.lead_source_id === '' ? null : value.lead_source_id
  if (leadSource !== null && !ctx.state.lead_sources.has(leadSource)) {
    fields.fail('lead_source_id', invalidOrMissing('lead_source_id'))
  }
  if (value.owner_id !== undefined && !ctx.state.users.has(value.owner_id)) {
    fields.fail('owner_id', invalidOrMissing('owner_id'))
  }
  if (!fields.valid) return invalid(fields.errors)
  let customFields = value.custom_fields
  const rawCustomFields = fields.value('custom_fields')
  if (rawCustomFields !== undefined && rawCustomFields !== null) {
    const read = readFieldValues(rawCustomFields, {
      kind: 'custom_field',
      definitions: ctx.state.custom_fields,
      current: base?.custom_fields ?? [],
      merge: partial,
      others: [...ctx.state.contacts.values()]
        .filter((contact) => contact.id !== base?.id)
        .map((contact) => contact.custom_fields),
    })
    if (!read.ok) return read
    customFields = read.value
  }
  const companyName = value.company.company_name ?? (partial ? base?.company_name : undefined) ?? ''
  if (value.last_name === '' && companyName === '' && value.company.company_id === undefined) {
    return invalid({ company: NAME_REQUIRED, lastname: NAME_REQUIRED })
  }
  return ok({ ...value, lead_source_id: leadSource, custom_fields: customFields })
}

function boundedTypedValues(
  fields: BodyFields,
  name: string,
  types: readonly string[],
  max: number,
): TypedValue[] | undefined {
  const values = fields.typedValues(name, types)
  if (values === undefined) return undefined
  if (values.length > MAX_LIST_ITEMS) {
    fields.fail(name, `${name} can hold at most ${MAX_LIST_ITEMS} items`)
    return undefined
  }
  if (values.some((item) => item.value.length > max)) {
    fields.fail(name, `${name}: a value is too long (maximum is ${max} characters)`)
    return undefined
  }
  return values
}

/** Tags: distinct, non-empty names (matched case-insensitively, as the spec's assignContactTag does). */
function tags(fields: BodyFields): string[] | undefined {
  const values = fields.strings('tags')
  if (values === undefined) return undefined
  if (values.length > MAX_LIST_ITEMS) {
    fields.fail('tags', `tags can hold at most ${MAX_LIST_ITEMS} items`)
    return undefined
  }
  if (values.some((tag) => tag.trim() === '' || tag.length > MAX_VALUE_LENGTH)) {
    fields.fail('tags', `tags must be names of 1 to ${MAX_VALUE_LENGTH} characters`)
    return undefined
  }
  const seen = new Set<string>()
  return values.filter((tag) => {
    const key = tag.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * `address_list`: at most 2 addresses (the spec's `maxItems`), each the spec's Typed_address, `type` work by
 * default, `country_code` an upper-case ISO 3166 code of two letters (the spec's Typed_address). A list that
 * is not a list is a 400 (the Ruby client's spec/contacts_spec.rb sends an object and expects 400).
 */
function addressList(fields: BodyFields): TypedAddressRecord[] | undefined {
  const raw = fields.value('address_list')
  if (raw === undefined || raw === null) return undefined
  const fail = (message: string) => {
    fields.fail('address_list', message)
    return undefined
  }
  if (!Array.isArray(raw)) return fail(invalidOrMissing('address_list'))
  if (raw.length > 2) return fail('address_list can hold at most 2 addresses')
  const addresses: TypedAddressRecord[] = []
  for (const item of raw) {
    const address = readAddress(item, 'address_list')
    if (typeof address === 'string') return fail(address)
    const type = (item as JsonObject).type ?? 'work'
    if (!(ADDRESS_TYPES as readonly unknown[]).includes(type)) {
      return fail(`address_list: type must be one of ${ADDRESS_TYPES.join(', ')}`)
    }
    addresses.push({ ...address, type: type as TypedAddressRecord['type'] })
  }
  return addresses
}
