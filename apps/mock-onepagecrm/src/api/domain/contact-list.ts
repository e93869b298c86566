import { type ApiResult, notFound, ok } from './api-failures.js'
import { type ContactFilterQuery, type ContactSort, readContactFilter } from './contact-filter.js'
import { sortName } from './contacts.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ContactRecord } from './records.js'

// `GET /contacts` (the spec's listContacts, https://github.com/OnePageCRM/swagger): its filters are
// `contact-filter.ts`, shared with the streams; here, its order and paging, and the cascade.

export interface ContactListQuery extends PageRequest, ContactFilterQuery {}

/**
 * The contacts a query selects, sorted and paged: by name unless `sort_by` says otherwise ("ascending is
 * the default"), newest first when a created_at or modified_at range is asked without `sort_by` (the spec's
 * listContacts). Without `team` or `owner_id` only the caller's own contacts are listed (the spec's
 * query_team, "Include contacts owned by other users"; the portal's `team`: "False, Default: Only the
 * logged in user's contacts"); `waiting` looks at the caller's next actions ("for whom I have a next
 * action").
 */
export function listContacts(ctx: CrmContext, query: ContactListQuery): ApiResult<Page<ContactRecord>> {
  const filter = readContactFilter(ctx, query, { everyOwnerByDefault: false, waitingFor: ctx.user.id })
  if (!filter.ok) return filter
  const { test, sortBy, descending, ranges } = filter.value
  const sort: ContactOrder =
    sortBy !== undefined
      ? { by: sortBy, desc: descending }
      : ranges.length > 0
        ? { by: 'newest', field: ranges[0]?.field, desc: true }
        : { by: 'name', desc: false }
  return ok(paginate(sortContacts([...ctx.state.contacts.values()].filter(test), sort), query))
}

interface ContactOrder {
  readonly by: ContactSort | 'newest'
  readonly field?: string | undefined
  readonly desc: boolean
}

/** A contact's value for `sort_by`: `name` is the list order (last name, else company name, then first name). */
export function contactSortKey(contact: ContactRecord, by: ContactSort): string {
  switch (by) {
    case 'name':
      return sortName(contact)
    case 'created_at':
    case 'modified_at':
      return contact[by]
    default:
      return contact[by].toLowerCase()
  }
}

function sortContacts(contacts: ContactRecord[], sort: ContactOrder): ContactRecord[] {
  const key = (contact: ContactRecord): string =>
    sort.by === 'newest'
      ? sort.field === 'created_at'
        ? contact.created_at
        : contact.modified_at
      : contactSortKey(contact, sort.by)
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
