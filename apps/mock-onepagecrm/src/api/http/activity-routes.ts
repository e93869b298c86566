import type { Hono } from 'hono'
import type { ApiDeps } from '../api-deps.js'
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from '../domain/activities.js'
import { ACTIVITY_TYPES, type ActivityRecords, type ActivityType } from '../domain/records.js'
import type { ApiContext, ApiEnv } from './api-env.js'
import { respond } from './envelope.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { activityViews } from './views.js'

export const PLURAL: { readonly [T in ActivityType]: string } = {
  note: 'notes',
  deal: 'deals',
  call: 'calls',
  meeting: 'meetings',
}

/**
 * Notes, deals, calls and meetings, all alike: `/{plural}` (list, `contact_id` filter; create),
 * `/{plural}/{id}` (get, update, delete) and `/contacts/{id}/{plural}` (list and create for one contact). A
 * single record answers under its singular name, a list as `{plural: [{singular: …}], paging}`
 * (https://github.com/OnePageCRM/swagger).
 */
export function addActivityRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  for (const type of ACTIVITY_TYPES) addRoutesFor(app, deps, type)
}

function addRoutesFor<T extends ActivityType>(app: Hono<ApiEnv>, deps: ApiDeps, type: T): void {
  const plural = PLURAL[type]
  const render = activityViews[type] as (
    view: ReturnType<typeof viewContext>,
    record: ActivityRecords[T],
  ) => Promise<unknown>
  const one = (c: ApiContext) => async (record: ActivityRecords[T]) => ({
    [type]: await render(viewContext(c, deps), record),
  })
  const list = (c: ApiContext, contactId: string | undefined) => {
    const result = listActivities(crmContext(c, deps), type, { ...c.req.query(), contact_id: contactId })
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

  app.get(`/${plural}`, (c) => list(c, c.req.query('contact_id')))
  app.post(`/${plural}`, (c) => create(c, undefined))
  app.get(`/contacts/:contactId/${plural}`, (c) => list(c, c.req.param('contactId') ?? ''))
  app.post(`/contacts/:contactId/${plural}`, (c) => create(c, c.req.param('contactId') ?? ''))
  app.get(`/${plural}/:id`, (c) =>
    respond(c, getActivity(crmContext(c, deps), type, c.req.param('id') ?? ''), one(c)),
  )
  app.put(`/${plural}/:id`, async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      updateActivity(crmContext(c, deps), type, c.req.param('id') ?? '', body, isPartial(c)),
    )
    return respond(c, result, one(c))
  })
  app.delete(`/${plural}/:id`, async (c) =>
    respond(
      c,
      await change(deps, deleteActivity(crmContext(c, deps), type, c.req.param('id') ?? '')),
      () => ({}),
    ),
  )
}
