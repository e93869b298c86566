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
import { notEmulatedData } from './not-emulated.js'
import type { FieldRecord, SharpSpringContext } from './state.js'
import { passes, readWhere } from './where-clause.js'

const RELATIONSHIPS = ['lead', 'account', 'opportunity'] as const
const FLAGS = [
  'isRequired',
  'isActive',
  'isAvailableInContactManager',
  'isEditableInContactManager',
  'isAvailableInForms',
] as const

/** `getFields`: `where` required even if empty (keys `id`, `label`, `systemName`, `isCustom`, `relationship`) [SAMPLE]. */
export function getFields(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = readWhere(params, { keys: ['id', 'label', 'systemName', 'isCustom', 'relationship'] })
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const fields = [...ctx.state.fields.values()].filter((field) =>
    passes(where.conditions, (key) => field[key as keyof FieldRecord]),
  )
  return { kind: 'read', result: { field: fields.slice(window.offset, window.offset + window.limit) } }
}

/** The keys of a `createFields` object, as SharpSpring's sample sends them [SAMPLE createFields]. */
const CREATE_KEYS = [
  'relationship',
  'systemName',
  'label',
  'source',
  'dataType',
  'dataLength',
  ...FLAGS,
  'isCustom',
]

/**
 * `createFields`: `relationship`, `label` and `dataType` required; the `systemName` is the label's slug and
 * a 13-hex uniqid, as SharpSpring makes them (`api_big_text_area_57f6638adc5b8`) [DOC/SAMPLE], whatever
 * `systemName` the object gives [INFER]. `source` "MUST be sharpspring" [SAMPLE createFields]; only custom
 * fields are made [INFER]; a key the sample does not send (picklist `options`…) is refused as not emulated.
 */
export function createFields(
  ctx: SharpSpringContext,
  params: Params,
  /** A seed's own systemName for its one field; the API always makes one. */
  seeded: { readonly systemName?: string } = {},
): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    const unknown = Object.keys(object).filter((name) => !CREATE_KEYS.includes(name))
    if (unknown.length > 0) return itemError(205, notEmulatedData(unknown, CREATE_KEYS))
    if (object.source !== undefined && object.source !== 'sharpspring')
      return itemError(205, { source: 'must be sharpspring' })
    if (object.isCustom !== undefined && !truthy(object.isCustom))
      return itemError(205, { isCustom: 'only custom fields can be created' })
    const dataLength = object.dataLength ?? 255
    if (!/^\d{1,9}$/.test(String(dataLength)) || typeof dataLength === 'object')
      return itemError(205, { dataLength: 'a whole number' })
    const missing = ['relationship', 'label', 'dataType'].filter(
      (name) => typeof object[name] !== 'string' || object[name] === '',
    )
    if (missing.length > 0) return itemError(205, { missing })
    const relationship = object.relationship as string
    if (!(RELATIONSHIPS as readonly string[]).includes(relationship))
      return itemError(205, { relationship: RELATIONSHIPS })
    const id = ctx.newId()
    const label = object.label as string
    const systemName = seeded.systemName ?? `${slug(label)}_${uniqid(ctx.now, id)}`
    const flag = (name: string, fallback: '0' | '1') =>
      object[name] === undefined ? fallback : truthy(object[name]) ? '1' : '0'
    ctx.state.fields.set(systemName, {
      id: String(id),
      relationship: relationship as FieldRecord['relationship'],
      systemName,
      label,
      source: 'sharpspring',
      dataType: object.dataType as string,
      dataLength: String(dataLength),
      isRequired: flag('isRequired', '0'),
      isCustom: '1',
      isActive: flag('isActive', '1'),
      isAvailableInContactManager: flag('isAvailableInContactManager', '1'),
      isEditableInContactManager: flag('isEditableInContactManager', '1'),
      isAvailableInForms: flag('isAvailableInForms', '0'),
    })
    for (const row of ctx.state.objects[relationship as FieldRecord['relationship']].values())
      row[systemName] = ''
    return itemOk(id)
  })
  return { kind: 'write', key: 'creates', items }
}

/** What `updateFields` changes: the label and the flags. */
const EDITABLE = ['label', ...FLAGS]

/**
 * `updateFields`: by `id` or `systemName`; the label and flags change, the systemName never does [DOC]. Any
 * other key must repeat the field's value (a field read back and sent again): changing it is not emulated.
 */
export function updateFields(ctx: SharpSpringContext, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    const field = findField(ctx, object)
    if (field === undefined) return itemError(205, { reason: 'no such field' })
    if (field.isCustom === '0') return itemError(205, { reason: 'standard fields cannot be changed' })
    const changing = Object.keys(object).filter(
      (name) =>
        name !== 'id' &&
        name !== 'systemName' &&
        !EDITABLE.includes(name) &&
        String(object[name]) !== String(field[name as keyof FieldRecord]),
    )
    if (changing.length > 0)
      return itemError(205, notEmulatedData(changing, ['id', 'systemName', ...EDITABLE]))
    const updated: FieldRecord = {
      ...field,
      ...(typeof object.label === 'string' && object.label !== '' ? { label: object.label } : {}),
      ...Object.fromEntries(
        FLAGS.filter((name) => object[name] !== undefined).map((name) => [
          name,
          truthy(object[name]) ? '1' : '0',
        ]),
      ),
    }
    if (JSON.stringify(updated) === JSON.stringify(field)) return itemError(302)
    ctx.state.fields.set(field.systemName, updated)
    return itemOk()
  })
  return { kind: 'write', key: 'updates', items }
}

/** `deleteFields`: objects `{systemName}` [CLIENT dllobell]; a standard field answers 211 [DOC]. */
export function deleteFields(ctx: SharpSpringContext, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    const field = findField(ctx, object)
    if (field === undefined) return itemError(205, { reason: 'no such field' })
    if (field.isCustom === '0') return itemError(211)
    ctx.state.fields.delete(field.systemName)
    for (const row of ctx.state.objects[field.relationship].values()) delete row[field.systemName]
    return itemOk()
  })
  return { kind: 'write', key: 'deletes', items }
}

function findField(ctx: SharpSpringContext, object: Params): FieldRecord | undefined {
  if (typeof object.systemName === 'string') {
    const field = ctx.state.fields.get(object.systemName)
    if (field !== undefined) return field
  }
  const id = object.id === undefined ? undefined : String(object.id)
  return [...ctx.state.fields.values()].find(
    (field) => field.id === id || (field.systemName === object.systemName && id === undefined),
  )
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true'

const slug = (label: string) => label.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'field'

/** PHP's uniqid(): 8 hex digits of seconds, 5 of microseconds (here from the id, so tests are repeatable). */
const uniqid = (now: Date, id: number) =>
  Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0') + (id % 0x100000).toString(16).padStart(5, '0')

export { RELATIONSHIPS }
