import { failure } from './failure.js'
import type { TableSpec } from './table-spec.js'

/**
 * Deal stages, the pipeline opportunities move through: `createDealStages`, `deleteDealStages`, `getDealStage`,
 * `getDealStages`, `getDealStagesDateRange` (dllobell/sharpspring-api, src/SharpspringClient.php), all with the
 * result key `dealStage` (the docs' `dealStages` is wrong: rmuit/sharpspring-restapi, src/Connection.php;
 * SAMPLE getDealStages). Columns: the Schema article's DealStage
 * (https://help.sharpspring.com/hc/en-us/articles/115003079951-Understanding-SharpSpring-Open-API-Schema).
 */
export const DEAL_STAGES: TableSpec = {
  table: 'dealStage',
  singular: 'DealStage',
  plural: 'DealStages',
  resultKey: 'dealStage',
  columns: [
    { name: 'id', kind: 'id' },
    { name: 'dealStageName', kind: 'text' },
    { name: 'description', kind: 'text' },
    { name: 'defaultProbability', kind: 'integer', min: 0, max: 100 },
    { name: 'weight', kind: 'integer', min: 0 },
    { name: 'isEditable', kind: 'flag' },
  ],
  required: ['dealStageName'],
  // What a stage made without them reads [INFER].
  defaults: { description: '', defaultProbability: '0', weight: '0', isEditable: '1' },
  whereKeys: ['id'],
  // A stage opportunities are in cannot go: they need one (object-methods.ts) [INFER].
  deletable: (ctx, row) => {
    const using = [...ctx.state.objects.opportunity.values()].filter((opp) => opp.dealStageID === row.id)
    return using.length === 0
      ? undefined
      : failure(205, {
          id: row.id,
          reason: 'opportunities are in this deal stage',
          opportunities: using.length,
        })
  },
}
