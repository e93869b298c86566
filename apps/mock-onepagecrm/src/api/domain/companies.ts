import { EMPTY_ADDRESS, readAddress } from './address-fields.js'
import {
  type ApiResult,
  invalid,
  invalidOrMissing,
  notFound,
  ok,
  preconditionFailed,
} from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import { contactsOf, renameCompany } from './company-linking.js'
import { sortName } from './contacts.js'
import type { CrmContext } from './crm-context.js'
import { readFieldValues } from './field-values.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type {
  ActivityRecords,
  ActivityType,
  AttachmentRecord,
  CompanyRecord,
  ContactRecord,
} from './records.js'
import { isoSeconds } from './time.js'

// Companies (the spec's Companies operations, https://github.com/OnePageCRM/swagger): made and named by
// their contacts (`company-linking.ts`), read, updated, status-synced, linked with other companies'
// contacts; their contacts' notes, deals, calls, meetings and pinned files listed together.

/** "A company is not allowed to have more than 100 linked contacts" (the spec's linkCompanyContact). */
export const MAX_LINKED_CONTACTS = 100

export interface CompanyListQuery extends PageRequest {
  readonly name?: string | undefined
  readonly phone?: string | undefined
  readonly letter?: string | undefined
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
}

/**
 * `GET /companies`: "sorted by name" (the spec); `name` and `phone` find any part of the company's name
 * (case-insensitive) or phone number (by its digits), `letter` the names beginning with it (`1` for a
 * digit, as contacts' `letter`); `sort_by` created_at, modified_at or name with `order`.
 */
export function listCompanies(ctx: CrmContext, query: CompanyListQuery): ApiResult<Page<CompanyRecord>> {
  const errors: Record<string, string> = {}
  const letter = query.letter?.toLowerCase()
  if (letter !== undefined && !/^[a-z1]$/.test(letter)) errors.letter = 'letter must be one letter, or 1'
  const sortBy = query.sort_by ?? 'name'
  if (!['created_at', 'modified_at', 'name'].includes(sortBy)) {
    errors.sort_by = 'sort_by must be one of created_at, modified_at, name'
  }
  if (query.order !== undefined && !['asc', 'desc'].includes(query.order))
    errors.order = 'order must be asc or desc'
  if (Object.keys(errors).length > 0) return invalid(errors)
  const name = query.name?.toLowerCase()
  const digits = query.phone?.replaceAll(/\D/g, '')
  const companies = [...ctx.state.companies.values()].filter((company) => {
    if (name !== undefined && !company.name.toLowerCase().includes(name)) return false
    if (digits !== undefined && (digits === '' || !company.phone.replaceAll(/\D/g, '').includes(digits))) {
      return false
    }
    if (letter !== undefined) {
      const first = company.name.slice(0, 1).toLowerCase()
      if ((/[0-9]/.test(first) ? '1' : first) !== letter) return false
    }
    return true
  })
  const key = (company: CompanyRecord) =>
    sortBy === 'name' ? company.name.toLowerCase() : company[sortBy as 'created_at' | 'modified_at']
  const direction = query.order === 'desc' ? -1 : 1
  companies.sort((a, b) => direction * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)))
  return ok(paginate(companies, query))
}

export function getCompany(ctx: CrmContext, id: string): ApiResult<CompanyRecord> {
  const company = ctx.state.companies.get(id)
  return company === undefined ? notFound('company', id) : ok(company)
}

/**
 * `PUT /companies/{id}`: `name` renames the company and its contacts' `company_name` (OnePageCRM's Ruby
 * client, spec/companies_spec.rb); a full update needs it ("A new company name is needed to update the
 * company", the same spec) and clears what it leaves out; `partial` changes only what is sent (the Java
 * client's `Company.partial`, `?partial=1`). Company field values: "either the id or name and the value"
 * (the spec).
 */
export function updateCompany(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<CompanyRecord> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const fields = new BodyFields(unwrapBody(body, 'company'))
  const kept = partial ? company : undefined
  const name = fields.string('name', { max: 55 })
  if ((name === undefined || name === '') && !(partial && name === undefined)) {
    fields.fail('name', 'A new company name is needed to update the company')
  }
  const description = fields.string('description', { max: 10240 }) ?? kept?.description ?? ''
  const url = fields.string('url', { max: 2048 }) ?? kept?.url ?? ''
  const phone = fields.string('phone', { max: 255 }) ?? kept?.phone ?? ''
  let address = kept?.address ?? EMPTY_ADDRESS
  const rawAddress = fields.value('address')
  if (rawAddress !== undefined && rawAddress !== null) {
    const read = readAddress(rawAddress, 'address')
    if (typeof read === 'string') fields.fail('address', read)
    else address = read
  }
  if (!fields.valid) return invalid(fields.errors)
  let companyFields = kept?.company_fields ?? []
  const rawValues = fields.value('company_fields')
  if (rawValues !== undefined && rawValues !== null) {
    const read = readFieldValues(rawValues, {
      kind: 'company_field',
      definitions: ctx.state.company_fields,
      current: company.company_fields,
      merge: partial,
      others: [...ctx.state.companies.values()]
        .filter((other) => other.id !== id)
        .map((other) => other.company_fields),
    })
    if (!read.ok) return read
    companyFields = read.value
  }
  if (name !== undefined) renameCompany(ctx, id, name)
  const updated: CompanyRecord = {
    ...(ctx.state.companies.get(id) as CompanyRecord),
    description,
    url,
    phone,
    address,
    company_fields: companyFields,
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.companies.set(id, updated)
  return ok(updated)
}

/**
 * `POST /companies/{id}/synced_status` with `status_id` (required): every contact of the company takes the
 * status, and keeps it in step "until sync is disabled" (the spec).
 */
export function setSyncedStatus(ctx: CrmContext, id: string, body: JsonObject): ApiResult<CompanyRecord> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const fields = new BodyFields(unwrapBody(body, 'company'))
  const statusId = fields.id('status_id', { required: true })
  if (statusId === undefined || !ctx.state.statuses.has(statusId)) {
    return invalid({ status_id: invalidOrMissing('status_id') })
  }
  const synced = { ...company, synced_status_id: statusId, modified_at: isoSeconds(ctx.now) }
  ctx.state.companies.set(id, synced)
  for (const contact of contactsOf(ctx.state, id)) {
    if (contact.status_id !== statusId)
      ctx.state.contacts.set(contact.id, { ...contact, status_id: statusId })
  }
  return ok(synced)
}

/** `DELETE /companies/{id}/synced_status`: "Contacts keep their current statuses" (the spec). */
export function removeSyncedStatus(ctx: CrmContext, id: string): ApiResult<CompanyRecord> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const updated = { ...company, synced_status_id: null, modified_at: isoSeconds(ctx.now) }
  ctx.state.companies.set(id, updated)
  return ok(updated)
}

export interface LinkedContact {
  readonly contact: ContactRecord
  readonly linked_with: readonly string[]
}

/**
 * `GET /companies/{id}/linked_contacts`: contacts of other companies linked to this one, "Paging and sorting
 * only" (the spec), by name unless `sort_by` says otherwise.
 */
export function listLinkedContacts(
  ctx: CrmContext,
  id: string,
  query: PageRequest & { readonly sort_by?: string | undefined; readonly order?: string | undefined },
): ApiResult<Page<LinkedContact>> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const sorts = ['created_at', 'modified_at', 'first_name', 'last_name', 'company_name', 'name']
  const sortBy = query.sort_by ?? 'name'
  if (!sorts.includes(sortBy)) return invalid({ sort_by: `sort_by must be one of ${sorts.join(', ')}` })
  if (query.order !== undefined && !['asc', 'desc'].includes(query.order)) {
    return invalid({ order: 'order must be asc or desc' })
  }
  const key = (contact: ContactRecord) =>
    sortBy === 'name'
      ? sortName(contact)
      : sortBy === 'created_at' || sortBy === 'modified_at'
        ? contact[sortBy]
        : contact[sortBy as 'first_name' | 'last_name' | 'company_name'].toLowerCase()
  const direction = query.order === 'desc' ? -1 : 1
  const linked = company.linked_contacts
    .map((link) => ({ contact: ctx.state.contacts.get(link.contact_id), linked_with: link.linked_with }))
    .filter((link): link is LinkedContact => link.contact !== undefined)
    .sort(
      (a, b) =>
        direction *
        (key(a.contact).localeCompare(key(b.contact)) || a.contact.id.localeCompare(b.contact.id)),
    )
  return ok(paginate(linked, query))
}

/**
 * `POST /companies/{id}/linked_contacts` with `contact_id`: "Cannot link a contact to the company they
 * already work at" (400) and "not allowed to have more than 100 linked contacts" (409; both the spec's);
 * linking a linked contact again is a 409 (inferred). `linked_with`, a contact of this company, is what
 * OnePageCRM's Java client sends beside it (`CompanySerializer.toJsonObject(contactId, linkedWithId)`).
 */
export function linkContact(ctx: CrmContext, id: string, body: JsonObject): ApiResult<LinkedContact> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const fields = new BodyFields(unwrapBody(body, 'linked_contact'))
  const contactId = fields.id('contact_id', { required: true })
  const linkedWith = fields.id('linked_with')
  if (!fields.valid || contactId === undefined) return invalid(fields.errors)
  const contact = ctx.state.contacts.get(contactId)
  if (contact === undefined) return notFound('contact', contactId)
  if (contact.company_id === id) {
    return invalid({ contact_id: 'Cannot link a contact to the company they already work at.' })
  }
  if (linkedWith !== undefined && ctx.state.contacts.get(linkedWith)?.company_id !== id) {
    return invalid({ linked_with: 'linked_with must be a contact of this company' })
  }
  if (company.linked_contacts.some((link) => link.contact_id === contactId)) {
    return preconditionFailed('The contact is already linked to this company.', {
      contact_id: 'The contact is already linked to this company.',
    })
  }
  if (company.linked_contacts.length >= MAX_LINKED_CONTACTS) {
    const reason = `A company is not allowed to have more than ${MAX_LINKED_CONTACTS} linked contacts.`
    return preconditionFailed(reason, { contact_id: reason })
  }
  const link = { contact_id: contactId, linked_with: linkedWith === undefined ? [] : [linkedWith] }
  ctx.state.companies.set(id, { ...company, linked_contacts: [...company.linked_contacts, link] })
  return ok({ contact, linked_with: link.linked_with })
}

/** `DELETE /companies/{id}/linked_contacts/{contact_id}`: a contact not linked to it is a 404. */
export function unlinkContact(ctx: CrmContext, id: string, contactId: string): ApiResult<ContactRecord> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const contact = ctx.state.contacts.get(contactId)
  if (contact === undefined || !company.linked_contacts.some((link) => link.contact_id === contactId)) {
    return notFound('contact', contactId)
  }
  ctx.state.companies.set(id, {
    ...company,
    linked_contacts: company.linked_contacts.filter((link) => link.contact_id !== contactId),
  })
  return ok(contact)
}

/**
 * `GET /companies/{id}/notes` and its siblings: the records of the company's own contacts ("not contacts
 * merely linked to it"). Notes, calls and meetings "most recently updated first"; deals as `GET /deals`
 * lists them (newest first). All the spec's.
 */
export function listCompanyActivities<T extends ActivityType>(
  ctx: CrmContext,
  id: string,
  type: T,
  request: PageRequest,
): ApiResult<Page<ActivityRecords[T]>> {
  if (!ctx.state.companies.has(id)) return notFound('company', id)
  const contacts = new Set(contactsOf(ctx.state, id).map((contact) => contact.id))
  const records = [...(ctx.state[type] as Map<string, ActivityRecords[T]>).values()]
    .filter((record) => contacts.has(record.contact_id))
    .reverse()
  if (type !== 'deal') {
    records.sort((a, b) => b.modified_at.localeCompare(a.modified_at))
  }
  return ok(paginate(records, request))
}

/**
 * `GET /companies/{id}/pinned_attachments`: "collected from the attachments pinned to all the contacts in
 * this company", most recently pinned first, paginated (the spec).
 */
export function companyPinnedAttachments(
  ctx: CrmContext,
  id: string,
  request: PageRequest,
): ApiResult<Page<AttachmentRecord>> {
  if (!ctx.state.companies.has(id)) return notFound('company', id)
  const contacts = new Set(contactsOf(ctx.state, id).map((contact) => contact.id))
  const pinned = [...ctx.state.attachments.values()]
    .filter((attachment) => contacts.has(attachment.contact_id) && attachment.pinned_at !== null)
    .sort((a, b) => (b.pinned_at ?? '').localeCompare(a.pinned_at ?? ''))
  return ok(paginate(pinned, request))
}
