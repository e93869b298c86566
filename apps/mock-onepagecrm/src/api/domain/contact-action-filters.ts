import { isNextAction, isOpen } from './actions-order.js'
import type { CrmState } from './records.js'

// The contact filters that look at actions (the spec's query_has_actions, query_has_actions_for_me,
// query_has_actions_today, query_waiting and query_action_stream, https://github.com/OnePageCRM/swagger),
// shared by `GET /contacts` and the two streams. Only open (not completed) actions count: a completed one
// is history (inferred).

/** The contacts each action filter keeps, by contact id. */
export interface ActionFilterSets {
  /** "have actions for any user": an open action of any status, whoever it is assigned to. */
  readonly withActions: ReadonlySet<string>
  /** "have actions for … the logged user": an open action assigned to the caller. */
  readonly withActionsForCaller: ReadonlySet<string>
  /** "have actions today for … the logged user": an open action of the caller due on `today`. */
  readonly withActionsTodayForCaller: ReadonlySet<string>
  /** "for whom I have a next action, of status `waiting`", of `waitingFor` (any user's for `null`). */
  readonly waiting: ReadonlySet<string>
  /** "also in action stream": the caller has an open next action on it, as the Action Stream lists them. */
  readonly inCallerStream: ReadonlySet<string>
}

/**
 * One pass over the actions. `today` is the request's UTC day (`YYYY-MM-DD`), as the actions' own `date`
 * defaults take it; an action is due on it when its `date` is that day (`date`, `date_time` and
 * `queued_with_date` carry one; an ASAP or waiting action has no day, inferred).
 */
export function actionFilterSets(
  state: CrmState,
  callerId: string,
  today: string,
  waitingFor: string | null,
): ActionFilterSets {
  const withActions = new Set<string>()
  const withActionsForCaller = new Set<string>()
  const withActionsTodayForCaller = new Set<string>()
  const waiting = new Set<string>()
  const inCallerStream = new Set<string>()
  for (const action of state.actions.values()) {
    if (!isOpen(action)) continue
    const contactId = action.contact_id
    withActions.add(contactId)
    const next = isNextAction(action)
    if (action.assignee_id === callerId) {
      withActionsForCaller.add(contactId)
      if (action.date === today) withActionsTodayForCaller.add(contactId)
      if (next) inCallerStream.add(contactId)
    }
    if (next && action.status === 'waiting' && (waitingFor === null || action.assignee_id === waitingFor)) {
      waiting.add(contactId)
    }
  }
  return { withActions, withActionsForCaller, withActionsTodayForCaller, waiting, inCallerStream }
}
