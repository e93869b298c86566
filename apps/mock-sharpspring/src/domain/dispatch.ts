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

type Method = (ctx: SharpSpringContext, params: Params) => MethodResult

/** Every method the mock answers, by name; any other name is 204 "Invalid method signature." */
export const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ['getFields', getFields],
  ['createFields', createFields],
  ['updateFields', updateFields],
  ['deleteFields', deleteFields],
  ['getDealStages', getDealStages],
  ['updateLeadsV2', (ctx, params) => updateObjects(ctx, 'lead', params, true)],
  ...(Object.keys(OBJECT_TYPES) as ObjectType[]).flatMap((type): Array<[string, Method]> => {
    const { plural, singular } = OBJECT_TYPES[type]
    return [
      [`create${plural}`, (ctx, params) => createObjects(ctx, type, params)],
      [`update${plural}`, (ctx, params) => updateObjects(ctx, type, params)],
      [`delete${plural}`, (ctx, params) => deleteObjects(ctx, type, params)],
      [`get${singular}`, (ctx, params) => getObject(ctx, type, params)],
      [`get${plural}`, (ctx, params) => getObjects(ctx, type, params)],
      [`get${plural}DateRange`, (ctx, params) => getObjectsDateRange(ctx, type, params)],
    ]
  }),
])

/** Whether a method only reads (its envelope then has `error: null`). */
export const isWrite = (method: string) => /^(create|update|delete)/.test(method)
