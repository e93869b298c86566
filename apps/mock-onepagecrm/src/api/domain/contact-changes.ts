import { type ApiResult, invalid, notFound, ok } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import { companyNamed, dropIfEmpty, newCompany, syncStatus } from './company-linking.js'
import { MAX_LIST_ITEMS, MAX_VALUE_LENGTH } from './contact-fields.js'
import type { CrmContext } from './crm-context.js'
import type { ContactRecord } from './records.js'
import { isoSeconds, unixSeconds } from './time.js'

// The contact shortcuts of the spec (https://github.com/OnePageCRM/swagger): star, unstar, change status,
// change owner, assign and unassign a tag, close, force close and reopen the sales cycle, split. Each
// answers the contact as updated.

type Change = (contact: ContactRecord) => ApiResult<ContactRecord>

/** Applies `change` to the contact `id` (404 when there is none), stamping `modified_at`. */
function changeContact(ctx: CrmContext, id: string, change: Change): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  if (contact === undefined) return notFound('contact', id)
  const changed = change(contact)
  if (!changed.ok) return changed
  const stamped = { ...changed.value, modified_at: isoSeconds(ctx.now) }
  ctx.state.contacts.set(id, stamped)
  return ok(stamped)
}

/** `PUT /contacts/{id}/star` and `/unstar`: "Starring is per user" (the spec's starContact). */
export function starContact(ctx: CrmContext, id: string, starred: boolean): ApiResult<ContactRecord> {
  return changeContact(ctx, id, (contact) => {
    const others = contact.starred_by.filter((user) => user !== ctx.user.id)
    return ok({ ...contact, starred_by: starred ? [...others, ctx.user.id] : others })
  })
}

/**
 * `PUT /contacts/{id}/change_status/{status_id}`: an unknown status is a 404 (inferred); in a company with
 * status sync, the whole company follows (the spec's setCompanySyncedStatus).
 */
export function changeContactStatus(ctx: CrmContext, id: string, statusId: string): ApiResult<ContactRecord> {
  if (ctx.state.contacts.has(id) && !ctx.state.statuses.has(statusId)) return notFound('status', statusId)
  const changed = changeContact(ctx, id, (contact) => ok({ ...contact, status_id: statusId }))
  return changed.ok ? ok(syncStatus(ctx, changed.value, false)) : changed
}

/** `PUT /contacts/{id}/change_owner/{owner_id}`: the owner must be a user of the account (404 otherwise). */
export function changeContactOwner(ctx: CrmContext, id: string, ownerId: string): ApiResult<ContactRecord> {
  if (ctx.state.contacts.has(id) && !ctx.state.users.has(ownerId)) return notFound('user', ownerId)
  return changeContact(ctx, id, (contact) => ok({ ...contact, owner_id: ownerId }))
}

/**
 * `PUT /contacts/{id}/assign_tag/{tag_name}`: "Tag names match the account's existing tags
 * case-insensitively" (the spec), so an existing tag keeps its spelling; assigning a tag the contact has
 * changes nothing but `modified_at`.
 */
export function assignContactTag(ctx: CrmContext, id: string, name: string): ApiResult<ContactRecord> {
  const tag = name.trim()
  if (tag === '' || tag.length > MAX_VALUE_LENGTH) {
    return ctx.state.contacts.has(id)
      ? invalid({ tag_name: `tag_name must be a name of 1 to ${MAX_VALUE_LENGTH} characters` })
      : notFound('contact', id)
  }
  return changeContact(ctx, id, (contact) => {
    const key = tag.toLowerCase()
    if (contact.tags.some((existing) => existing.toLowerCase() === key)) return ok(contact)
    if (contact.tags.length >= MAX_LIST_ITEMS) {
      return invalid({ tag_name: `a contact can have at most ${MAX_LIST_ITEMS} tags` })
    }
    return ok({ ...contact, tags: [...contact.tags, accountTag(ctx, tag)] })
  })
}

/** `PUT /contacts/{id}/unassign_tag/{tag_name}`, matched case-insensitively. */
export function unassignContactTag(ctx: CrmContext, id: string, name: string): ApiResult<ContactRecord> {
  const key = name.trim().toLowerCase()
  return changeContact(ctx, id, (contact) =>
    ok({ ...contact, tags: contact.tags.filter((tag) => tag.toLowerCase() !== key) }),
  )
}

/** The account's spelling of a tag some contact already has, else the name as given. */
function accountTag(ctx: CrmContext, tag: string): string {
  const key = tag.toLowerCase()
  for (const contact of ctx.state.contacts.values()) {
    const existing = contact.tags.find((name) => name.toLowerCase() === key)
    if (existing !== undefined) return existing
  }
  return tag
}

/**
 * `PUT /contacts/{id}/close_sales_cycle` and `force_close_sales_cycle`: the caller's sales cycle closes, with
 * an optional `comment` (≤ 140, the spec): the contact's `sales_closed_for` gains the caller and
 * `closed_sales` an entry. Closing again replaces the entry (inferred).
 */
export function closeSalesCycle(ctx: CrmContext, id: string, body: JsonObject): ApiResult<ContactRecord> {
  const fields = new BodyFields(unwrapBody(body, 'contact'))
  const comment = fields.string('comment', { max: 140 }) ?? ''
  if (!fields.valid) return ctx.state.contacts.has(id) ? invalid(fields.errors) : notFound('contact', id)
  return changeContact(ctx, id, (contact) =>
    ok({
      ...contact,
      closed_sales: [
        ...contact.closed_sales.filter((sale) => sale.user_id !== ctx.user.id),
        { user_id: ctx.user.id, closed_at: unixSeconds(ctx.now), comment },
      ],
    }),
  )
}

/** `PUT /contacts/{id}/reopen_sales_cycle`: the caller's closed cycle, if any, reopens. */
export function reopenSalesCycle(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  return changeContact(ctx, id, (contact) =>
    ok({ ...contact, closed_sales: contact.closed_sales.filter((sale) => sale.user_id !== ctx.user.id) }),
  )
}

/**
 * `PUT /contacts/{id}/split`: the contact leaves its company and, with a `company_name`, joins that one (an
 * existing company of that name, or a new one); "splitting the last contact from a company, will cause
 * that company to be deleted" (the spec). A contact without a last name must join a company, as it must to
 * exist at all (inferred from createContact's rule).
 */
export function splitContact(ctx: CrmContext, id: string, body: JsonObject): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  if (contact === undefined) return notFound('contact', id)
  const fields = new BodyFields(unwrapBody(body, 'contact'))
  const name = fields.string('company_name', { max: 55 }) ?? ''
  if (!fields.valid) return invalid(fields.errors)
  if (name === '' && contact.last_name === '') {
    return invalid({ company_name: 'A contact without a last name needs a company name.' })
  }
  const existing = name === '' ? undefined : companyNamed(ctx.state, name)
  if (existing !== undefined && existing.id === contact.company_id) {
    return invalid({ company_name: 'The contact already works at this company.' })
  }
  let company = existing
  if (company === undefined && name !== '') {
    company = newCompany(ctx, name)
    ctx.state.companies.set(company.id, company)
  }
  const split: ContactRecord = {
    ...contact,
    company_id: company?.id ?? null,
    company_name: company?.name ?? '',
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.contacts.set(id, split)
  dropIfEmpty(ctx.state, contact.company_id)
  return ok(syncStatus(ctx, split, company !== undefined))
}
