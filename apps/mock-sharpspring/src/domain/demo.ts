import {
  addCatalogRow,
  EMAIL_JOBS,
  EMAIL_LISTINGS,
  LIST_TAGS,
  UNSUBSCRIBE_CATEGORIES,
  USER_PROFILES,
} from './catalog-tables.js'
import { createFields } from './field-methods.js'
import { changeMember } from './list-members.js'
import { createList } from './lists.js'
import type { MethodResult } from './method-result.js'
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
 * opportunities, one lead, account, opportunity and product, so the Uploading Files article's PHP programs
 * run at once; then the account's user, a list with the lead on it, a list tag, an unsubscribe category, an
 * email and its send to the list.
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
  const created = (result: MethodResult) => {
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
  // The rest of the account, made after the records above so that their ids never change: its user (who
  // owns the demo records), a list the lead is on, a list tag, an unsubscribe category, an email and its send.
  const userId = created(
    addCatalogRow(ctx, USER_PROFILES, {
      firstName: 'Demo',
      lastName: 'Owner',
      displayName: 'Demo Owner',
      emailAddress: 'owner@example.com',
      isActive: '1',
      isReseller: '0',
    }),
  )
  for (const [type, id] of [
    ['account', accountId],
    ['lead', leadId],
    ['opportunity', opportunityId],
  ] as const) {
    const row = ctx.state.objects[type].get(String(id))
    if (row !== undefined) row.ownerID = String(userId)
  }
  const listId = created(createList(ctx, { name: 'Newsletter', description: 'Everyone who asked for news' }))
  created(changeMember(ctx, { listID: listId, memberID: leadId }, 'memberID', 'add'))
  created(addCatalogRow(ctx, LIST_TAGS, { label: 'Newsletters', objectType: 'list' }))
  created(
    addCatalogRow(ctx, UNSUBSCRIBE_CATEGORIES, {
      name: 'Newsletters',
      description: 'News about our products',
    }),
  )
  created(
    addCatalogRow(ctx, EMAIL_LISTINGS, { title: 'Welcome', subject: 'Welcome to Acme', thumbnail: null }),
  )
  created(addCatalogRow(ctx, EMAIL_JOBS, { isList: '1', isActive: '1', recipientID: listId, sendCount: '1' }))
  return { fileFields, leadId, accountId, opportunityId, productId, dealStageId: dealStageId ?? '' }
}
