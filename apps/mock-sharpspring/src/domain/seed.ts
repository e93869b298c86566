import { CAMPAIGNS } from './campaigns.js'
import { DEAL_STAGES } from './deal-stages.js'
import type { Failure } from './failure.js'
import { createFields } from './field-methods.js'
import type { MethodResult, Params } from './method-result.js'
import { createObjects } from './object-methods.js'
import type { ObjectType } from './object-types.js'
import { OPPORTUNITY_LEADS } from './opportunity-leads.js'
import type { SharpSpringContext } from './state.js'
import { createRows } from './table-methods.js'
import type { TableSpec } from './table-spec.js'

const LISTS: ReadonlyArray<readonly [string, ObjectType]> = [
  ['accounts', 'account'],
  ['leads', 'lead'],
  ['opportunities', 'opportunity'],
  ['products', 'product'],
]

/** The seed lists of the other records with create methods, applied after the objects they may point at. */
const TABLE_LISTS: ReadonlyArray<readonly [string, TableSpec]> = [
  ['dealStages', DEAL_STAGES],
  ['campaigns', CAMPAIGNS],
]

/** The seed lists of records that point at objects, applied after them. */
const LINK_LISTS: ReadonlyArray<readonly [string, TableSpec]> = [['opportunityLeads', OPPORTUNITY_LEADS]]

export type SeedResult =
  | { readonly ok: true; readonly created: Record<string, number[]> }
  | { readonly ok: false; readonly error: string }

/**
 * Applies a seed (`--seed` file, `POST /__admin/seed`): `{fields, accounts, leads, opportunities, products}`,
 * each list exactly what the matching create method takes as `objects`, so a seed holds nothing the API would
 * refuse. Unlike the API, a seed may give an object its `id` and a field its `systemName`, so that programs
 * with ids and field names written in (the Uploading Files article's PHP programs, recorded contracts) run.
 * Stops at the first refused item, naming it and its failure in the words of `describe`.
 */
export function applySeed(
  ctx: SharpSpringContext,
  seed: unknown,
  describe: (failure: Failure) => string = ({ code, data }) => `${code} ${JSON.stringify(data)}`,
): SeedResult {
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed))
    return { ok: false, error: 'a seed is a JSON object' }
  const known = [
    'fields',
    ...TABLE_LISTS.map(([key]) => key),
    ...LISTS.map(([key]) => key),
    ...LINK_LISTS.map(([key]) => key),
  ]
  const unknown = Object.keys(seed).filter((key) => !known.includes(key))
  if (unknown.length > 0)
    return { ok: false, error: `unknown keys ${unknown.join(', ')}; expected ${known.join(', ')}` }
  const created: Record<string, number[]> = {}
  const run = (key: string, result: MethodResult): string | undefined => {
    if (result.kind === 'error') return `${key}: ${describe(result.failure)}`
    if (result.kind !== 'write') return undefined
    for (const [index, item] of result.items.entries()) {
      if (item.error !== null) return `${key}[${index}]: ${describe(item.error)}`
      const list = key.replace(/\[\d+\]$/, '')
      if (item.id !== undefined) created[list] = [...(created[list] ?? []), item.id]
    }
    return undefined
  }
  const lists = seed as Record<string, unknown>
  if (lists.fields !== undefined) {
    if (!Array.isArray(lists.fields)) return { ok: false, error: 'fields: a list of objects' }
    for (const [index, object] of lists.fields.entries()) {
      const systemName = (object as Params | null)?.systemName
      if (systemName !== undefined) {
        if (typeof systemName !== 'string' || !/^[A-Za-z0-9_]+$/.test(systemName))
          return { ok: false, error: `fields[${index}]: systemName must be letters, digits and _` }
        if (ctx.state.fields.has(systemName))
          return { ok: false, error: `fields[${index}]: systemName ${systemName} already exists` }
      }
      const error = run(
        `fields[${index}]`,
        createFields(ctx, { objects: [object] }, systemName === undefined ? {} : { systemName }),
      )
      if (error !== undefined) return { ok: false, error: error.replace(/\[0\]:/, ':') }
    }
  }
  const seedTable = (key: string, spec: TableSpec) =>
    seedList(lists, key, (object, index) => {
      const id = (object as Params | null)?.id
      if (id !== undefined && ctx.state.tables[spec.table].has(String(Number(id))))
        return `${key}[${index}]: id ${id} already exists`
      const withId = id === undefined ? ctx : { ...ctx, newId: () => Number(id) }
      return run(`${key}[${index}]`, createRows(withId, spec, { objects: [object] }))?.replace(/\[0\]:/, ':')
    })
  for (const [key, spec] of TABLE_LISTS) {
    const error = seedTable(key, spec)
    if (error !== undefined) return { ok: false, error }
  }
  for (const [key, type] of LISTS) {
    const objects = lists[key]
    if (objects === undefined) continue
    if (!Array.isArray(objects)) return { ok: false, error: `${key}: a list of objects` }
    for (const [index, object] of objects.entries()) {
      const id = (object as Params | null)?.id
      if (id !== undefined && (!Number.isSafeInteger(Number(id)) || Number(id) <= 0)) {
        return { ok: false, error: `${key}[${index}]: id must be a positive integer` }
      }
      if (id !== undefined && ctx.state.objects[type].has(String(Number(id)))) {
        return { ok: false, error: `${key}[${index}]: id ${id} already exists` }
      }
      const withId = id === undefined ? ctx : { ...ctx, newId: () => Number(id) }
      const error = run(`${key}[${index}]`, createObjects(withId, type, { objects: [object] }))
      if (error !== undefined) return { ok: false, error: error.replace(/\[0\]:/, ':') }
    }
  }
  for (const [key, spec] of LINK_LISTS) {
    const error = seedTable(key, spec)
    if (error !== undefined) return { ok: false, error }
  }
  return { ok: true, created }
}

/**
 * Applies one seed list: each entry through `apply` (a message on refusal), an `id` if given a positive
 * integer. Undefined when all went in.
 */
function seedList(
  lists: Record<string, unknown>,
  key: string,
  apply: (object: unknown, index: number) => string | undefined,
): string | undefined {
  const objects = lists[key]
  if (objects === undefined) return undefined
  if (!Array.isArray(objects)) return `${key}: a list of objects`
  for (const [index, object] of objects.entries()) {
    const id = (object as Params | null)?.id
    if (id !== undefined && (!Number.isSafeInteger(Number(id)) || Number(id) <= 0))
      return `${key}[${index}]: id must be a positive integer`
    const error = apply(object, index)
    if (error !== undefined) return error
  }
  return undefined
}
