import { compareActions, isNextAction } from './actions-order.js'
import { type ApiResult, notFound, ok } from './api-failures.js'
import { type ContactFilterQuery, readContactFilter } from './contact-filter.js'
import { contactSortKey } from './contact-list.js'
import { sortName } from './contacts.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ActionRecord, ContactRecord } from './records.js'

// The Action Stream and the Team Stream: "a list of contacts prioritized by their next action" (the spec's
// getActionStream and getTeamStream, https://github.com/OnePageCRM/swagger).

/** The query of both streams: the contact filters, the team stream's `user_id`, paging. */
export interface StreamRequest extends PageRequest, ContactFilterQuery {
  readonly user_id?: string | undefined
}

/** A contact in a stream, and whose stream it is (`null`: the whole account's). */
export interface StreamEntry {
  readonly contact: ContactRecord
  readonly userId: string | null
}

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
 * next action; ties by name. The contact filters are `GET /contacts`' (`contact-filter.ts`), the spec
 * listing them for the streams too, with two readings of the streams' own: without `team` or `owner_id`
 * every owner's contacts are in (`team=false` keeps the caller's own), and `waiting` looks at the stream
 * user's next actions ("assigned to a specified user if user_id parameter is provided", the portal).
 * `has_actions=false` "Returns all contacts, sorted correctly" (the portal): those without a next action
 * follow the others, by name (inferred). `sort_by` (a contact field) with `order` (asc by default;
 * inferred) replaces the order; `order` alone reverses it (inferred). A malformed value is a 400 naming it.
 */
function stream(
  ctx: CrmContext,
  request: StreamRequest,
  userId: string | null,
): ApiResult<Page<StreamEntry>> {
  const filter = readContactFilter(ctx, request, { everyOwnerByDefault: true, waitingFor: userId })
  if (!filter.ok) return filter
  const { test, sortBy, descending, hasActions } = filter.value
  const firstOf = new Map<string, ActionRecord>()
  for (const action of [...ctx.state.actions.values()].sort(compareActions)) {
    if (!isNextAction(action) || (userId !== null && action.assignee_id !== userId)) continue
    if (!firstOf.has(action.contact_id)) firstOf.set(action.contact_id, action)
  }
  const contacts = [...ctx.state.contacts.values()].filter(
    (contact) => (hasActions === false || firstOf.has(contact.id)) && test(contact),
  )
  contacts.sort((a, b) => {
    if (sortBy !== undefined) {
      return (
        contactSortKey(a, sortBy).localeCompare(contactSortKey(b, sortBy)) ||
        sortName(a).localeCompare(sortName(b)) ||
        a.id.localeCompare(b.id)
      )
    }
    const [first, second] = [firstOf.get(a.id), firstOf.get(b.id)]
    const byAction =
      first !== undefined && second !== undefined
        ? compareActions(first, second)
        : (first === undefined ? 1 : 0) - (second === undefined ? 1 : 0)
    return byAction || sortName(a).localeCompare(sortName(b)) || a.id.localeCompare(b.id)
  })
  if (descending) contacts.reverse()
  return ok(
    paginate(
      contacts.map((contact) => ({ contact, userId })),
      request,
    ),
  )
}
