import type { ApiDeps } from '../api-deps.js'
import { notFound, ok } from '../domain/api-failures.js'
import { callResultCounts } from '../domain/call-results.js'
import { COUNTRIES } from '../domain/countries.js'
import { paginate } from '../domain/paging.js'
import type { PipelineRecord, WebhookRecord } from '../domain/records.js'
import { deleteWebhook, getWebhook, listWebhooks } from '../domain/webhooks.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, crmContext } from './request-context.js'

/** A pipeline as the spec's Pipeline renders it. */
export const pipelineView = (pipeline: PipelineRecord) => ({
  id: pipeline.id,
  name: pipeline.name,
  type: pipeline.type,
  default: pipeline.default,
  won_column_enabled: pipeline.won_column_enabled,
  won_column_name: pipeline.won_column_name,
  stages: pipeline.stages,
})

const webhookView = ({ id, name, hook_url, secretkey }: WebhookRecord) => ({ id, name, hook_url, secretkey })

/**
 * The account's reference data: `GET /countries` (`{countries: [{country}]}`), `GET /call_results`
 * (`[{call_result}]`), `GET /pipelines` (paged, as the spec's answer is; `page` and `per_page` are read
 * though the document does not list them) and `GET /pipelines/{id}`; the webhooks a seed made: listed (bare,
 * paged), read (bare, as `data`) and deleted.
 */
export function addAccountRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('listCountries', {}, (c) =>
    respond(c, ok(COUNTRIES), (countries) => ({ countries: countries.map((country) => ({ country })) })),
  )
  routes.on('listCallResults', {}, (c) =>
    respond(c, ok(callResultCounts(deps.state, c.get('user'))), (results) =>
      results.map((call_result) => ({ call_result })),
    ),
  )
  routes.on('listPipelines', {}, (c) => {
    const { items, ...page } = paginate([...deps.state.pipelines.values()], c.req.query())
    return respond(c, ok(page), () => ({
      pipelines: items.map((pipeline) => ({ pipeline: pipelineView(pipeline) })),
      ...page,
    }))
  })
  routes.on('listWebhooks', {}, (c) => {
    const { items, ...page } = listWebhooks(crmContext(c, deps), c.req.query())
    return respond(c, ok(page), () => ({ webhooks: items.map(webhookView), ...page }))
  })
  routes.on('getWebhook', {}, (c) =>
    respond(c, getWebhook(crmContext(c, deps), c.req.param('webhook_id') ?? ''), webhookView),
  )
  routes.on('deleteWebhook', {}, async (c) =>
    respond(
      c,
      await change(deps, deleteWebhook(crmContext(c, deps), c.req.param('webhook_id') ?? '')),
      () => ({}),
    ),
  )
  routes.on('getPipeline', {}, (c) => {
    const id = c.req.param('pipeline_id') ?? ''
    const pipeline = deps.state.pipelines.get(id)
    return respond(c, pipeline === undefined ? notFound('pipeline', id) : ok(pipeline), (found) => ({
      pipeline: pipelineView(found),
    }))
  })
}
