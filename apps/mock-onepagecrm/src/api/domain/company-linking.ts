import { type ApiResult, notFound, ok } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import type { CompanyRecord, ContactRecord, CrmState } from './records.js'
import { isoSeconds } from './time.js'

// How a contact's `company_name` and `company_id` place it in a company (the spec's createContact and
// updateContact, https://github.com/OnePageCRM/swagger): "company_name links the contact to an existing
// company (matched case-insensitively) or creates one; company_id is ignored on create", and on update
// "company_name renames or moves, company_id moves to an existing company, and a full update sending neither
// removes the company". A company "may not … exist without a Contact" (the spec's Company): it goes with its
// last contact, as the spec's splitContact warns.

/** Where a create or update puts the contact. Planned before anything changes, carried out after. */
export type CompanyPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'keep' }
  | { readonly kind: 'join'; readonly companyId: string; readonly rename?: string | undefined }
  | { readonly kind: 'new'; readonly name: string }
  | { readonly kind: 'rename'; readonly companyId: string; readonly name: string }

/** What the request said about the company: undefined for a field it left out. */
export interface CompanyRequest {
  readonly company_id?: string | undefined
  readonly company_name?: string | undefined
}

/** The company named `name`, case-insensitively (the first made, should two share it). */
export function companyNamed(state: CrmState, name: string): CompanyRecord | undefined {
  const wanted = name.toLowerCase()
  for (const company of state.companies.values()) if (company.name.toLowerCase() === wanted) return company
  return undefined
}

/**
 * The plan for a request: `current` is the contact's company before (undefined on create), `partial` keeps
 * the company when the request says nothing of it. An unknown `company_id` is a 404.
 */
export function planCompany(
  state: CrmState,
  request: CompanyRequest,
  current: string | null | undefined,
  partial: boolean,
): ApiResult<CompanyPlan> {
  const creating = current === undefined
  const name = request.company_name
  if (!creating && request.company_id !== undefined) {
    const target = state.companies.get(request.company_id)
    if (target === undefined) return notFound('company', request.company_id)
    const rename = name !== undefined && name !== '' && name !== target.name ? name : undefined
    return ok({ kind: 'join', companyId: target.id, rename })
  }
  if (name === undefined) return ok(partial && !creating ? { kind: 'keep' } : { kind: 'none' })
  if (name === '') return ok({ kind: 'none' })
  const named = companyNamed(state, name)
  const own = current === null || current === undefined ? undefined : state.companies.get(current)
  if (own !== undefined && own.name === name) return ok({ kind: 'keep' })
  if (named !== undefined && named.id !== own?.id) return ok({ kind: 'join', companyId: named.id })
  if (own !== undefined) return ok({ kind: 'rename', companyId: own.id, name })
  return ok({ kind: 'new', name })
}

/** Carries out a plan: the contact's `company_id` and `company_name` after it. */
export function applyCompanyPlan(
  ctx: CrmContext,
  plan: CompanyPlan,
  current: { readonly company_id: string | null; readonly company_name: string } | undefined,
): { company_id: string | null; company_name: string } {
  switch (plan.kind) {
    case 'none':
      return { company_id: null, company_name: '' }
    case 'keep':
      return current === undefined
        ? { company_id: null, company_name: '' }
        : { company_id: current.company_id, company_name: current.company_name }
    case 'new': {
      const company = newCompany(ctx, plan.name)
      ctx.state.companies.set(company.id, company)
      return { company_id: company.id, company_name: company.name }
    }
    case 'join': {
      const company = ctx.state.companies.get(plan.companyId) as CompanyRecord
      const name = plan.rename === undefined ? company.name : renameCompany(ctx, company.id, plan.rename)
      return { company_id: company.id, company_name: name }
    }
    case 'rename':
      return { company_id: plan.companyId, company_name: renameCompany(ctx, plan.companyId, plan.name) }
  }
}

/** A company as the first contact's `company_name` makes it: a name, nothing else. */
export function newCompany(ctx: CrmContext, name: string): CompanyRecord {
  const now = isoSeconds(ctx.now)
  return {
    id: ctx.newId(),
    name,
    description: '',
    phone: '',
    url: '',
    address: { address: '', city: '', state: '', zip_code: '', country_code: '' },
    company_fields: [],
    synced_status_id: null,
    logo_key: null,
    linked_contacts: [],
    created_at: now,
    modified_at: now,
  }
}

/** Renames a company and every contact's `company_name` in it (the Ruby client's spec/companies_spec.rb). */
export function renameCompany(ctx: CrmContext, companyId: string, name: string): string {
  const company = ctx.state.companies.get(companyId)
  if (company === undefined) return name
  if (company.name !== name) {
    ctx.state.companies.set(companyId, { ...company, name, modified_at: isoSeconds(ctx.now) })
    for (const contact of contactsOf(ctx.state, companyId)) {
      ctx.state.contacts.set(contact.id, { ...contact, company_name: name })
    }
  }
  return name
}

/** The company's own contacts, in creation order. */
export function contactsOf(state: CrmState, companyId: string): ContactRecord[] {
  return [...state.contacts.values()].filter((contact) => contact.company_id === companyId)
}

/**
 * After a contact left `companyId` (moved, split, deleted): a company without contacts goes, with the
 * links other companies had to it; links of its contacts elsewhere stay.
 */
export function dropIfEmpty(state: CrmState, companyId: string | null): void {
  if (companyId === null || !state.companies.has(companyId)) return
  if (contactsOf(state, companyId).length > 0) return
  state.companies.delete(companyId)
}

/**
 * Removes a contact from every company's linked contacts, and from the `linked_with` lists (a link left
 * with no contact of the company to be linked with goes too).
 */
export function unlinkEverywhere(state: CrmState, contactId: string): void {
  for (const company of state.companies.values()) {
    const kept = company.linked_contacts
      .filter((link) => link.contact_id !== contactId)
      .map((link) => ({ ...link, linked_with: link.linked_with.filter((id) => id !== contactId) }))
    const changed =
      kept.length !== company.linked_contacts.length ||
      kept.some(
        (link, index) => link.linked_with.length !== company.linked_contacts[index]?.linked_with.length,
      )
    if (changed) state.companies.set(company.id, { ...company, linked_contacts: kept })
  }
}

/**
 * Company status sync (the spec's setCompanySyncedStatus): a contact joining a synced company takes its
 * status; a contact of a synced company whose status changed gives it to the company and all its contacts.
 */
export function syncStatus(ctx: CrmContext, contact: ContactRecord, joined: boolean): ContactRecord {
  const company = contact.company_id === null ? undefined : ctx.state.companies.get(contact.company_id)
  if (company?.synced_status_id === null || company === undefined) return contact
  if (joined) {
    const synced = { ...contact, status_id: company.synced_status_id }
    ctx.state.contacts.set(contact.id, synced)
    return synced
  }
  if (contact.status_id === company.synced_status_id) return contact
  ctx.state.companies.set(company.id, { ...company, synced_status_id: contact.status_id })
  for (const colleague of contactsOf(ctx.state, company.id)) {
    if (colleague.status_id !== contact.status_id) {
      ctx.state.contacts.set(colleague.id, { ...colleague, status_id: contact.status_id })
    }
  }
  return contact
}
