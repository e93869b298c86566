import type { ActionRecord, ActionStatus } from './records.js'

// Where an action stands: open or done, a next action or a queued one, and the Action Stream order (the
// spec's Action: "ASAP first, then dated actions ordered by due date (overdue first), followed by waiting
// for (blocked) and finally queued actions"; its listActions adds "then completed",
// https://github.com/OnePageCRM/swagger).

/** The statuses a body may set (the spec's Action `status`, less `done`). */
export const OPEN_STATUSES: readonly ActionStatus[] = [
  'asap',
  'date',
  'date_time',
  'waiting',
  'queued',
  'queued_with_date',
]

/** The statuses of a next action (the Java SDK's `Action.isNext`, https://github.com/OnePageCRM/java-client-wrapper). */
const NEXT_STATUSES: readonly ActionStatus[] = ['asap', 'date', 'date_time', 'waiting']

/** The statuses with a due date (the spec's Action `date`: "status must be one of date, date_time or queued_with_date"). */
export const takesDate = (status: ActionStatus): boolean =>
  status === 'date' || status === 'date_time' || status === 'queued_with_date'

export const isQueuedStatus = (status: ActionStatus): boolean =>
  status === 'queued' || status === 'queued_with_date'

export const isOpen = (action: ActionRecord): boolean => action.done_at === null

export const isNextAction = (action: ActionRecord): boolean =>
  isOpen(action) && NEXT_STATUSES.includes(action.status)

export const isQueuedAction = (action: ActionRecord): boolean =>
  isOpen(action) && isQueuedStatus(action.status)

/** The status as the API shows it: `done` once completed. */
export const statusOf = (action: ActionRecord): ActionStatus | 'done' =>
  action.done_at === null ? action.status : 'done'

const RANK: { readonly [S in ActionStatus]: number } = {
  asap: 0,
  date: 1,
  date_time: 1,
  waiting: 2,
  queued: 3,
  queued_with_date: 3,
}

const rank = (action: ActionRecord): number => (action.done_at === null ? RANK[action.status] : 4)

/**
 * The Action Stream order. Within a group: dated actions by day, then time (a day without a time first);
 * queued ones by their queue position; completed ones by completion day (the portal's "Completed actions
 * sorted by completion time", http://developer.onepagecrm.com/api/resources/actions/); the rest, and ties,
 * by last modification ("sorted by action date and modification time", the same page), then id.
 */
export function compareActions(a: ActionRecord, b: ActionRecord): number {
  const byRank = rank(a) - rank(b)
  if (byRank !== 0) return byRank
  const byGroup = compareInGroup(a, b, rank(a))
  if (byGroup !== 0) return byGroup
  return a.modified_at.localeCompare(b.modified_at) || a.id.localeCompare(b.id)
}

function compareInGroup(a: ActionRecord, b: ActionRecord, group: number): number {
  switch (group) {
    case 1:
      return (a.date ?? '').localeCompare(b.date ?? '') || (a.exact_time ?? -1) - (b.exact_time ?? -1)
    case 3:
      return (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER)
    case 4:
      return (a.done_at ?? '').localeCompare(b.done_at ?? '')
    default:
      return 0
  }
}
