import { inRange, readDateRange } from './date-range.js'
import { forgetObject } from './forget-object.js'
import { recordLeadChanges } from './lead-timeline.js'
import {
  apiError,
  itemError,
  itemOk,
  type MethodResult,
  type Params,
  readObjects,
  readWindow,
  type WriteItem,
} from './method-result.js'
import { LEAD_STATUSES, OBJECT_TYPES, type ObjectType, READ_ONLY } from './object-types.js'
import { customFieldsOf, type Row, type SharpSpringContext, shownTime, sqlTimestamp } from './state.js'
import { passes, readWhere } from './where-clause.js'

// The bulk pattern leads, accounts, opportunities and products share (as the public clients use it;
// FIDELITY.md, SharpSpring): create, update, delete by `objects`, get one by id, get many by
// `where`/`limit`/`offset`/`fields`, get by date range.

/** A written value as reads give it back: strings, booleans as "1"/"0" [SAMPLE]. */
function asText(value: unknown): string | null | undefined {
  if (value === null) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  return undefined
}

/** The writable values of `object`, or the object-level error that refuses it. */
function readValues(
  ctx: SharpSpringContext,
  type: ObjectType,
  object: Params,
): { ok: true; values: Row } | { ok: false; item: WriteItem } {
  const spec = OBJECT_TYPES[type]
  const custom = new Set(customFieldsOf(ctx.state, type).map((field) => field.systemName))
  const values: Row = {}
  for (const [name, raw] of Object.entries(object)) {
    if (READ_ONLY.has(name)) continue
    const standard = spec.standard.includes(name)
    if (!standard && !custom.has(name))
      return { ok: false, item: itemError(205, { field: name, reason: 'unknown field' }) }
    if (Array.isArray(raw)) return { ok: false, item: itemError(210, { field: name }) }
    const value = asText(raw)
    if (value === undefined) return { ok: false, item: itemError(205, { field: name }) }
    // [CLIENT rmuit] a non-nullable standard field set to null is refused.
    if (value === null && standard && !spec.nullable.includes(name)) {
      return { ok: false, item: itemError(205, { field: name, reason: 'not nullable' }) }
    }
    values[name] = value
  }
  if (type === 'lead' && values.leadStatus != null && !LEAD_STATUSES.includes(values.leadStatus)) {
    return { ok: false, item: itemError(205, { field: 'leadStatus', valid: LEAD_STATUSES }) }
  }
  if (
    type === 'opportunity' &&
    values.dealStageID != null &&
    !ctx.state.tables.dealStage.has(values.dealStageID)
  ) {
    return { ok: false, item: itemError(205, { field: 'dealStageID', reason: 'no such deal stage' }) }
  }
  return { ok: true, values }
}

const sameEmail = (a: string | null | undefined, b: string | null | undefined) =>
  a != null && b != null && a.toLowerCase() === b.toLowerCase()

function findByEmail(ctx: SharpSpringContext, email: string | null | undefined): Row | undefined {
  for (const row of ctx.state.objects.lead.values()) if (sameEmail(row.emailAddress, email)) return row
  return undefined
}

export function createObjects(ctx: SharpSpringContext, type: ObjectType, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const spec = OBJECT_TYPES[type]
  const items = read.objects.map((object): WriteItem => {
    const parsed = readValues(ctx, type, object)
    if (!parsed.ok) return parsed.item
    const missing = spec.required.filter((name) => parsed.values[name] == null || parsed.values[name] === '')
    if (missing.length > 0) return itemError(205, { missing })
    // [CLIENT rmuit] a lead whose emailAddress exists already is refused, object by object.
    if (type === 'lead' && findByEmail(ctx, parsed.values.emailAddress) !== undefined) return itemError(301)
    const id = ctx.newId()
    const now = sqlTimestamp(ctx.now)
    const row: Row = {}
    for (const name of spec.standard) row[name] = null
    for (const field of customFieldsOf(ctx.state, type)) row[field.systemName] = ''
    Object.assign(row, defaults(type), parsed.values, {
      id: String(id),
      createTimestamp: now,
      updateTimestamp: now,
    })
    ctx.state.objects[type].set(String(id), row)
    return itemOk(id)
  })
  return { kind: 'write', key: 'creates', items }
}

function defaults(type: ObjectType): Row {
  if (type === 'lead') return { leadStatus: 'unqualified', active: '1', isUnsubscribed: '0' }
  if (type === 'opportunity') return { isActive: '1', isClosed: '0', isWon: '0' }
  if (type === 'product') return { isActive: '1' }
  return {}
}

/**
 * `update{Plural}`: found by `id` (or, for leads, `emailAddress`). As SharpSpring does [CLIENT rmuit], an
 * object that cannot be found is a silent success and a change that changes nothing is 302; `strict`
 * (`updateLeadsV2`) answers 404 for an unknown object instead.
 */
export function updateObjects(
  ctx: SharpSpringContext,
  type: ObjectType,
  params: Params,
  strict = false,
): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    const id = asText(object.id)
    const row =
      id != null && id !== ''
        ? ctx.state.objects[type].get(id)
        : type === 'lead'
          ? findByEmail(ctx, asText(object.emailAddress))
          : undefined
    if (row === undefined) return strict ? itemError(404) : itemOk()
    const parsed = readValues(ctx, type, object)
    if (!parsed.ok) return parsed.item
    const { values } = parsed
    if (type === 'lead' && values.emailAddress != null) {
      const owner = findByEmail(ctx, values.emailAddress)
      // [CLIENT rmuit] moving to another lead's email succeeds silently and changes nothing.
      if (owner !== undefined && owner.id !== row.id) return itemOk()
    }
    const changed = Object.entries(values).filter(([name, value]) => row[name] !== value)
    if (changed.length === 0) return itemError(302)
    const before = { ...row }
    for (const [name, value] of changed) row[name] = value
    row.updateTimestamp = sqlTimestamp(ctx.now)
    if (type === 'lead') recordLeadChanges(ctx, row, before)
    return itemOk()
  })
  return { kind: 'write', key: 'updates', items }
}

/** `delete{Plural}`: `objects: [{id}]` only [CLIENT rmuit]; an unknown id affects no row: 302 [INFER]. */
export function deleteObjects(ctx: SharpSpringContext, type: ObjectType, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    const id = asText(object.id)
    if (id == null || id === '') return itemError(206, { missing: ['id'] })
    if (!ctx.state.objects[type].delete(id)) return itemError(302)
    forgetObject(ctx, type, id)
    return itemOk()
  })
  return { kind: 'write', key: 'deletes', items }
}

/** `get{Singular}`: a one-element array, or `[]` when there is no such object [CLIENT rmuit]. */
export function getObject(ctx: SharpSpringContext, type: ObjectType, params: Params): MethodResult {
  const id = asText(params.id)
  if (id == null || id === '') return apiError(206, { missing: ['id'] })
  const row = ctx.state.objects[type].get(id)
  return { kind: 'read', result: { [type]: row === undefined ? [] : [render(ctx, type, row)] } }
}

/**
 * `get{Plural}`: `where` is required even when empty, with the type's keys (where-clause.ts); without a key
 * only active objects are listed, by id or email inactive ones too [CLIENT rmuit]. A lead's `where.id` may
 * be a list: then the keys that are not lists are ignored and the leads come in the list's order, as SharpSpring
 * words it: "If a list is used in the parameters then non-list parameters will be ignored. A maximum of 500
 * leads will be returned with list<id> being selected first" (dllobell/sharpspring-api, src/SharpspringClient.php,
 * `getLeads`). `fields` picks the columns.
 */
export function getObjects(ctx: SharpSpringContext, type: ObjectType, params: Params): MethodResult {
  const spec = OBJECT_TYPES[type]
  const where = readWhere(params, { keys: spec.whereKeys, lists: spec.whereLists })
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const fields = readFieldList(params.fields)
  if (fields === null) return apiError(205, { fields: 'must be a list of field system names' })
  const lists = where.conditions.filter((condition) => condition.list)
  const conditions = lists.length > 0 ? lists : where.conditions
  const same = (key: string, a: string, b: string) => (key === 'emailAddress' ? sameEmail(a, b) : a === b)
  const matches = [...ctx.state.objects[type].values()].filter((row) =>
    conditions.length === 0 ? isActive(type, row) : passes(conditions, (key) => row[key], same),
  )
  const ids = lists.find((condition) => condition.key === 'id')?.values
  if (ids !== undefined) matches.sort((a, b) => ids.indexOf(a.id ?? '') - ids.indexOf(b.id ?? ''))
  const page = matches.slice(window.offset, window.offset + window.limit)
  return { kind: 'read', result: { [type]: page.map((row) => render(ctx, type, row, fields)) } }
}

/**
 * `get{Plural}DateRange`: `startDate`, `endDate` in the call's time zone, `timestamp` `create` or `update`
 * (date-range.ts); active objects only [CLIENT rmuit]; `limit` and `offset` as for `get{Plural}` [CLIENT rmuit],
 * `fields` as for `getLeads` [CLIENT dllobell].
 */
export function getObjectsDateRange(ctx: SharpSpringContext, type: ObjectType, params: Params): MethodResult {
  const read = readDateRange(ctx, params)
  if (!read.ok) return read.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const fields = readFieldList(params.fields)
  if (fields === null) return apiError(205, { fields: 'must be a list of field system names' })
  const matches = [...ctx.state.objects[type].values()].filter(
    (row) => isActive(type, row) && inRange(read.range, row),
  )
  const page = matches.slice(window.offset, window.offset + window.limit)
  return { kind: 'read', result: { [type]: page.map((row) => render(ctx, type, row, fields)) } }
}

function isActive(type: ObjectType, row: Row): boolean {
  if (type === 'lead') return row.active !== '0'
  if (type === 'opportunity' || type === 'product') return row.isActive !== '0'
  return true
}

/** `fields`: undefined for all, null when malformed. */
function readFieldList(fields: unknown): string[] | undefined | null {
  if (fields === undefined || fields === null) return undefined
  if (!Array.isArray(fields) || !fields.every((name) => typeof name === 'string')) return null
  return fields
}

/** A row as reads give it: standard fields, then the type's custom fields (`""` when never set). */
export function render(ctx: SharpSpringContext, type: ObjectType, row: Row, fields?: string[]): Row {
  const out: Row = {}
  for (const name of OBJECT_TYPES[type].standard) out[name] = row[name] ?? null
  for (const field of customFieldsOf(ctx.state, type)) out[field.systemName] = row[field.systemName] ?? ''
  // Kept in UTC, given in the call's zone (time-zone.ts).
  out.createTimestamp = shownTime(ctx, out.createTimestamp)
  out.updateTimestamp = shownTime(ctx, out.updateTimestamp)
  if (fields === undefined) return out
  return Object.fromEntries(Object.entries(out).filter(([name]) => name === 'id' || fields.includes(name)))
}
