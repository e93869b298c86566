import type { ApiDeps } from '../api-deps.js'
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from '../domain/activities.js'
import { listDeals } from '../domain/deal-listing.js'
import { ACTIVITY_TYPES, type ActivityRecords, type ActivityType } from '../domain/records.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { activityViews } from './views.js'

export const PLURAL: { readonly [T in ActivityType]: string } = {
  note: 'notes',
  deal: 'deals',
  call: 'calls',
  meeting: 'meetings',
}

/** The operation ids' names for each type: `listNotes`, `createContactDeal`, `getCall`, … */
const NAME: { readonly [T in ActivityType]: string } = {
  note: 'Note',
  deal: 'Deal',
  call: 'Call',
  meeting: 'Meeting',
}

/** The fields each type stores (`contact_id` comes from the path on `/contacts/{id}/…`). */
const FIELDS: { readonly [T in ActivityType]: readonly string[] } = {
  note: ['text', 'date', 'linked_deal_id', 'user_ids_to_notify'],
  // Not `sales_pipeline_id`, the commission fields, `has_deal_items` and `deal_items`: refused.
  deal: [
    'owner_id',
    'pipeline_id',
    'name',
    'text',
    'stage',
    'status',
    'expected_close_date',
    'close_date',
    'date',
    'amount',
    'months',
    'cost',
    'deal_fields',
  ],
  call: [
    'call_time_int',
    'text',
    'phone_number',
    'call_result',
    'via',
    'recording_link',
    'user_ids_to_notify',
  ],
  meeting: ['meeting_time_int', 'place', 'text', 'user_ids_to_notify'],
}

/**
 * The list filters each type honours beyond paging (`contact_id` on the flat route); deals' are
 * `domain/deal-listing.ts`'s. Not `sales_pipeline_id`, `company_id`, `tag`, `filter_id`, `fields` or
 * `include_history`: refused.
 */
const DEAL_FILTERS = [
  'name',
  'search',
  'status',
  'stage',
  'owner_id',
  'date_filter',
  'since',
  'until',
  'modified_since',
  'unmodified_since',
  'sort_by',
  'order',
]
const LIST_QUERY: { readonly [T in ActivityType]: { flat: readonly string[]; contact: readonly string[] } } =
  {
    note: { flat: [], contact: [] },
    deal: { flat: [...DEAL_FILTERS, 'pipeline_id'], contact: DEAL_FILTERS },
    call: { flat: [], contact: [] },
    meeting: { flat: [], contact: [] },
  }

/**
 * Notes, deals, calls and meetings, all alike: `/{plural}` (list, `contact_id` filter; create),
 * `/{plural}/{id}` (get, update, delete) and `/contacts/{id}/{plural}` (list and create for one contact). A
 * single record answers under its singular name, a list as `{plural: [{singular: …}], paging}`
 * (https://github.com/OnePageCRM/swagger).
 */
export function addActivityRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  for (const type of ACTIVITY_TYPES) addRoutesFor(routes, deps, type)
}

function addRoutesFor<T extends ActivityType>(routes: OperationRoutes, deps: ApiDeps, type: T): void {
  const plural = PLURAL[type]
  const name = NAME[type]
  const fields = FIELDS[type]
  const idParam = `${type}_id`
  const render = activityViews[type] as (
    view: ReturnType<typeof viewContext>,
    record: ActivityRecords[T],
  ) => Promise<unknown>
  const one = (c: ApiContext) => async (record: ActivityRecords[T]) => ({
    [type]: await render(viewContext(c, deps), record),
  })
  const list = (c: ApiContext, contactId: string | undefined) => {
    const request = { ...c.req.query(), contact_id: contactId }
    const result = (
      type === 'deal'
        ? listDeals(crmContext(c, deps), request)
        : listActivities(crmContext(c, deps), type, request)
    ) as ReturnType<typeof listActivities<T>>
    return respond(c, result, async ({ items, ...page }) => ({
      [plural]: await Promise.all(
        items.map(async (record) => ({ [type]: await render(viewContext(c, deps), record) })),
      ),
      ...page,
    }))
  }
  const create = async (c: ApiContext, contactId: string | undefined) => {
    const result = await changeWithBody(c, deps, (body) =>
      createActivity(crmContext(c, deps), type, body, contactId),
    )
    return respond(c, result, one(c), true)
  }

  routes.on(`list${name}s`, { query: ['contact_id', 'page', 'per_page', ...LIST_QUERY[type].flat] }, (c) =>
    list(c, c.req.query('contact_id')),
  )
  routes.on(`create${name}`, { body: ['contact_id', ...fields] }, (c) => create(c, undefined))
  routes.on(`listContact${name}s`, { query: ['page', 'per_page', ...LIST_QUERY[type].contact] }, (c) =>
    list(c, c.req.param('contact_id') ?? ''),
  )
  routes.on(`createContact${name}`, { body: fields }, (c) => create(c, c.req.param('contact_id') ?? ''))
  routes.on(`get${name}`, {}, (c) =>
    respond(c, getActivity(crmContext(c, deps), type, c.req.param(idParam) ?? ''), one(c)),
  )
  routes.on(`update${name}`, { query: ['partial'], body: ['contact_id', ...fields] }, async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      updateActivity(crmContext(c, deps), type, c.req.param(idParam) ?? '', body, isPartial(c)),
    )
    return respond(c, result, one(c))
  })
  routes.on(`delete${name}`, {}, async (c) =>
    respond(
      c,
      await change(deps, deleteActivity(crmContext(c, deps), type, c.req.param(idParam) ?? '')),
      () => ({}),
    ),
  )
}
