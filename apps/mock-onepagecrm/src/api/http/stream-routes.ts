import type { ApiDeps } from '../api-deps.js'
import type { Page } from '../domain/paging.js'
import { actionStream, type StreamEntry, type StreamRequest, teamStream } from '../domain/streams.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { crmContext, viewContext } from './request-context.js'
import { contactEntryView } from './views.js'

/**
 * The stream parameters the mock honours. The others the spec lists are contact filters (search, tags,
 * owner, status, custom fields, date filters, …), refused as not emulated here.
 */
const STREAM_QUERY = ['team', 'waiting', 'sort_by', 'order', 'page', 'per_page']

/**
 * `GET /action_stream` and `GET /team_stream` (https://github.com/OnePageCRM/swagger): contacts as list
 * entries (`contact`, `next_actions`, `next_action`, `queued_actions`, `next_action_conflicts`), seen from
 * the stream's user, beside the paging fields.
 */
export function addStreamRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const render =
    (c: ApiContext) =>
    async ({ items, ...page }: Page<StreamEntry>) => ({
      contacts: await Promise.all(
        items.map((entry) => contactEntryView(viewContext(c, deps), entry.contact, { userId: entry.userId })),
      ),
      ...page,
    })
  routes.on('getActionStream', { query: STREAM_QUERY }, (c) =>
    respond(c, actionStream(crmContext(c, deps), c.req.query() as StreamRequest), render(c)),
  )
  routes.on('getTeamStream', { query: ['user_id', ...STREAM_QUERY] }, (c) =>
    respond(c, teamStream(crmContext(c, deps), c.req.query() as StreamRequest), render(c)),
  )
}
