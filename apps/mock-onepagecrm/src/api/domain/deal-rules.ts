import { DEFAULT_PIPELINE_ID } from './account-defaults.js'
import { type ApiResult, invalid, invalidOrMissing } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import { checkFieldValues, readFieldValues } from './field-values.js'
import type { CrmState, DealRecord, FieldValue, PipelineRecord } from './records.js'

// A deal's rules beyond its own fields (the spec's Deal and createDeal): it belongs to one of the account's
// pipelines, its stage is one of that pipeline's ("stage is a per-pipeline integer"), and its deal field
// values fit the account's deal fields.

/** The account's default pipeline (the spec's Pipeline `default`), else its first. */
export function defaultPipeline(state: CrmState): PipelineRecord | undefined {
  const pipelines = [...state.pipelines.values()]
  return pipelines.find((pipeline) => pipeline.default) ?? pipelines[0]
}

export const defaultPipelineId = (state: CrmState): string =>
  defaultPipeline(state)?.id ?? DEFAULT_PIPELINE_ID

/** A new deal's stage when none is sent: its pipeline's first (the default pipeline's is 10). */
export const firstStage = (state: CrmState, pipelineId: string): number =>
  state.pipelines.get(pipelineId)?.stages[0]?.stage ?? 10

/** The deal's `deal_fields` as sent (either form), a fault noted in `fields`. */
export function readDealFields(fields: BodyFields): FieldValue[] | undefined {
  const values = readFieldValues(fields.raw('deal_fields'), 'deal_field')
  if (values !== 'invalid') return values
  fields.fail('deal_fields', invalidOrMissing('deal_fields'))
  return undefined
}

/** The pipeline, the stage in it and the deal field values; `selfId` is the deal updated, if any. */
export function checkDeal(
  state: CrmState,
  deal: Pick<DealRecord, 'pipeline_id' | 'stage' | 'deal_fields'>,
  selfId: string | undefined,
): ApiResult<never> | undefined {
  const pipeline = state.pipelines.get(deal.pipeline_id)
  if (pipeline === undefined) return invalid({ pipeline_id: invalidOrMissing('pipeline_id') })
  if (!pipeline.stages.some(({ stage }) => stage === deal.stage)) {
    return invalid({
      stage: `stage must be one of the pipeline's stages (${pipeline.stages.map(({ stage }) => stage).join(', ')})`,
    })
  }
  return checkFieldValues('deal_fields', state.deal_fields, deal.deal_fields, function* () {
    for (const other of state.deal.values()) if (other.id !== selfId) yield other.deal_fields
  })
}
