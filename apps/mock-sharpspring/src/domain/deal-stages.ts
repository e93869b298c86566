import { apiError, type MethodResult, type Params, readWindow } from './method-result.js'
import type { SharpSpringContext } from './state.js'

/** `getDealStages`: `where` (`id`), `limit`, `offset` → `dealStage` (the docs' `dealStages` is wrong) [CLIENT]. */
export function getDealStages(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = (params.where ?? {}) as Params
  if (typeof where !== 'object' || where === null) return apiError(205, { where: 'must be an object' })
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const stages = [...ctx.state.dealStages.values()].filter(
    (stage) => where.id === undefined || stage.id === String(where.id),
  )
  return { kind: 'read', result: { dealStage: stages.slice(window.offset, window.offset + window.limit) } }
}
