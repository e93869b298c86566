import { createFields } from './field-methods.js'
import { createObjects } from './object-methods.js'
import { type SharpSpringContext, sqlTimestamp } from './state.js'

/** The File Upload fields of the demo account, one per object type, by relationship. */
export interface DemoIds {
  readonly fileFields: { readonly lead: string; readonly account: string; readonly opportunity: string }
  readonly leadId: number
  readonly accountId: number
  readonly opportunityId: number
  readonly productId: number
  readonly dealStageId: string
}

// SharpSpring's default pipeline stages, with their default probabilities [INFER: names from the app's UI].
const PIPELINE = [
  ['Prospecting', 10],
  ['Qualification', 25],
  ['Proposal', 50],
  ['Negotiation', 75],
  ['Closed Won', 100],
  ['Closed Lost', 0],
] as const

/**
 * What exists without a seed: the pipeline's deal stages, a File Upload field for leads, accounts and
 * opportunities, and one lead, account, opportunity and product, so the Uploading Files article's PHP
 * programs run at once.
 */
export function seedDemo(ctx: SharpSpringContext): DemoIds {
  for (const [index, [name, probability]] of PIPELINE.entries()) {
    const id = String(ctx.newId())
    const now = sqlTimestamp(ctx.now)
    ctx.state.tables.dealStage.set(id, {
      id,
      dealStageName: name,
      description: '',
      defaultProbability: String(probability),
      weight: String(index + 1),
      isEditable: '1',
      createTimestamp: now,
      updateTimestamp: now,
    })
  }
  const fileField = (relationship: 'lead' | 'account' | 'opportunity') => {
    createFields(ctx, { objects: [{ relationship, label: 'Documents', dataType: ctx.fileFieldType }] })
    return (
      [...ctx.state.fields.values()]
        .filter((f) => f.relationship === relationship && f.isCustom === '1')
        .at(-1)?.systemName ?? ''
    )
  }
  const fileFields = {
    lead: fileField('lead'),
    account: fileField('account'),
    opportunity: fileField('opportunity'),
  }
  const created = (result: ReturnType<typeof createObjects>) => {
    const item = result.kind === 'write' ? result.items[0] : undefined
    if (item?.id === undefined)
      throw new Error(`The demo data could not be created: ${JSON.stringify(result)}`)
    return item.id
  }
  const [dealStageId] = ctx.state.tables.dealStage.keys()
  const accountId = created(createObjects(ctx, 'account', { objects: [{ accountName: 'Acme Ltd' }] }))
  const leadId = created(
    createObjects(ctx, 'lead', {
      objects: [
        { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com', accountID: accountId },
      ],
    }),
  )
  const opportunityId = created(
    createObjects(ctx, 'opportunity', {
      objects: [
        {
          opportunityName: 'Acme renewal',
          ownerID: 1,
          dealStageID: dealStageId,
          accountID: accountId,
          closeDate: '2026-12-31',
          amount: 12000,
          primaryLeadID: leadId,
        },
      ],
    }),
  )
  const productId = created(
    createObjects(ctx, 'product', { objects: [{ productName: 'Widget', price: 99 }] }),
  )
  return { fileFields, leadId, accountId, opportunityId, productId, dealStageId: dealStageId ?? '' }
}
