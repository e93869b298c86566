import { DEFAULT_PIPELINE_ID } from './account-defaults.js'
import { type ApiResult, invalid, invalidOrMissing, ok } from './api-failures.js'
import { readFieldValues } from './field-values.js'
import type { CrmState, DealRecord, FieldValueRecord, PipelineRecord } from './records.js'

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

/** What a deal's `deal_fields` come from: the list sent, if any, and the deal's values so far. */
export interface DealFieldsInput {
  /** The body's `deal_fields` (undefined when it sends none). */
  readonly raw: unknown
  /** The deal's values before this change (none for a new deal). */
  readonly current: readonly FieldValueRecord[]
  /** A partial update: the values sent replace those of their fields, the others stay. */
  readonly merge: boolean
  /** The deal changed, whose own external ids do not clash with themselves. */
  readonly selfId: string | undefined
}

/**
 * The pipeline and the stage in it, checked, and the deal field values read against the account's deal
 * fields (`field-values.ts`, as contacts' custom fields are): without a list, a full update clears them and
 * a partial one keeps them.
 */
export function settleDeal<D extends Pick<DealRecord, 'pipeline_id' | 'stage' | 'deal_fields'>>(
  state: CrmState,
  deal: D,
  input: DealFieldsInput,
): ApiResult<D> {
  const pipeline = state.pipelines.get(deal.pipeline_id)
  if (pipeline === undefined) return invalid({ pipeline_id: invalidOrMissing('pipeline_id') })
  if (!pipeline.stages.some(({ stage }) => stage === deal.stage)) {
    return invalid({
      stage: `stage must be one of the pipeline's stages (${pipeline.stages.map(({ stage }) => stage).join(', ')})`,
    })
  }
  if (input.raw === undefined || input.raw === null) {
    return ok({ ...deal, deal_fields: input.merge ? input.current : [] })
  }
  const values = readFieldValues(input.raw, {
    kind: 'deal_field',
    definitions: state.deal_fields,
    current: input.current,
    merge: input.merge,
    others: [...state.deal.values()]
      .filter((other) => other.id !== input.selfId)
      .map((other) => other.deal_fields),
  })
  return values.ok ? ok({ ...deal, deal_fields: values.value }) : values
}
