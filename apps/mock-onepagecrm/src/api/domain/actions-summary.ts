import { inConflict, swappableNextAction } from './actions-moves.js'
import { compareActions, isNextAction, isQueuedAction } from './actions-order.js'
import type { ActionRecord, CrmState } from './records.js'

/** A contact's actions as its list entries and streams give them (the spec's action_stream entry). */
export interface ActionSummary {
  /** Every user's open next actions (asap, date, date_time, waiting), in Action Stream order. */
  readonly next_actions: readonly ActionRecord[]
  /** The stream user's first next action (any user's in a whole-account stream); none: `{}`. */
  readonly next_action: ActionRecord | undefined
  /** The open queued actions, by queue position. */
  readonly queued_actions: readonly ActionRecord[]
  /** The stream user's dated queued actions due before their next action, the conflicts `swap` resolves. */
  readonly next_action_conflicts: readonly ActionRecord[]
}

/**
 * A contact's action summary for `userId`'s point of view, or the whole account's (`null`): the Java SDK
 * reads `next_actions`, `next_action` and `queued_actions` of each entry
 * (https://github.com/OnePageCRM/java-client-wrapper, ContactSerializer.java). Which user `next_action` is
 * for, and that `next_action_conflicts` (items undocumented) lists actions, are inferred.
 */
export function actionSummary(state: CrmState, contactId: string, userId: string | null): ActionSummary {
  const actions = [...state.actions.values()].filter((action) => action.contact_id === contactId)
  const next_actions = actions.filter(isNextAction).sort(compareActions)
  const queued_actions = actions.filter(isQueuedAction).sort(compareActions)
  const next_action = next_actions.find((action) => userId === null || action.assignee_id === userId)
  const swappable = userId === null ? undefined : swappableNextAction(state, contactId, userId)
  const next_action_conflicts =
    swappable === undefined
      ? []
      : queued_actions.filter(
          (action) =>
            action.assignee_id === userId &&
            action.status === 'queued_with_date' &&
            inConflict(action, swappable),
        )
  return { next_actions, next_action, queued_actions, next_action_conflicts }
}
