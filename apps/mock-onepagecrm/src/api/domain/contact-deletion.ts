import { type ApiResult, invalid, notFound, ok } from './api-failures.js'
import { dropIfEmpty, newCompany, unlinkEverywhere } from './company-linking.js'
import type { CrmContext } from './crm-context.js'
import { type ContactRecord, type CrmState, copyState, type DeletedContactRecord } from './records.js'
import { removeContactCascade } from './removal.js'
import { isoSeconds } from './time.js'

// Deleting a contact, and undoing it: "Repeat the same request with undo=true to restore the most recent
// deletion for that ID — the restore window depends on the account plan, from 1 day up to 60 days" (the
// spec's deleteContact, https://github.com/OnePageCRM/swagger; `DELETE contacts/{id}.json?undo=1` on
// http://developer.onepagecrm.com/, "Request Parameters"). The mock keeps the shortest window, one day
// (inferred: code that works within it works on every plan).

export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000

/** The most contacts one `DELETE /contacts/delete?ids=…` names (inferred: a page's worth, as `per_page`). */
export const MAX_BULK_IDS = 100

/**
 * `DELETE /contacts/{id}`: the contact with its notes, deals, calls and meetings and their attachments, its
 * links to companies, and its company when it was the last one in it; all kept for an undo.
 */
export function deleteContact(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  if (contact === undefined) return notFound('contact', id)
  forgetExpired(ctx)
  const before = copyState(ctx.state)
  removeContactCascade(ctx.state, id)
  unlinkEverywhere(ctx.state, id)
  dropIfEmpty(ctx.state, contact.company_id)
  ctx.state.deleted_contacts.set(id, {
    id,
    deleted_at: isoSeconds(ctx.now),
    ...difference(before, ctx.state),
  })
  return ok(contact)
}

/**
 * `DELETE /contacts/{id}?undo=1`: the most recent deletion of that contact put back, what it removed
 * restored and what it changed set back unless changed again since. A contact that was not deleted in the
 * window is a 404 (inferred).
 */
export function undoDeleteContact(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  forgetExpired(ctx)
  const deleted = ctx.state.deleted_contacts.get(id)
  if (deleted === undefined || ctx.state.contacts.has(id)) return notFound('contact', id)
  restore(ctx.state, deleted)
  ctx.state.deleted_contacts.delete(id)
  let contact = ctx.state.contacts.get(id) as ContactRecord
  // Its company may have gone meanwhile (its last other contact deleted): it comes back under its name.
  if (contact.company_id !== null && !ctx.state.companies.has(contact.company_id)) {
    const company = { ...newCompany(ctx, contact.company_name), id: contact.company_id }
    ctx.state.companies.set(company.id, company)
  }
  const company = contact.company_id === null ? undefined : ctx.state.companies.get(contact.company_id)
  if (company !== undefined && company.name !== contact.company_name) {
    contact = { ...contact, company_name: company.name }
    ctx.state.contacts.set(id, contact)
  }
  return ok(contact)
}

/**
 * `DELETE /contacts/delete?ids=a,b`: each as `DELETE /contacts/{id}` (with `undo`, each undone). All or
 * nothing: an unknown id is a 404 and nothing is deleted (inferred).
 */
export function deleteContacts(
  ctx: CrmContext,
  ids: string | undefined,
  undo: boolean,
): ApiResult<readonly ContactRecord[]> {
  const list = (ids ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
  if (list.length === 0) return invalid({ ids: 'ids is invalid or missing' })
  if (list.length > MAX_BULK_IDS) return invalid({ ids: `ids can name at most ${MAX_BULK_IDS} contacts` })
  const unique = [...new Set(list)]
  forgetExpired(ctx)
  for (const id of unique) {
    const known = undo
      ? ctx.state.deleted_contacts.has(id) && !ctx.state.contacts.has(id)
      : ctx.state.contacts.has(id)
    if (!known) return notFound('contact', id)
  }
  const done: ContactRecord[] = []
  for (const id of unique) {
    const result = undo ? undoDeleteContact(ctx, id) : deleteContact(ctx, id)
    if (result.ok) done.push(result.value)
  }
  return ok(done)
}

/** Deletions older than the undo window can no longer be undone; their records go for good. */
function forgetExpired(ctx: CrmContext): void {
  const oldest = ctx.now.getTime() - UNDO_WINDOW_MS
  for (const deleted of [...ctx.state.deleted_contacts.values()]) {
    if (Date.parse(deleted.deleted_at) < oldest) ctx.state.deleted_contacts.delete(deleted.id)
  }
}

/** What changed from `before` to `after`, map by map (the undo records themselves aside). */
function difference(before: CrmState, after: CrmState): Pick<DeletedContactRecord, 'removed' | 'changed'> {
  const removed: Record<string, unknown[]> = {}
  const changed: Record<string, { before: unknown; after: unknown }[]> = {}
  for (const key of Object.keys(before) as Array<keyof CrmState>) {
    if (key === 'deleted_contacts') continue
    const now = after[key] as Map<string, unknown>
    for (const [id, record] of before[key] as Map<string, unknown>) {
      const current = now.get(id)
      if (current === undefined) {
        removed[key] = [...(removed[key] ?? []), record]
      } else if (current !== record) {
        changed[key] = [...(changed[key] ?? []), { before: record, after: current }]
      }
    }
  }
  return { removed, changed }
}

function restore(state: CrmState, deleted: DeletedContactRecord): void {
  for (const [key, records] of Object.entries(deleted.removed)) {
    const map = state[key as keyof CrmState] as Map<string, { id: string }> | undefined
    for (const record of records as { id: string }[]) if (!map?.has(record.id)) map?.set(record.id, record)
  }
  for (const [key, changes] of Object.entries(deleted.changed)) {
    const map = state[key as keyof CrmState] as Map<string, { id: string }> | undefined
    for (const { before, after } of changes as { before: { id: string }; after: unknown }[]) {
      // Compared as JSON: a saved state comes back from disk as new objects.
      if (JSON.stringify(map?.get(before.id)) === JSON.stringify(after)) map?.set(before.id, before)
    }
  }
}
