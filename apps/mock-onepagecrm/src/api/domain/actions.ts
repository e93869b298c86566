import { readActionFields } from './actions-fields.js'
import { isOpen } from './actions-order.js'
import { commitAction, removeFromQueues } from './actions-queue.js'
import { type ApiResult, invalid, notFound, ok, preconditionFailed } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { notifyAssignment } from './notifications.js'
import type { ActionRecord, CrmState } from './records.js'
import { isoDate, isoSeconds } from './time.js'

// Actions: create, read, update, delete and restore (the spec's Actions operations,
// https://github.com/OnePageCRM/swagger). Listing is `actions-list.ts`; the state changes of their own
// (done, promote, swap, …) are `actions-moves.ts`.

/**
 * `POST /actions` (and `/contacts/{id}/actions`, which passes the contact). "A contact holds one ASAP
 * action per assignee — creating a second demotes the existing one to a dated action for today" (the spec's
 * createAction).
 */
export function createAction(
  ctx: CrmContext,
  body: JsonObject,
  contactIdFromPath: string | undefined,
  operation: string,
): ApiResult<ActionRecord> {
  const fields = new BodyFields(unwrapBody(body, 'action'))
  const contactId = contactIdFromPath ?? fields.id('contact_id', { required: true })
  const read = readActionFields(ctx, fields, undefined, operation)
  if (!read.ok) return read
  if (contactId === undefined) return invalid(fields.errors)
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const now = isoSeconds(ctx.now)
  const action: ActionRecord = {
    ...read.value.fields,
    id: ctx.newId(),
    contact_id: contactId,
    position: null,
    done_at: null,
    created_at: now,
    modified_at: now,
  }
  const asap = action.status === 'asap' ? asapOf(ctx.state, action) : undefined
  if (asap !== undefined) {
    commitAction(
      ctx.state,
      asap,
      { ...asap, status: 'date', date: isoDate(ctx.now), modified_at: now },
      undefined,
      now,
    )
  }
  const created = commitAction(ctx.state, undefined, action, read.value.position, now)
  notifyAssignment(ctx, undefined, created)
  return ok(created)
}

export function getAction(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const action = ctx.state.actions.get(id)
  return action === undefined ? notFound('action', id) : ok(action)
}

/**
 * `PUT /actions/{id}`: without `partial`, fields left out return to their defaults (as the spec says of
 * contacts); with `partial=true`, only the fields sent change. "contact_id cannot be changed" (the spec's
 * updateAction): a different one is a 400. `done` (the query parameter: "Mark the action as complete")
 * completes the action, or with `false` reopens it (inferred). Making an action a second ASAP of its
 * assignee on the contact is the documented 409 (the spec's `409`: "adding an ASAP action to a contact
 * that already has one for that user").
 */
export function updateAction(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  options: { partial: boolean; done: boolean | undefined; operation: string },
): ApiResult<ActionRecord> {
  const existing = ctx.state.actions.get(id)
  if (existing === undefined) return notFound('action', id)
  const fields = new BodyFields(unwrapBody(body, 'action'))
  const contactId = fields.id('contact_id')
  if (contactId !== undefined && contactId !== existing.contact_id) {
    fields.fail('contact_id', 'contact_id cannot be changed')
  }
  const read = readActionFields(ctx, fields, options.partial ? existing : undefined, options.operation)
  if (!read.ok) return read
  const now = isoSeconds(ctx.now)
  const doneAt =
    options.done === undefined
      ? existing.done_at
      : options.done
        ? (existing.done_at ?? isoDate(ctx.now))
        : null
  const next: ActionRecord = { ...existing, ...read.value.fields, done_at: doneAt, modified_at: now }
  const conflict = asapConflict(ctx.state, next)
  if (conflict !== undefined) return conflict
  const updated = commitAction(ctx.state, existing, next, read.value.position, now)
  notifyAssignment(ctx, existing, updated)
  return ok(updated)
}

/**
 * `DELETE /actions/{id}`; "Repeat the same request with undo=true to restore it" (the spec's deleteAction).
 * Undoing for an action that is not deleted is a 409 (inferred); a restored queued action goes back to its
 * place in the queue.
 */
export function deleteAction(ctx: CrmContext, id: string, undo: boolean): ApiResult<ActionRecord> {
  const now = isoSeconds(ctx.now)
  if (!undo) {
    const action = ctx.state.actions.get(id)
    if (action === undefined) return notFound('action', id)
    removeFromQueues(ctx.state, action, now)
    ctx.state.deleted_actions.set(id, action)
    return ok(action)
  }
  if (ctx.state.actions.has(id))
    return preconditionFailed(`The action ${id} is not deleted; there is nothing to undo.`)
  const deleted = ctx.state.deleted_actions.get(id)
  if (deleted === undefined) return notFound('action', id)
  const restored = { ...deleted, modified_at: now }
  const conflict = asapConflict(ctx.state, restored)
  if (conflict !== undefined) return conflict
  ctx.state.deleted_actions.delete(id)
  return ok(commitAction(ctx.state, undefined, restored, deleted.position ?? undefined, now))
}

/** The open ASAP action of `action`'s assignee on its contact, other than `action` itself. */
export function asapOf(state: CrmState, action: ActionRecord): ActionRecord | undefined {
  for (const other of state.actions.values()) {
    if (
      other.id !== action.id &&
      isOpen(other) &&
      other.status === 'asap' &&
      other.contact_id === action.contact_id &&
      other.assignee_id === action.assignee_id
    ) {
      return other
    }
  }
  return undefined
}

/** The documented 409 when `next` would be a second open ASAP action of its assignee on its contact. */
export function asapConflict(state: CrmState, next: ActionRecord): ApiResult<never> | undefined {
  if (!isOpen(next) || next.status !== 'asap') return undefined
  const asap = asapOf(state, next)
  if (asap === undefined) return undefined
  return preconditionFailed(
    `The contact ${next.contact_id} already has an ASAP action (${asap.id}) for the user ${next.assignee_id}.`,
  )
}
