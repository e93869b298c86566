import { compareActions, OPEN_STATUSES, statusOf } from './actions-order.js'
import { dayWithin, parseTimeBound, readFlag, type TimeBound, timeWithin } from './actions-query.js'
import { type ApiResult, invalid, invalidOrMissing, notEmulated, notFound, ok } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ActionRecord } from './records.js'

/** The query of `GET /actions` and `GET /contacts/{id}/actions` (the spec's listActions parameters). */
export interface ActionListRequest extends PageRequest {
  readonly done?: string | undefined
  readonly status?: string | undefined
  readonly assignee_id?: string | undefined
  readonly contact_id?: string | undefined
  readonly date_filter?: string | undefined
  readonly since?: string | undefined
  readonly until?: string | undefined
  readonly modified_since?: string | undefined
  readonly unmodified_since?: string | undefined
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
}

const DATE_FILTERS = ['created_at', 'modified_at', 'updated_at', 'date', 'close_date']
const SORT_FIELDS = ['created_at', 'modified_at'] as const

interface Filter {
  readonly matches: (action: ActionRecord) => boolean
  readonly sortBy: (typeof SORT_FIELDS)[number] | undefined
  readonly descending: boolean
}

/**
 * `GET /actions`: "in Action Stream order: ASAP first, then dated actions by due date (overdue first), then
 * waiting-for, then queued actions without a date, then completed" (the spec's listActions), filtered by
 * `done`, `status`, `assignee_id`, `contact_id` (unknown: 404, as the contact's own route) and the time
 * filters: `since`/`until` on `date_filter`'s field, the last modification without one ("Otherwise it will
 * return resources that were modified since this time", http://developer.onepagecrm.com/, "Request
 * Parameters"), `modified_since`, `unmodified_since`. `sort_by` (created_at, modified_at) with `order`
 * (asc by default; inferred) replaces that order; `order` alone reverses it (inferred). A malformed value is
 * a 400 naming it; `date_filter=close_date`, which no action field answers to, is not emulated.
 */
export function listActions(
  ctx: CrmContext,
  request: ActionListRequest,
  operation: string,
): ApiResult<Page<ActionRecord>> {
  const filter = readFilter(request, operation)
  if (!filter.ok) return filter
  const contactId = request.contact_id
  if (contactId !== undefined && !ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const { matches, sortBy, descending } = filter.value
  const actions = [...ctx.state.actions.values()].filter(matches).sort((a, b) => {
    const byField = sortBy === undefined ? 0 : a[sortBy].localeCompare(b[sortBy])
    return byField || compareActions(a, b)
  })
  return ok(paginate(descending ? actions.reverse() : actions, request))
}

function readFilter(request: ActionListRequest, operation: string): ApiResult<Filter> {
  const errors: Record<string, string> = {}
  const bound = (name: 'since' | 'until' | 'modified_since' | 'unmodified_since'): TimeBound | undefined => {
    const text = request[name]
    if (text === undefined) return undefined
    const parsed = parseTimeBound(text)
    if (parsed === undefined) errors[name] = `${name} must be a date (YYYY-MM-DD) or a UNIX timestamp`
    return parsed
  }
  const done = readFlag(request.done)
  if (done === null) errors.done = invalidOrMissing('done')
  const status = request.status
  if (status !== undefined && status !== 'done' && !(OPEN_STATUSES as readonly string[]).includes(status)) {
    errors.status = invalidOrMissing('status')
  }
  const dateFilter = request.date_filter
  if (dateFilter !== undefined && !DATE_FILTERS.includes(dateFilter))
    errors.date_filter = invalidOrMissing('date_filter')
  const [since, until] = [bound('since'), bound('until')]
  const [modifiedSince, unmodifiedSince] = [bound('modified_since'), bound('unmodified_since')]
  if (
    dateFilter !== undefined &&
    (request.modified_since !== undefined || request.unmodified_since !== undefined)
  ) {
    errors.date_filter = 'date_filter cannot be used with modified_since or unmodified_since'
  } else if (dateFilter !== undefined && request.since === undefined && request.until === undefined) {
    errors.date_filter = 'date_filter is only to be used with since and/or until'
  }
  const sortBy = request.sort_by
  if (sortBy !== undefined && !(SORT_FIELDS as readonly string[]).includes(sortBy))
    errors.sort_by = invalidOrMissing('sort_by')
  if (request.order !== undefined && !['asc', 'desc'].includes(request.order))
    errors.order = invalidOrMissing('order')
  if (Object.keys(errors).length > 0) return invalid(errors)
  if (dateFilter === 'close_date') {
    return notEmulated(operation, {
      date_filter: 'date_filter=close_date is not emulated by crmkit (actions have no close date)',
    })
  }
  const field = dateFilter === 'created_at' || dateFilter === 'date' ? dateFilter : 'modified_at'
  const matches = (action: ActionRecord) =>
    (done === undefined || (action.done_at !== null) === done) &&
    (status === undefined || statusOf(action) === status) &&
    (request.assignee_id === undefined || action.assignee_id === request.assignee_id) &&
    (request.contact_id === undefined || action.contact_id === request.contact_id) &&
    (since === undefined && until === undefined
      ? true
      : field === 'date'
        ? dayWithin(action.date, since, until)
        : timeWithin(action[field], since, until)) &&
    (modifiedSince === undefined || Date.parse(action.modified_at) >= modifiedSince.from) &&
    (unmodifiedSince === undefined || Date.parse(action.modified_at) < unmodifiedSince.from)
  return ok({
    matches,
    sortBy: sortBy as Filter['sortBy'],
    descending: request.order === 'desc',
  })
}
