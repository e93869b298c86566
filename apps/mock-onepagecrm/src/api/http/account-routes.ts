import type { ApiDeps } from '../api-deps.js'
import { notFound, ok } from '../domain/api-failures.js'
import { callResultCounts } from '../domain/call-results.js'
import { COUNTRIES } from '../domain/countries.js'
import { paginate } from '../domain/paging.js'
import type { PipelineRecord } from '../domain/records.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'

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

/**
 * The account's reference data: `GET /countries` (`{countries: [{country}]}`), `GET /call_results`
 * (`[{call_result}]`), `GET /pipelines` (paged, as the spec's answer is; `page` and `per_page` are read
 * though the document does not list them) and `GET /pipelines/{id}`.
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
  routes.on('getPipeline', {}, (c) => {
    const id = c.req.param('pipeline_id') ?? ''
    const pipeline = deps.state.pipelines.get(id)
    return respond(c, pipeline === undefined ? notFound('pipeline', id) : ok(pipeline), (found) => ({
      pipeline: pipelineView(found),
    }))
  })
}
