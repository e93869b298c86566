import { type Failure, failure } from './failure.js'
import type { Params } from './method-result.js'
import { notEmulated } from './not-emulated.js'
import type { Row, SharpSpringContext } from './state.js'
import type { TableName } from './tables.js'
import { zoneToUtc } from './time-zone.js'

/**
 * How a column's value is written and read back: reads give every value as a string [SAMPLE]; money with two
 * decimals (`"price":"500.00"`), dates as `Y-m-d` even when sent with a time [SAMPLE getCampaignsDateRange].
 */
export type ColumnKind = 'text' | 'money' | 'integer' | 'flag' | 'date' | 'id'

export interface Column {
  readonly name: string
  readonly kind: ColumnKind
  /** May be set to null (and reads null until set). */
  readonly nullable?: boolean
  /** Bounds of an integer column. */
  readonly min?: number
  readonly max?: number
}

/** A kind of record with SharpSpring's bulk methods (`create{Plural}`, `get{Singular}`, `get{Plural}`…). */
export interface TableSpec {
  readonly table: TableName
  /** `Campaign` of `getCampaign`, `Campaigns` of `createCampaigns`. */
  readonly singular: string
  readonly plural: string
  /** The result key of `get{Singular}`, `get{Plural}` and `get{Plural}DateRange`: `campaign`. */
  readonly resultKey: string
  /** `get{Plural}`'s own result key when it has one (`getWhereopportunityLeads`); it then says `hasMore`. */
  readonly listKey?: string
  /** The columns reads give, in order, `id` first; a write may set every other one. */
  readonly columns: readonly Column[]
  readonly required: readonly string[]
  /** What a create sets unless told otherwise; other columns start null. */
  readonly defaults: Readonly<Row>
  /** The keys `get{Plural}`'s `where` filters on. */
  readonly whereKeys: readonly string[]
  /** What the rest of the state says about an object's values (`row`: the one updated): a refusal or undefined. */
  readonly check?: (ctx: SharpSpringContext, values: Row, row: Row | undefined) => Failure | undefined
  /** Whether a row may go: a refusal or undefined. */
  readonly deletable?: (ctx: SharpSpringContext, row: Row) => Failure | undefined
  /** What goes with a deleted row (the records that point at it). */
  readonly onDelete?: (ctx: SharpSpringContext, row: Row) => void
}

/**
 * The columns an object of a write sets, as kept: 205 naming a key the table does not have as not emulated,
 * 210 for a list where a value belongs [DOC codes], 205 for a value the column cannot take. `id` only picks
 * the row (an update's) and is skipped.
 */
export function readColumns(
  spec: TableSpec,
  object: Params,
): { ok: true; values: Row } | { ok: false; failure: Failure } {
  const names = spec.columns.map((column) => column.name)
  const unknown = Object.keys(object).filter((name) => !names.includes(name))
  if (unknown.length > 0) return { ok: false, failure: notEmulated(unknown, names) }
  const values: Row = {}
  for (const column of spec.columns) {
    if (column.name === 'id' || !(column.name in object)) continue
    const raw = object[column.name]
    if (Array.isArray(raw)) return { ok: false, failure: failure(210, { field: column.name }) }
    if (raw === null) {
      if (!column.nullable)
        return { ok: false, failure: failure(205, { field: column.name, reason: 'not nullable' }) }
      values[column.name] = null
      continue
    }
    const value = columnValue(column, raw)
    if (value === undefined)
      return { ok: false, failure: failure(205, { field: column.name, expected: column.kind }) }
    values[column.name] = value
  }
  return { ok: true, values }
}

/** A written value as the column keeps it, or undefined when it cannot take it. */
function columnValue(column: Column, raw: unknown): string | undefined {
  const text =
    typeof raw === 'string'
      ? raw.trim()
      : typeof raw === 'number' && Number.isFinite(raw)
        ? String(raw)
        : undefined
  switch (column.kind) {
    case 'text':
      if (typeof raw === 'boolean') return raw ? '1' : '0'
      return typeof raw === 'string' ? raw : text
    case 'money':
      return text !== undefined && /^-?\d{1,15}(\.\d+)?$/.test(text) ? Number(text).toFixed(2) : undefined
    case 'integer': {
      if (text === undefined || !/^-?\d{1,15}$/.test(text)) return undefined
      const value = Number(text)
      if (
        (column.min !== undefined && value < column.min) ||
        (column.max !== undefined && value > column.max)
      )
        return undefined
      return String(value)
    }
    case 'flag':
      if (raw === true || raw === 1 || raw === '1') return '1'
      if (raw === false || raw === 0 || raw === '0') return '0'
      return undefined
    case 'date': {
      if (text === undefined || !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(text)) return undefined
      const date = text.slice(0, 10)
      return zoneToUtc(text.length === 10 ? `${date} 00:00:00` : text, 'UTC') === undefined ? undefined : date
    }
    case 'id':
      return text !== undefined && /^[1-9]\d{0,17}$/.test(text) ? text : undefined
  }
}
