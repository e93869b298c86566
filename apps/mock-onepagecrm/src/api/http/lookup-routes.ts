import type { ApiDeps } from '../api-deps.js'
import { ok } from '../domain/api-failures.js'
import { leadSources } from '../domain/lead-sources.js'
import { listRecords } from '../domain/lookup-collections.js'
import { statuses } from '../domain/statuses.js'
import type { ApiContext } from './api-env.js'
import { addCrudRoutes } from './crud-routes.js'
import { leadSourceView, statusView } from './lookup-views.js'
import type { OperationRoutes } from './operation-routes.js'

/** The read-only counters the spec's Status and Lead_source list in their bodies: ignored, as `readOnly` says. */
const COUNTERS = ['id', 'counts', 'total_count', 'action_stream_count', 'team_counts']

/**
 * Statuses (each answer under `status`, a list as `[{status}]`) and lead sources (bare, a list as a bare
 * array), as the spec's operations and the Java SDK's bootstrap fixture give them.
 */
export function addLookupRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const status = (c: ApiContext, record: Parameters<typeof statusView>[2]) => ({
    status: statusView(deps.state, c.get('user'), record),
  })
  addCrudRoutes(routes, deps, {
    collection: statuses,
    ids: {
      list: 'listStatuses',
      create: 'createStatus',
      get: 'getStatus',
      update: 'updateStatus',
      delete: 'deleteStatus',
    },
    idParam: 'status_id',
    // `status` is the kind, read-only too.
    body: ['text', 'color', 'description', 'status', ...COUNTERS],
    list: (c, ctx) => ok(listRecords(ctx, statuses).map((record) => status(c, record))),
    one: status,
  })
  const source = (c: ApiContext, record: Parameters<typeof leadSourceView>[2]) =>
    leadSourceView(deps.state, c.get('user'), record)
  addCrudRoutes(routes, deps, {
    collection: leadSources,
    ids: {
      list: 'listLeadSources',
      create: 'createLeadSource',
      get: 'getLeadSource',
      update: 'updateLeadSource',
      delete: 'deleteLeadSource',
    },
    idParam: 'lead_source_id',
    body: ['text', ...COUNTERS],
    list: (c, ctx) => ok(listRecords(ctx, leadSources).map((record) => source(c, record))),
    one: source,
  })
}
