import { getDealStages } from './deal-stages.js'
import { createFields, deleteFields, getFields, updateFields } from './field-methods.js'
import type { MethodResult, Params } from './method-result.js'
import {
  createObjects,
  deleteObjects,
  getObject,
  getObjects,
  getObjectsDateRange,
  updateObjects,
} from './object-methods.js'
import { OBJECT_TYPES, type ObjectType } from './object-types.js'
import type { SharpSpringContext } from './state.js'

type Run = (ctx: SharpSpringContext, params: Params) => MethodResult

/**
 * A method the mock answers: what it does, and every parameter it takes. A parameter outside that list is
 * refused before the method runs, naming it as not emulated (rpc-call.ts): never a success that ignored it.
 */
export interface MethodSpec {
  readonly params: readonly string[]
  readonly run: Run
}

const method = (params: readonly string[], run: Run): MethodSpec => ({ params, run })

const WRITE = ['objects']
const GET_ONE = ['id']
const GET_MANY = ['where', 'limit', 'offset']
/** `limit` and `offset` are undocumented but honoured [CLIENT rmuit]; `fields` [CLIENT dllobell]. */
const DATE_RANGE = ['startDate', 'endDate', 'timestamp', 'limit', 'offset', 'fields']

/** Every method the mock answers, by name; any other name is 204 "Invalid method signature." */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  ['getFields', method(GET_MANY, getFields)],
  ['createFields', method(WRITE, createFields)],
  ['updateFields', method(WRITE, updateFields)],
  ['deleteFields', method(WRITE, deleteFields)],
  ['getDealStages', method(GET_MANY, getDealStages)],
  ['updateLeadsV2', method(WRITE, (ctx, params) => updateObjects(ctx, 'lead', params, true))],
  ...(Object.keys(OBJECT_TYPES) as ObjectType[]).flatMap((type): Array<[string, MethodSpec]> => {
    const { plural, singular } = OBJECT_TYPES[type]
    return [
      [`create${plural}`, method(WRITE, (ctx, params) => createObjects(ctx, type, params))],
      [`update${plural}`, method(WRITE, (ctx, params) => updateObjects(ctx, type, params))],
      [`delete${plural}`, method(WRITE, (ctx, params) => deleteObjects(ctx, type, params))],
      [`get${singular}`, method(GET_ONE, (ctx, params) => getObject(ctx, type, params))],
      [`get${plural}`, method([...GET_MANY, 'fields'], (ctx, params) => getObjects(ctx, type, params))],
      [`get${plural}DateRange`, method(DATE_RANGE, (ctx, params) => getObjectsDateRange(ctx, type, params))],
    ]
  }),
])

/** Whether a method writes (its envelope then has `error: []` even when it answers like a read). */
export const isWrite = (name: string) => /^(create|update|delete|add|remove)/.test(name)
