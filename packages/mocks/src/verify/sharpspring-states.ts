import { createSharpSpringConfig } from '@crmkit/mock-sharpspring'
import type { BuiltInState } from './built-in-state.js'
import type { StateContext } from './define-states.js'
import { faultState } from './fault-state.js'
import { seedMissing } from './seed-missing.js'

const lead = (id: number) => ({
  id,
  firstName: 'Pact',
  lastName: `Lead ${id}`,
  emailAddress: `lead-${id}@example.com`,
})

/** Seeds the leads and, when given, a File Upload field of leads, unless they exist. */
async function seedLeads(ctx: StateContext, ids: readonly number[], systemName?: string): Promise<void> {
  if (systemName !== undefined)
    await seedMissing(ctx, 'sharpspring', 'fields', [
      {
        relationship: 'lead',
        label: `File Upload ${systemName}`,
        dataType: createSharpSpringConfig().fileFieldType,
        systemName,
      },
    ])
  await seedMissing(ctx, 'sharpspring', 'leads', ids.map(lead))
}

const seedOne =
  (kind: 'accounts' | 'opportunities' | 'products', record: (id: number) => object) =>
  async ({ id }: Record<string, unknown>, ctx: StateContext) => {
    const demo = ctx.mocks.sharpspring?.demo
    const demoId = {
      accounts: demo?.accountId,
      opportunities: demo?.opportunityId,
      products: demo?.productId,
    }[kind]
    if (id !== demoId) await ctx.admin('sharpspring', 'seed', { [kind]: [record(id as number)] })
    return { id }
  }

export const SHARPSPRING_STATES: readonly BuiltInState[] = [
  {
    template: 'the account exists',
    provider: 'sharpspring',
    since: 1,
    description: "The account whose accountID and secretKey the pact's requests carry (the demo data).",
    returns: '{accountId}',
    setup: (_params, ctx) => ({ accountId: ctx.mocks.sharpspring?.credentials.accountId }),
  },
  {
    template: 'a lead {id} exists',
    provider: 'sharpspring',
    since: 1,
    params: { id: 'integer' },
    description: 'A lead with that id (seeded; the demo lead needs nothing).',
    returns: '{id}',
    setup: async ({ id }, ctx) => {
      await seedLeads(ctx, [id as number])
      return { id }
    },
  },
  {
    template: 'an account {id} exists',
    provider: 'sharpspring',
    since: 1,
    params: { id: 'integer' },
    description: 'An account (company) with that id.',
    returns: '{id}',
    setup: seedOne('accounts', (id) => ({ id, accountName: `Pact Account ${id}` })),
  },
  {
    template: 'an opportunity {id} exists',
    provider: 'sharpspring',
    since: 1,
    params: { id: 'integer' },
    description: 'An opportunity with that id.',
    returns: '{id}',
    setup: (params, ctx) => {
      const demo = ctx.mocks.sharpspring?.demo
      // SharpSpring requires an owner, a deal stage and a close date: the demo account's own.
      return seedOne('opportunities', (id) => ({
        id,
        opportunityName: `Pact Opportunity ${id}`,
        ownerID: 1,
        dealStageID: demo?.dealStageId,
        closeDate: '2026-12-31',
      }))(params, ctx)
    },
  },
  {
    template: 'a product {id} exists',
    provider: 'sharpspring',
    since: 1,
    params: { id: 'integer' },
    description: 'A product with that id (`/uploadProductImage`).',
    returns: '{id}',
    setup: seedOne('products', (id) => ({ id, productName: `Pact Product ${id}`, price: 10 })),
  },
  {
    template: 'a lead {id} exists with File Upload field {systemName}',
    provider: 'sharpspring',
    since: 1,
    params: { id: 'integer', systemName: 'string' },
    description: 'A lead, and a File Upload custom field of leads with that systemName (`/uploadFiles`).',
    returns: '{id, systemName}',
    setup: async ({ id, systemName }, ctx) => {
      await seedLeads(ctx, [id as number], systemName as string)
      return { id, systemName }
    },
  },
  {
    template: 'leads {ids} exist with File Upload field {systemName}',
    provider: 'sharpspring',
    since: 1,
    params: { ids: 'integers', systemName: 'string' },
    description: 'Several leads (`[1, 2]` in params, or "1, 2" in the sentence) and the field.',
    returns: '{ids, systemName}',
    setup: async ({ ids, systemName }, ctx) => {
      await seedLeads(ctx, ids as number[], systemName as string)
      return { ids, systemName }
    },
  },
  faultState(
    'the API is rate limiting',
    'sharpspring',
    'per-second-limit',
    'Every call answers error 107, the per-second limit (HTTP 200, as SharpSpring answers).',
  ),
  faultState(
    'the daily limit is used up',
    'sharpspring',
    'daily-limit',
    'Every call answers error 106, the daily limit.',
  ),
  // crmkit's own contracts (contracts/src/states.ts) name these; kept so their pacts verify.
  {
    template: 'leads exist with a File Upload field',
    provider: 'sharpspring',
    since: 1,
    params: { leadIds: 'integers', fieldSystemName: 'string' },
    description: 'Params `{leadIds, fieldSystemName}`.',
    aliasOf: 'leads {ids} exist with File Upload field {systemName}',
    setup: ({ leadIds, fieldSystemName }, ctx) =>
      ctx.apply('leads {ids} exist with File Upload field {systemName}', {
        ids: leadIds,
        systemName: fieldSystemName,
      }),
  },
  {
    template: 'a product exists',
    provider: 'sharpspring',
    since: 1,
    params: { productId: 'integer' },
    description: 'Params `{productId}`.',
    aliasOf: 'a product {id} exists',
    setup: ({ productId }, ctx) => ctx.apply('a product {id} exists', { id: productId }),
  },
]
