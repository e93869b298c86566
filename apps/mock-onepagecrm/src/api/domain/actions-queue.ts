import { isQueuedAction } from './actions-order.js'
import type { ActionRecord, CrmState } from './records.js'

// The queue of queued actions each contact has per assignee, numbered from 1 (the spec's Action
// `position`: "The position of the action (in the list of queued actions)"). Positions stay 1…n without
// gaps: an action leaving the queue closes its gap, one placed at a taken position moves the rest down
// (inferred).

const sameQueue = (a: ActionRecord, b: ActionRecord) =>
  a.contact_id === b.contact_id && a.assignee_id === b.assignee_id

function queueOf(state: CrmState, like: ActionRecord): ActionRecord[] {
  return [...state.actions.values()]
    .filter((action) => action.id !== like.id && isQueuedAction(action) && sameQueue(action, like))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id.localeCompare(b.id))
}

/** Numbers a queue 1…n in the given order; an action whose position changes counts as modified at `now`. */
function renumber(state: CrmState, queue: readonly ActionRecord[], now: string): void {
  queue.forEach((action, index) => {
    if (action.position !== index + 1) {
      state.actions.set(action.id, { ...action, position: index + 1, modified_at: now })
    }
  })
}

/**
 * Stores `next` (the new state of `before`, or a new action) and keeps the queues numbered: the queue it
 * left closes up; in a queue it joins it takes `position` (clamped to 1…n+1) or the end; in the queue it
 * stays in it keeps its place unless `position` moves it. An action outside a queue has no position.
 */
export function commitAction(
  state: CrmState,
  before: ActionRecord | undefined,
  next: ActionRecord,
  position: number | undefined,
  now: string,
): ActionRecord {
  const staysQueued = before !== undefined && isQueuedAction(before) && sameQueue(before, next)
  if (!isQueuedAction(next)) {
    state.actions.set(next.id, { ...next, position: null })
    if (before !== undefined && isQueuedAction(before)) renumber(state, queueOf(state, before), now)
    return state.actions.get(next.id) as ActionRecord
  }
  if (before !== undefined && isQueuedAction(before) && !staysQueued) {
    renumber(state, queueOf(state, before), now)
  }
  const queue = queueOf(state, next)
  const wanted = position ?? (staysQueued ? (before.position ?? queue.length + 1) : queue.length + 1)
  const index = Math.min(Math.max(wanted, 1), queue.length + 1) - 1
  state.actions.set(next.id, { ...next, position: index + 1 })
  queue.splice(index, 0, state.actions.get(next.id) as ActionRecord)
  renumber(state, queue, now)
  return state.actions.get(next.id) as ActionRecord
}

/** Takes an action out of the state, closing its queue's gap. */
export function removeFromQueues(state: CrmState, action: ActionRecord, now: string): void {
  state.actions.delete(action.id)
  if (isQueuedAction(action)) renumber(state, queueOf(state, action), now)
}
