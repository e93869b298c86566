import { LEAD_STATUS_ID } from './account-defaults.js'
import { type ApiResult, invalid, invalidOrMissing, notFound, ok } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ContactRecord } from './records.js'
import { removeContactCascade } from './removal.js'
import { isoSeconds } from './time.js'

const TITLES = ['Mr', 'Mrs', 'Ms'] as const
const EMAIL_TYPES = ['work', 'home', 'other']
const PHONE_TYPES = ['work', 'mobile', 'home', 'direct', 'fax', 'company', 'other']
const URL_TYPES = ['website', 'blog', 'twitter', 'linkedin', 'xing', 'facebook', 'google_plus', 'other']
// The documented 400 (https://developer.onepagecrm.com/blog/api-updates/): both keys, one message.
const NAME_REQUIRED = 'Either last name or company name are required to create a Contact.'

/** `POST /contacts`: `last_name` or `company_name` is required; the owner defaults to the caller. */
export function createContact(ctx: CrmContext, body: JsonObject): ApiResult<ContactRecord> {
  const now = isoSeconds(ctx.now)
  const fields = readContact(ctx, unwrapBody(body, 'contact'), undefined)
  if (!fields.ok) return fields
  const contact: ContactRecord = {
    ...fields.value,
    id: ctx.newId(),
    owner_id: fields.value.owner_id ?? ctx.user.id,
    created_at: now,
    modified_at: now,
  }
  if (!ctx.state.users.has(contact.owner_id)) return invalid({ owner_id: invalidOrMissing('owner_id') })
  ctx.state.contacts.set(contact.id, contact)
  return ok(contact)
}

/**
 * `PUT /contacts/{id}`: without `partial`, the whole record is replaced and what is left out is cleared
 * (the spec's description of updateContact); with `partial=true`, only the fields sent change.
 */
export function updateContact(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<ContactRecord> {
  const existing = ctx.state.contacts.get(id)
  if (existing === undefined) return notFound('contact', id)
  const fields = readContact(ctx, unwrapBody(body, 'contact'), partial ? existing : undefined)
  if (!fields.ok) return fields
  const contact: ContactRecord = {
    ...existing,
    ...fields.value,
    owner_id: fields.value.owner_id ?? existing.owner_id,
    modified_at: isoSeconds(ctx.now),
  }
  if (!ctx.state.users.has(contact.owner_id)) return invalid({ owner_id: invalidOrMissing('owner_id') })
  ctx.state.contacts.set(id, contact)
  return ok(contact)
}

export function getContact(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  return contact === undefined ? notFound('contact', id) : ok(contact)
}

/** `GET /contacts`: sorted by name, as the spec's listContacts says (last name, then first name). */
export function listContacts(ctx: CrmContext, request: PageRequest): ApiResult<Page<ContactRecord>> {
  const sortName = (contact: ContactRecord) =>
    `${contact.last_name || contact.company_name}\u0000${contact.first_name}`.toLowerCase()
  const contacts = [...ctx.state.contacts.values()].sort((a, b) => sortName(a).localeCompare(sortName(b)))
  return ok(paginate(contacts, request))
}

/** `DELETE /contacts/{id}`: with its notes, deals, calls and meetings, and their attachments. */
export function deleteContact(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  if (contact === undefined) return notFound('contact', id)
  removeContactCascade(ctx.state, id)
  return ok(contact)
}

type ContactFields = Omit<
  ContactRecord,
  'id' | 'owner_id' | 'created_at' | 'modified_at' | 'photo_attachment_id'
> & {
  readonly owner_id: string | undefined
}

/** The writable fields; an absent field takes `base`'s value (a partial update) or its default. */
function readContact(
  ctx: CrmContext,
  body: JsonObject,
  base: ContactRecord | undefined,
): ApiResult<ContactFields> {
  const fields = new BodyFields(body)
  const value: ContactFields = {
    title: fields.choice('title', TITLES) ?? base?.title,
    first_name: fields.string('first_name', { max: 25 }) ?? base?.first_name ?? '',
    last_name: fields.string('last_name', { max: 25 }) ?? base?.last_name ?? '',
    job_title: fields.string('job_title', { max: 1000 }) ?? base?.job_title ?? '',
    company_name: fields.string('company_name', { max: 55 }) ?? base?.company_name ?? '',
    starred: fields.boolean('starred') ?? base?.starred ?? false,
    background: fields.string('background', { max: 10240 }) ?? base?.background ?? '',
    emails: fields.typedValues('emails', EMAIL_TYPES) ?? base?.emails ?? [],
    phones: fields.typedValues('phones', PHONE_TYPES) ?? base?.phones ?? [],
    urls: fields.typedValues('urls', URL_TYPES) ?? base?.urls ?? [],
    tags: fields.strings('tags') ?? base?.tags ?? [],
    owner_id: fields.id('owner_id'),
    // A full update returns the status to lead (the spec's updateContact).
    status_id: fields.id('status_id') ?? base?.status_id ?? LEAD_STATUS_ID,
    lead_source_id: fields.string('lead_source_id') ?? base?.lead_source_id ?? null,
  }
  if (value.status_id !== undefined && !ctx.state.statuses.has(value.status_id)) {
    fields.fail('status_id', invalidOrMissing('status_id'))
  }
  if (
    value.lead_source_id !== null &&
    value.lead_source_id !== '' &&
    !ctx.state.lead_sources.has(value.lead_source_id)
  ) {
    fields.fail('lead_source_id', invalidOrMissing('lead_source_id'))
  }
  if (!fields.valid) return invalid(fields.errors)
  if (value.last_name === '' && value.company_name === '') {
    return invalid({ company: NAME_REQUIRED, lastname: NAME_REQUIRED })
  }
  return ok(value)
}
