import { compareActions, isNextAction } from './actions-order.js'
import { readFlag } from './actions-query.js'
import { type ApiResult, invalid, invalidOrMissing, notFound, ok } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ActionRecord, ContactRecord } from './records.js'

// The Action Stream and the Team Stream: "a list of contacts prioritized by their next action" (the spec's
// getActionStream and getTeamStream, https://github.com/OnePageCRM/swagger).

/** The query of both streams that the mock honours. */
export interface StreamRequest extends PageRequest {
  readonly team?: string | undefined
  readonly user_id?: string | undefined
  readonly waiting?: string | undefined
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
}

/** A contact in a stream, and whose stream it is (`null`: the whole account's). */
export interface StreamEntry {
  readonly contact: ContactRecord
  readonly userId: string | null
}

const SORT_FIELDS = ['created_at', 'modified_at', 'first_name', 'last_name', 'company_name', 'name']

/** `GET /action_stream`: "Defaults to the logged API users action stream". */
export function actionStream(ctx: CrmContext, request: StreamRequest): ApiResult<Page<StreamEntry>> {
  return stream(ctx, request, ctx.user.id)
}

/**
 * `GET /team_stream`: "Defaults to the action stream for entire account in a single list. See the action
 * stream of account users, by providing the `user_id` param" (not a user of the account: 404).
 */
export function teamStream(ctx: CrmContext, request: StreamRequest): ApiResult<Page<StreamEntry>> {
  const userId = request.user_id
  if (userId !== undefined && userId !== '' && !ctx.state.users.has(userId)) return notFound('user', userId)
  return stream(ctx, request, userId === undefined || userId === '' ? null : userId)
}

/**
 * The contacts on which `userId` (any user, for `null`) has an open next action (asap, date, date_time,
 * waiting), "not necessarily owned by him" (the portal's Action Stream page,
 * http://developer.onepagecrm.com/api/resources/action-stream/), in the Action Stream order of that first
 * next action; ties by name. `team=false` keeps the caller's own contacts only, `team=true` those "owned by
 * other users" too (the spec's `team`; absent, the stream's default: every owner). `waiting=true` keeps the
 * contacts with a next action of status waiting ("for whom I have a next action, of status waiting").
 * `sort_by` (a contact field) with `order` (asc by default; inferred) replaces the order; `order` alone
 * reverses it (inferred). A malformed value is a 400 naming it.
 */
function stream(
  ctx: CrmContext,
  request: StreamRequest,
  userId: string | null,
): ApiResult<Page<StreamEntry>> {
  const errors: Record<string, string> = {}
  const team = readFlag(request.team)
  if (team === null) errors.team = invalidOrMissing('team')
  const waiting = readFlag(request.waiting)
  if (waiting === null) errors.waiting = invalidOrMissing('waiting')
  if (request.sort_by !== undefined && !SORT_FIELDS.includes(request.sort_by))
    errors.sort_by = invalidOrMissing('sort_by')
  if (request.order !== undefined && !['asc', 'desc'].includes(request.order))
    errors.order = invalidOrMissing('order')
  if (Object.keys(errors).length > 0) return invalid(errors)
  const firstOf = new Map<string, ActionRecord>()
  const waitingOn = new Set<string>()
  for (const action of [...ctx.state.actions.values()].sort(compareActions)) {
    if (!isNextAction(action) || (userId !== null && action.assignee_id !== userId)) continue
    if (!firstOf.has(action.contact_id)) firstOf.set(action.contact_id, action)
    if (action.status === 'waiting') waitingOn.add(action.contact_id)
  }
  const contacts = [...ctx.state.contacts.values()].filter(
    (contact) =>
      firstOf.has(contact.id) &&
      (team !== false || contact.owner_id === ctx.user.id) &&
      (waiting !== true || waitingOn.has(contact.id)),
  )
  const sortBy = request.sort_by
  contacts.sort((a, b) => {
    const byField = sortBy === undefined ? 0 : sortKey(a, sortBy).localeCompare(sortKey(b, sortBy))
    const byAction =
      sortBy === undefined
        ? compareActions(firstOf.get(a.id) as ActionRecord, firstOf.get(b.id) as ActionRecord)
        : 0
    return (
      byField || byAction || sortKey(a, 'name').localeCompare(sortKey(b, 'name')) || a.id.localeCompare(b.id)
    )
  })
  if (request.order === 'desc') contacts.reverse()
  return ok(
    paginate(
      contacts.map((contact) => ({ contact, userId })),
      request,
    ),
  )
}

/** A contact's value for `sort_by`; `name` is the list order of contacts (last name or company, first name). */
function sortKey(contact: ContactRecord, field: string): string {
  switch (field) {
    case 'created_at':
    case 'modified_at':
    case 'first_name':
    case 'last_name':
    case 'company_name':
      return contact[field].toLowerCase()
    default:
      return `${contact.last_name || contact.company_name}\u0000${contact.first_name}`.toLowerCase()
  }
}
