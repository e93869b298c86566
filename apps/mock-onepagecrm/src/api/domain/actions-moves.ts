import { asapConflict } from './actions.js'
import { compareActions, isNextAction, isOpen, isQueuedAction } from './actions-order.js'
import { commitAction } from './actions-queue.js'
import { type ApiResult, notFound, ok, preconditionFailed } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import type { ActionRecord, CrmState } from './records.js'
import { isoDate, isoSeconds } from './time.js'

// The state changes an action has its own operation for (the spec's `/actions/{action_id}/…` operations,
// https://github.com/OnePageCRM/swagger). Each answers the action as it now is; one that would change
// nothing answers it unchanged (inferred), and a state that forbids it is the vendor's 409.

function existing(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const action = ctx.state.actions.get(id)
  return action === undefined ? notFound('action', id) : ok(action)
}

/** `mark_as_done`: "Marks the action complete"; it leaves its queue. */
export function markActionAsDone(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const found = existing(ctx, id)
  if (!found.ok || !isOpen(found.value)) return found
  const now = isoSeconds(ctx.now)
  const done = { ...found.value, done_at: isoDate(ctx.now), modified_at: now }
  return ok(commitAction(ctx.state, found.value, done, undefined, now))
}

/**
 * `undo_completion`: "Reverts a completed action to its previous state" (a queued one rejoins the end of
 * its queue). Reopening a second ASAP action of the assignee on the contact is the 409.
 */
export function undoActionCompletion(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const found = existing(ctx, id)
  if (!found.ok || isOpen(found.value)) return found
  const now = isoSeconds(ctx.now)
  const reopened = { ...found.value, done_at: null, modified_at: now }
  return (
    asapConflict(ctx.state, reopened) ?? ok(commitAction(ctx.state, found.value, reopened, undefined, now))
  )
}

/**
 * `unassign`: the action goes to the calling user (the spec: "leaving `assignee_id` blank will assign this
 * action to the logged API user"); a queued one joins the end of the caller's queue.
 */
export function unassignAction(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const found = existing(ctx, id)
  if (!found.ok || found.value.assignee_id === ctx.user.id) return found
  const now = isoSeconds(ctx.now)
  const mine = { ...found.value, assignee_id: ctx.user.id, modified_at: now }
  return asapConflict(ctx.state, mine) ?? ok(commitAction(ctx.state, found.value, mine, undefined, now))
}

/**
 * `unlink`: detaches an action from the external event it mirrors. No action of the mock mirrors one
 * (`externally_controlled` is always false: no calendars are connected), so every action is already the
 * "ordinary action" unlinking makes, and it answers unchanged.
 */
export const unlinkAction = (ctx: CrmContext, id: string): ApiResult<ActionRecord> => existing(ctx, id)

/** `revert_promotion`: "no longer changes anything and simply returns the action unmodified" (the spec). */
export const revertActionPromotion = (ctx: CrmContext, id: string): ApiResult<ActionRecord> =>
  existing(ctx, id)

/**
 * `promote`: a queued action becomes the calling user's next action on its contact, a dated one on its
 * date, one without a date for today (the spec's default date; inferred). "Only use this method if there is
 * no next action already assigned, otherwise see similar `swap` request": with one, or for an action that
 * is not queued, it is the 409.
 */
export function promoteAction(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const found = existing(ctx, id)
  if (!found.ok) return found
  const action = found.value
  if (!isQueuedAction(action)) return preconditionFailed(`The action ${id} is not a queued action.`)
  const next = nextActionsOf(ctx.state, action.contact_id, ctx.user.id)[0]
  if (next !== undefined) {
    return preconditionFailed(
      `The contact ${action.contact_id} already has a next action (${next.id}) for the user ${ctx.user.id}; swap the actions instead.`,
    )
  }
  const now = isoSeconds(ctx.now)
  const promoted: ActionRecord = {
    ...action,
    assignee_id: ctx.user.id,
    status: 'date',
    date: action.date ?? isoDate(ctx.now),
    modified_at: now,
  }
  return ok(commitAction(ctx.state, action, promoted, undefined, now))
}

/**
 * `swap`: "Resolves a date conflict between a next action and a dated queued action by swapping them. The
 * swap needs a next action of status date, date_time or waiting, and a queued action of status
 * queued_with_date. Both actions must belong to the current user, and the queued action's date must be
 * before the next action's date" (the spec). `action_id` is the queued action; it becomes a `date` action
 * on its day, and the next action takes its place in the queue, `queued_with_date` on its day (a waiting
 * one, which has no day, `queued`). Whatever precondition fails is the 409.
 */
export function swapAction(ctx: CrmContext, id: string): ApiResult<ActionRecord> {
  const found = existing(ctx, id)
  if (!found.ok) return found
  const queued = found.value
  if (!isOpen(queued) || queued.status !== 'queued_with_date') {
    return preconditionFailed(`The action ${id} is not a queued action with a date (queued_with_date).`)
  }
  if (queued.assignee_id !== ctx.user.id) {
    return preconditionFailed(`The action ${id} is assigned to another user; only your own actions swap.`)
  }
  const next = swappableNextAction(ctx.state, queued.contact_id, ctx.user.id)
  if (next === undefined) {
    return preconditionFailed(
      `The contact ${queued.contact_id} has no next action of status date, date_time or waiting for the user ${ctx.user.id}.`,
    )
  }
  if (!inConflict(queued, next)) {
    return preconditionFailed(
      `The queued action's date (${queued.date}) is not before the next action's date (${next.date}).`,
    )
  }
  const now = isoSeconds(ctx.now)
  const position = queued.position ?? undefined
  const swappedIn = commitAction(
    ctx.state,
    queued,
    { ...queued, status: 'date', modified_at: now },
    undefined,
    now,
  )
  const demoted: ActionRecord = {
    ...next,
    status: next.date === null ? 'queued' : 'queued_with_date',
    exact_time: null,
    modified_at: now,
  }
  commitAction(ctx.state, next, demoted, position, now)
  return ok(ctx.state.actions.get(swappedIn.id) as ActionRecord)
}

/** A user's open next actions on a contact, in Action Stream order. */
export function nextActionsOf(state: CrmState, contactId: string, userId: string): ActionRecord[] {
  return [...state.actions.values()]
    .filter(
      (action) => action.contact_id === contactId && action.assignee_id === userId && isNextAction(action),
    )
    .sort(compareActions)
}

/** The next action a dated queued action can swap with: the user's first of status date, date_time or waiting. */
export const swappableNextAction = (state: CrmState, contactId: string, userId: string) =>
  nextActionsOf(state, contactId, userId).find((action) => action.status !== 'asap')

/** Whether a dated queued action is due before the next action (always, before a waiting one, which has no date). */
export const inConflict = (queued: ActionRecord, next: ActionRecord): boolean =>
  next.date === null || (queued.date ?? '') < next.date
