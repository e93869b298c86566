import { inRange, readDateRange } from './date-range.js'
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
import { type Row, type SharpSpringContext, sqlTimestamp } from './state.js'
import { readColumns, type TableSpec } from './table-spec.js'
import { passes, readWhere } from './where-clause.js'

// The bulk pattern of the records that are not leads, accounts, opportunities or products (deal stages,
// campaigns, opportunity leads), as SharpSpring's samples and the public clients use it (FIDELITY.md,
// SharpSpring): the same as object-methods.ts without custom fields.

const failed = (error: WriteItem['error']): WriteItem => ({ success: false, error })

/** `create{Plural}`: each object's columns; the required ones set; an `id` sent is ignored [CLIENT rmuit, leads]. */
export function createRows(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const table = ctx.state.tables[spec.table]
  const items = read.objects.map((object): WriteItem => {
    const parsed = readColumns(spec, object)
    if (!parsed.ok) return failed(parsed.failure)
    const values: Row = { ...spec.defaults, ...parsed.values }
    const missing = spec.required.filter((name) => values[name] == null || values[name] === '')
    if (missing.length > 0) return itemError(205, { missing })
    const refused = spec.check?.(ctx, values, undefined)
    if (refused !== undefined) return failed(refused)
    const id = ctx.newId()
    const now = sqlTimestamp(ctx.now)
    const row: Row = {}
    for (const column of spec.columns) row[column.name] = values[column.name] ?? null
    Object.assign(row, { id: String(id), createTimestamp: now, updateTimestamp: now })
    table.set(String(id), row)
    return itemOk(id)
  })
  return { kind: 'write', key: 'creates', items }
}

/** `update{Plural}`: by `id`; an unknown id is a silent success and a change of nothing 302, as for leads [CLIENT rmuit; INFER]. */
export function updateRows(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const table = ctx.state.tables[spec.table]
  const items = read.objects.map((object): WriteItem => {
    const row = object.id == null ? undefined : table.get(String(object.id))
    if (row === undefined) return itemOk()
    const parsed = readColumns(spec, object)
    if (!parsed.ok) return failed(parsed.failure)
    const refused = spec.check?.(ctx, { ...row, ...parsed.values }, row)
    if (refused !== undefined) return failed(refused)
    const changed = Object.entries(parsed.values).filter(([name, value]) => row[name] !== value)
    if (changed.length === 0) return itemError(302)
    for (const [name, value] of changed) row[name] = value
    row.updateTimestamp = sqlTimestamp(ctx.now)
    return itemOk()
  })
  return { kind: 'write', key: 'updates', items }
}

/** `delete{Plural}`: `objects: [{id}]` [CLIENT dllobell]; an unknown id affects no row: 302 [INFER]. */
export function deleteRows(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const table = ctx.state.tables[spec.table]
  const items = read.objects.map((object): WriteItem => {
    if (object.id == null || object.id === '') return itemError(206, { missing: ['id'] })
    const row = table.get(String(object.id))
    if (row === undefined) return itemError(302)
    const refused = spec.deletable?.(ctx, row)
    if (refused !== undefined) return failed(refused)
    table.delete(String(object.id))
    spec.onDelete?.(ctx, row)
    return itemOk()
  })
  return { kind: 'write', key: 'deletes', items }
}

/** `get{Singular}`: a one-element array, or `[]` when there is no such row [CLIENT rmuit, dllobell]. */
export function getRow(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  if (params.id == null || params.id === '') return apiError(206, { missing: ['id'] })
  const row = ctx.state.tables[spec.table].get(String(params.id))
  return { kind: 'read', result: { [spec.resultKey]: row === undefined ? [] : [render(spec, row)] } }
}

/** `get{Plural}`: `where` required even when empty, with the table's keys; `limit` ≤ 500, `offset` [CLIENT rmuit]. */
export function getRows(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  const where = readWhere(params, { keys: spec.whereKeys })
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const matches = [...ctx.state.tables[spec.table].values()].filter((row) =>
    passes(where.conditions, (key) => row[key]),
  )
  const page = matches.slice(window.offset, window.offset + window.limit).map((row) => render(spec, row))
  if (spec.listKey === undefined) return { kind: 'read', result: { [spec.resultKey]: page } }
  const hasMore = matches.length > window.offset + window.limit
  return { kind: 'read', result: { [spec.listKey]: page }, hasMore }
}

/** `get{Plural}DateRange`: rows created or updated between two date-times of the call's zone (date-range.ts). */
export function getRowsDateRange(ctx: SharpSpringContext, spec: TableSpec, params: Params): MethodResult {
  const read = readDateRange(ctx, params)
  if (!read.ok) return read.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const matches = [...ctx.state.tables[spec.table].values()].filter((row) => inRange(read.range, row))
  const page = matches.slice(window.offset, window.offset + window.limit).map((row) => render(spec, row))
  return { kind: 'read', result: { [spec.resultKey]: page } }
}

/** A row as reads give it: its columns, in order; the kept timestamps stay out unless they are columns. */
function render(spec: TableSpec, row: Row): Row {
  return Object.fromEntries(spec.columns.map((column) => [column.name, row[column.name] ?? null]))
}
