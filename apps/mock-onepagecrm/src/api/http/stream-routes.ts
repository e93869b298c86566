import type { ApiDeps } from '../api-deps.js'
import type { Page } from '../domain/paging.js'
import { actionStream, type StreamEntry, type StreamRequest, teamStream } from '../domain/streams.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { crmContext, viewContext } from './request-context.js'
import { contactEntryView } from './views.js'

/**
 * The stream parameters the mock honours: every one the spec lists but saved filters (`filter_id`) and
 * `fields`, refused as not emulated. The contact filters are `GET /contacts`' (`domain/contact-filter.ts`).
 */
const STREAM_QUERY = { except: ['filter_id', 'fields'] }

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
  routes.on('getTeamStream', { query: STREAM_QUERY }, (c) =>
    respond(c, teamStream(crmContext(c, deps), c.req.query() as StreamRequest), render(c)),
  )
}
