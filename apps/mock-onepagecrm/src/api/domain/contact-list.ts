import { type ApiResult, invalid, notFound, ok } from './api-failures.js'
import { sortName } from './contacts.js'
import type { CrmContext } from './crm-context.js'
import { type DateRangeQuery, inRanges, readDateRanges } from './date-range.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ContactRecord } from './records.js'
import { dealSummaryOf } from './relations.js'

// `GET /contacts` and its filters (the spec's listContacts and its query parameters,
// https://github.com/OnePageCRM/swagger; the portal's Contacts "Listing Parameters",
// http://developer.onepagecrm.com/). Filters combine: a contact is listed when it passes every one given.

export interface ContactListQuery extends PageRequest, DateRangeQuery {
  readonly search?: string | undefined
  readonly email?: string | undefined
  readonly phone?: string | undefined
  readonly url?: string | undefined
  readonly tag?: string | undefined
  readonly starred?: string | undefined
  readonly status_id?: string | undefined
  readonly lead_source_id?: string | undefined
  readonly lead_source?: string | undefined
  readonly owner_id?: string | undefined
  readonly team?: string | undefined
  readonly company_id?: string | undefined
  readonly not_linked_with?: string | undefined
  readonly letter?: string | undefined
  readonly custom_field_id?: string | undefined
  readonly custom_field_value?: string | undefined
  readonly pending_deal?: string | undefined
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
}

const SORTS = ['created_at', 'modified_at', 'first_name', 'last_name', 'company_name', 'name'] as const

/**
 * The contacts a query selects, sorted and paged: by name unless `sort_by` says otherwise ("ascending is
 * the default"), newest first when a created_at or modified_at range is asked without `sort_by` (the spec's
 * listContacts). Without `team` or `owner_id` only the caller's own contacts are listed (the spec's
 * query_team, "Include contacts owned by other users"; the portal's `team`: "False, Default: Only the
 * logged in user's contacts").
 */
export function listContacts(ctx: CrmContext, query: ContactListQuery): ApiResult<Page<ContactRecord>> {
  const filter = contactFilter(ctx, query)
  if (!filter.ok) return filter
  const contacts = [...ctx.state.contacts.values()].filter(filter.value.test)
  return ok(paginate(sortContacts(contacts, filter.value.sort), query))
}

interface ContactFilter {
  readonly test: (contact: ContactRecord) => boolean
  readonly sort: {
    readonly by: (typeof SORTS)[number] | 'newest'
    readonly field?: string
    readonly desc: boolean
  }
}

function contactFilter(ctx: CrmContext, query: ContactListQuery): ApiResult<ContactFilter> {
  const errors: Record<string, string> = {}
  const flag = (name: 'starred' | 'team' | 'pending_deal') => {
    const value = query[name]
    if (value === undefined) return undefined
    const parsed = readFlag(value)
    if (parsed === undefined) errors[name] = `${name} must be true or false`
    return parsed
  }
  const starred = flag('starred')
  const team = flag('team')
  const pendingDeal = flag('pending_deal')
  const exclusive = (names: readonly (keyof ContactListQuery)[], why: string) => {
    const given = names.filter((name) => query[name] !== undefined)
    if (given.length > 1) for (const name of given) errors[name] = `${given.join(' and ')} ${why}`
  }
  exclusive(['lead_source', 'lead_source_id'], 'cannot be used together')
  exclusive(['company_id', 'tag'], 'cannot be used together (only use one of company_id, tag or filter_id)')
  exclusive(['company_id', 'not_linked_with'], 'cannot be used together')
  if ((query.custom_field_id === undefined) !== (query.custom_field_value === undefined)) {
    errors.custom_field_id = 'custom_field_id and custom_field_value go together'
  } else if (query.custom_field_id !== undefined && !ctx.state.custom_fields.has(query.custom_field_id)) {
    errors.custom_field_id = 'custom_field_id is invalid or missing'
  }
  const letter = query.letter?.toLowerCase()
  if (letter !== undefined && !/^[a-z1]$/.test(letter)) errors.letter = 'letter must be one letter, or 1'
  if (query.sort_by !== undefined && !(SORTS as readonly string[]).includes(query.sort_by)) {
    errors.sort_by = `sort_by must be one of ${SORTS.join(', ')}`
  }
  if (query.order !== undefined && !['asc', 'desc'].includes(query.order)) {
    errors.order = 'order must be asc or desc'
  }
  const ranges = readDateRanges(query)
  if (!ranges.ok) return ranges
  if (Object.keys(errors).length > 0) return invalid(errors)

  const state = ctx.state
  const tests: ((contact: ContactRecord) => boolean)[] = []
  const add = (test: (contact: ContactRecord) => boolean) => tests.push(test)
  if (query.owner_id !== undefined) add((c) => c.owner_id === query.owner_id)
  else if (team !== true) add((c) => c.owner_id === ctx.user.id)
  if (query.search !== undefined) add((c) => matchesSearch(c, query.search as string))
  if (query.email !== undefined) {
    const email = query.email.toLowerCase()
    add((c) => c.emails.some((item) => item.value.toLowerCase() === email))
  }
  if (query.phone !== undefined)
    add((c) => c.phones.some((item) => phoneMatches(item.value, query.phone as string)))
  if (query.url !== undefined) {
    const url = query.url.toLowerCase()
    add((c) => c.urls.some((item) => item.value.toLowerCase() === url))
  }
  if (query.tag !== undefined) {
    const tag = query.tag.toLowerCase()
    add((c) => c.tags.some((item) => item.toLowerCase() === tag))
  }
  if (starred !== undefined) add((c) => c.starred_by.includes(ctx.user.id) === starred)
  if (query.status_id !== undefined) add((c) => c.status_id === query.status_id)
  if (query.lead_source_id !== undefined) add((c) => c.lead_source_id === query.lead_source_id)
  if (query.lead_source !== undefined) {
    const wanted = query.lead_source.toLowerCase()
    add((c) => {
      const source = c.lead_source_id === null ? undefined : state.lead_sources.get(c.lead_source_id)
      return source !== undefined && (source.id === query.lead_source || source.text.toLowerCase() === wanted)
    })
  }
  if (query.company_id !== undefined) add((c) => c.company_id === query.company_id)
  if (query.not_linked_with !== undefined) {
    const company = state.companies.get(query.not_linked_with)
    const linked = new Set(company?.linked_contacts.map((link) => link.contact_id) ?? [])
    add((c) => c.company_id !== query.not_linked_with && !linked.has(c.id))
  }
  if (letter !== undefined) add((c) => letterOf(c) === letter)
  if (query.custom_field_id !== undefined) {
    add((c) =>
      c.custom_fields.some(
        (value) => value.id === query.custom_field_id && value.value === query.custom_field_value,
      ),
    )
  }
  if (pendingDeal !== undefined) add((c) => dealSummaryOf(state, c).pending > 0 === pendingDeal)
  if (ranges.value.length > 0) add((c) => inRanges(c, ranges.value))

  const desc = query.order === 'desc'
  const sort: ContactFilter['sort'] =
    query.sort_by !== undefined
      ? { by: query.sort_by as (typeof SORTS)[number], desc }
      : ranges.value.length > 0
        ? { by: 'newest', field: ranges.value[0]?.field, desc: true }
        : { by: 'name', desc: false }
  return ok({ test: (contact) => tests.every((test) => test(contact)), sort })
}

/** The letter a contact files under: its last name's, else its company's; `1` for a digit (the portal). */
export function letterOf(contact: ContactRecord): string {
  const first = (contact.last_name || contact.company_name).slice(0, 1).toLowerCase()
  return /[0-9]/.test(first) ? '1' : first
}

/** `search`: "contact name, company name or phone number" (the spec), case-insensitive, any part of it. */
function matchesSearch(contact: ContactRecord, search: string): boolean {
  const wanted = search.trim().toLowerCase()
  if (wanted === '') return true
  const names = [
    `${contact.first_name} ${contact.last_name}`,
    `${contact.last_name} ${contact.first_name}`,
    contact.company_name,
  ]
  if (names.some((name) => name.toLowerCase().includes(wanted))) return true
  return contact.phones.some((phone) => phoneMatches(phone.value, search))
}

/** Phone numbers compared by their digits, any part of them (inferred). */
function phoneMatches(number: string, wanted: string): boolean {
  const digits = wanted.replaceAll(/\D/g, '')
  return digits !== '' && number.replaceAll(/\D/g, '').includes(digits)
}

/** `true`/`false`, `1`/`0`, in any case (the Ruby client's spec/search_spec.rb sends TRUE, true and 1). */
export function readFlag(value: string): boolean | undefined {
  const lower = value.toLowerCase()
  if (lower === 'true' || lower === '1') return true
  if (lower === 'false' || lower === '0') return false
  return undefined
}

function sortContacts(contacts: ContactRecord[], sort: ContactFilter['sort']): ContactRecord[] {
  const key = (contact: ContactRecord): string => {
    switch (sort.by) {
      case 'newest':
        return sort.field === 'created_at' ? contact.created_at : contact.modified_at
      case 'name':
        return sortName(contact)
      case 'created_at':
      case 'modified_at':
        return contact[sort.by]
      default:
        return contact[sort.by].toLowerCase()
    }
  }
  const direction = sort.desc ? -1 : 1
  return contacts
    .map((contact) => ({ contact, key: key(contact) }))
    .sort((a, b) => direction * (a.key.localeCompare(b.key) || a.contact.id.localeCompare(b.contact.id)))
    .map(({ contact }) => contact)
}

/** A batch of `GET /contacts/cascade`: 100 contacts (the spec's listContactsCascade). */
export const CASCADE_BATCH = 100

/**
 * `GET /contacts/cascade` and `/contacts/cascade/{last_id}`: the caller's contacts by name, 100 at a time,
 * each batch after the contact `lastId` (the spec: "Defaults to contacts owned by the logged user, alpha
 * sorted … Pass the last contact_id of the last request into the next request"). An unknown `lastId` is a
 * 404 (inferred).
 */
export function cascadeContacts(
  ctx: CrmContext,
  lastId: string | undefined,
): ApiResult<{ readonly contacts: readonly ContactRecord[]; readonly items_left: number }> {
  const own = sortContacts(
    [...ctx.state.contacts.values()].filter((contact) => contact.owner_id === ctx.user.id),
    { by: 'name', desc: false },
  )
  let start = 0
  if (lastId !== undefined) {
    const index = own.findIndex((contact) => contact.id === lastId)
    if (index < 0) return notFound('contact', lastId)
    start = index + 1
  }
  const contacts = own.slice(start, start + CASCADE_BATCH)
  return ok({ contacts, items_left: Math.max(0, own.length - start - contacts.length) })
}
