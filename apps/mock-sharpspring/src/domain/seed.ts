import { CAMPAIGNS } from './campaigns.js'
import { addCatalogRow, CATALOGS } from './catalog-tables.js'
import { DEAL_STAGES } from './deal-stages.js'
import type { Failure } from './failure.js'
import { createFields } from './field-methods.js'
import { changeMembers } from './list-members.js'
import { createList } from './lists.js'
import type { MethodResult, Params } from './method-result.js'
import { createObjects } from './object-methods.js'
import type { ObjectType } from './object-types.js'
import { OPPORTUNITY_LEADS } from './opportunity-leads.js'
import type { SharpSpringContext } from './state.js'
import { createRows } from './table-methods.js'
import type { TableSpec } from './table-spec.js'

export type SeedResult =
  | { readonly ok: true; readonly created: Record<string, number[]> }
  | { readonly ok: false; readonly error: string }

/** One list of a seed: where an `id` it gives must be free, and how one entry is made. */
interface SeedStep {
  readonly key: string
  readonly taken: (ctx: SharpSpringContext, id: string) => boolean
  /** Makes one entry (its `id` already left out), or names what is wrong with it. */
  readonly create: (ctx: SharpSpringContext, entry: Params) => MethodResult | string
}

const objectStep = (key: string, type: ObjectType): SeedStep => ({
  key,
  taken: (ctx, id) => ctx.state.objects[type].has(id),
  create: (ctx, entry) => createObjects(ctx, type, { objects: [entry] }),
})

const tableStep = (key: string, spec: TableSpec): SeedStep => ({
  key,
  taken: (ctx, id) => ctx.state.tables[spec.table].has(id),
  create: (ctx, entry) => createRows(ctx, spec, { objects: [entry] }),
})

/**
 * The seed's lists in the order they are made: what others point at first (deal stages, campaigns, lists,
 * then the objects), the links between them last.
 */
const STEPS: readonly SeedStep[] = [
  tableStep('dealStages', DEAL_STAGES),
  tableStep('campaigns', CAMPAIGNS),
  {
    key: 'lists',
    taken: (ctx, id) => ctx.state.tables.list.has(id),
    create: (ctx, entry) => {
      const unknown = Object.keys(entry).filter((name) => name !== 'name' && name !== 'description')
      return unknown.length > 0
        ? `unknown keys ${unknown.join(', ')}; expected name, description`
        : createList(ctx, entry)
    },
  },
  objectStep('accounts', 'account'),
  objectStep('leads', 'lead'),
  objectStep('opportunities', 'opportunity'),
  objectStep('products', 'product'),
  tableStep('opportunityLeads', OPPORTUNITY_LEADS),
  ...CATALOGS.map(
    (spec): SeedStep => ({
      key: spec.seedKey,
      taken: (ctx, id) => ctx.state.tables[spec.table].has(id),
      create: (ctx, entry) => addCatalogRow(ctx, spec, entry),
    }),
  ),
  {
    key: 'listMembers',
    taken: (ctx, id) => ctx.state.tables.listMember.has(id),
    create: (ctx, entry) =>
      changeMembers(ctx, { objects: [entry] }, 'emailAddress' in entry ? 'emailAddress' : 'memberID', 'add'),
  },
]

/**
 * Applies a seed (`--seed` file, `POST /__admin/seed`): `{fields, dealStages, campaigns, lists, accounts, leads,
 * opportunities, products, opportunityLeads, userProfiles, clients, unsubscribeCategories, listTags,
 * emailListings, emailJobs, listMembers}`, each list what the matching create method takes (`objects` of
 * `create…`, `createList`'s parameters, `addListMembers`' or `addListMembersEmailAddress`' objects), so a seed
 * holds nothing the API would refuse; the tables the API only reads take rows of their columns
 * (catalog-tables.ts). Unlike the API, a seed may give an entry its `id` and
 * a field its `systemName`, so that programs with ids and field names written in (the Uploading Files article's
 * PHP programs, recorded contracts) run. Stops at the first refused entry, naming it and its failure in the
 * words of `describe`.
 */
export function applySeed(
  ctx: SharpSpringContext,
  seed: unknown,
  describe: (failure: Failure) => string = ({ code, data }) => `${code} ${JSON.stringify(data)}`,
): SeedResult {
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed))
    return { ok: false, error: 'a seed is a JSON object' }
  const known = ['fields', ...STEPS.map((step) => step.key)]
  const unknown = Object.keys(seed).filter((key) => !known.includes(key))
  if (unknown.length > 0)
    return { ok: false, error: `unknown keys ${unknown.join(', ')}; expected ${known.join(', ')}` }
  const created: Record<string, number[]> = {}
  /** What a one-entry call answered: the entry's failure, or undefined (its new id noted). */
  const outcome = (key: string, label: string, result: MethodResult | string): string | undefined => {
    if (typeof result === 'string') return `${label}: ${result}`
    if (result.kind === 'error') return `${label}: ${describe(result.failure)}`
    if (result.kind !== 'write') return undefined
    const [item] = result.items
    if (item?.error != null) return `${label}: ${describe(item.error)}`
    if (item?.id !== undefined) created[key] = [...(created[key] ?? []), item.id]
    return undefined
  }
  const lists = seed as Record<string, unknown>
  const fields = lists.fields
  if (fields !== undefined) {
    if (!Array.isArray(fields)) return { ok: false, error: 'fields: a list of objects' }
    for (const [index, object] of fields.entries()) {
      const systemName = (object as Params | null)?.systemName
      if (systemName !== undefined) {
        if (typeof systemName !== 'string' || !/^[A-Za-z0-9_]+$/.test(systemName))
          return { ok: false, error: `fields[${index}]: systemName must be letters, digits and _` }
        if (ctx.state.fields.has(systemName))
          return { ok: false, error: `fields[${index}]: systemName ${systemName} already exists` }
      }
      const result = createFields(ctx, { objects: [object] }, systemName === undefined ? {} : { systemName })
      const error = outcome('fields', `fields[${index}]`, result)
      if (error !== undefined) return { ok: false, error }
    }
  }
  for (const step of STEPS) {
    const entries = lists[step.key]
    if (entries === undefined) continue
    if (!Array.isArray(entries)) return { ok: false, error: `${step.key}: a list of objects` }
    for (const [index, entry] of entries.entries()) {
      const label = `${step.key}[${index}]`
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
        return { ok: false, error: `${label}: an object` }
      const { id, ...rest } = entry as Params
      if (id !== undefined && (!Number.isSafeInteger(Number(id)) || Number(id) <= 0))
        return { ok: false, error: `${label}: id must be a positive integer` }
      if (id !== undefined && step.taken(ctx, String(Number(id))))
        return { ok: false, error: `${label}: id ${id} already exists` }
      const withId = id === undefined ? ctx : { ...ctx, newId: () => Number(id) }
      const error = outcome(step.key, label, step.create(withId, rest))
      if (error !== undefined) return { ok: false, error }
    }
  }
  return { ok: true, created }
}
