import { type ApiResult, notFound, ok } from './api-failures.js'
import { type JsonObject, unwrapBody } from './body-fields.js'
import { applyCompanyPlan, dropIfEmpty, planCompany, syncStatus } from './company-linking.js'
import { readContactFields } from './contact-fields.js'
import type { CrmContext } from './crm-context.js'
import type { ContactRecord } from './records.js'
import { isoSeconds } from './time.js'

/**
 * `POST /contacts`: `last_name` or `company_name` is required; the owner defaults to the caller, the status
 * to lead; `company_name` joins the company of that name or makes one (the spec's createContact).
 */
export function createContact(ctx: CrmContext, body: JsonObject): ApiResult<ContactRecord> {
  const fields = readContactFields(ctx, unwrapBody(body, 'contact'), undefined, false)
  if (!fields.ok) return fields
  const plan = planCompany(ctx.state, fields.value.company, undefined, false)
  if (!plan.ok) return plan
  // The contact's id first: a seed fixes the first id it is asked for.
  const id = ctx.newId()
  const now = isoSeconds(ctx.now)
  const { starred, owner_id, company: _company, ...values } = fields.value
  const contact: ContactRecord = {
    ...values,
    ...applyCompanyPlan(ctx, plan.value, undefined),
    id,
    owner_id: owner_id ?? ctx.user.id,
    starred_by: starred === true ? [ctx.user.id] : [],
    closed_sales: [],
    created_at: now,
    modified_at: now,
  }
  ctx.state.contacts.set(contact.id, contact)
  return ok(syncStatus(ctx, contact, contact.company_id !== null))
}

/**
 * `PUT /contacts/{id}`: without `partial`, the whole record is replaced and what is left out is cleared
 * (the spec's description of updateContact); with `partial`, only the fields sent change, lists replaced
 * whole, custom field values merged by field. Nothing changes unless every field is valid.
 */
export function updateContact(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<ContactRecord> {
  const existing = ctx.state.contacts.get(id)
  if (existing === undefined) return notFound('contact', id)
  const fields = readContactFields(ctx, unwrapBody(body, 'contact'), existing, partial)
  if (!fields.ok) return fields
  const plan = planCompany(ctx.state, fields.value.company, existing.company_id, partial)
  if (!plan.ok) return plan
  const { starred, owner_id, company: _company, ...values } = fields.value
  const placed = applyCompanyPlan(ctx, plan.value, existing)
  const others = existing.starred_by.filter((user) => user !== ctx.user.id)
  const starredByCaller = starred ?? (partial && existing.starred_by.includes(ctx.user.id))
  const contact: ContactRecord = {
    ...existing,
    ...values,
    ...placed,
    owner_id: owner_id ?? existing.owner_id,
    starred_by: starredByCaller ? [...others, ctx.user.id] : others,
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.contacts.set(id, contact)
  const moved = contact.company_id !== existing.company_id
  if (moved) dropIfEmpty(ctx.state, existing.company_id)
  return ok(syncStatus(ctx, contact, moved && contact.company_id !== null))
}

export function getContact(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  return contact === undefined ? notFound('contact', id) : ok(contact)
}

/** The name contacts are listed by (the spec's listContacts: "sorted by name"): last name, then first. */
export const sortName = (contact: ContactRecord): string =>
  `${contact.last_name || contact.company_name}\u0000${contact.first_name}`.toLowerCase()
