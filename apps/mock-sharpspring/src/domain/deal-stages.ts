import { apiError, type MethodResult, type Params, readWindow } from './method-result.js'
import type { SharpSpringContext } from './state.js'
import { passes, readWhere } from './where-clause.js'

/**
 * `getDealStages`: `where` (required even if empty, key `id`), `limit`, `offset` → `dealStage` (the docs'
 * `dealStages` is wrong) [CLIENT rmuit, SAMPLE getDealStages].
 */
export function getDealStages(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = readWhere(params, { keys: ['id'] })
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const stages = [...ctx.state.dealStages.values()].filter((stage) =>
    passes(where.conditions, (key) => stage[key as keyof typeof stage]),
  )
  return { kind: 'read', result: { dealStage: stages.slice(window.offset, window.offset + window.limit) } }
}
