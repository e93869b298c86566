import { CAMPAIGNS } from './campaigns.js'
import {
  getClients,
  getEmailJobs,
  getEmailListing,
  getListTags,
  getUnsubscribeCategories,
  getUserProfiles,
} from './catalog-reads.js'
import { DEAL_STAGES } from './deal-stages.js'
import { createFields, deleteFields, getFields, updateFields } from './field-methods.js'
import { getLeadTimeline } from './lead-timeline.js'
import {
  changeMember,
  changeMembers,
  getContactListMemberships,
  getListMembers,
  getRemovedListMembers,
} from './list-members.js'
import { createList, deleteList, getActiveLists, updateList } from './lists.js'
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
import { OPPORTUNITY_LEADS } from './opportunity-leads.js'
import type { SharpSpringContext } from './state.js'
import { createRows, deleteRows, getRow, getRows, getRowsDateRange, updateRows } from './table-methods.js'
import type { TableSpec } from './table-spec.js'

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
/** `limit` and `offset` are undocumented but honoured [CLIENT rmuit]. */
const DATE_RANGE = ['startDate', 'endDate', 'timestamp', 'limit', 'offset']
/** Objects' date ranges also pick their `fields`, as `getLeads` does [CLIENT dllobell]. */
const OBJECT_DATE_RANGE = [...DATE_RANGE, 'fields']

type TableMethod = 'create' | 'update' | 'delete' | 'getOne' | 'getMany' | 'dateRange'

/** A table's bulk methods, the ones SharpSpring has for it (table-methods.ts). */
function tableMethods(spec: TableSpec, which: readonly TableMethod[]): Array<[string, MethodSpec]> {
  const { singular, plural } = spec
  const all: Record<TableMethod, [string, MethodSpec]> = {
    create: [`create${plural}`, method(WRITE, (ctx, params) => createRows(ctx, spec, params))],
    update: [`update${plural}`, method(WRITE, (ctx, params) => updateRows(ctx, spec, params))],
    delete: [`delete${plural}`, method(WRITE, (ctx, params) => deleteRows(ctx, spec, params))],
    getOne: [`get${singular}`, method(GET_ONE, (ctx, params) => getRow(ctx, spec, params))],
    getMany: [`get${plural}`, method(GET_MANY, (ctx, params) => getRows(ctx, spec, params))],
    dateRange: [
      `get${plural}DateRange`,
      method(DATE_RANGE, (ctx, params) => getRowsDateRange(ctx, spec, params)),
    ],
  }
  return which.map((name) => all[name])
}

/** Every method the mock answers, by name; any other name is 204 "Invalid method signature." */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  ['getFields', method(GET_MANY, getFields)],
  ['createFields', method(WRITE, createFields)],
  ['updateFields', method(WRITE, updateFields)],
  ['deleteFields', method(WRITE, deleteFields)],
  ['updateLeadsV2', method(WRITE, (ctx, params) => updateObjects(ctx, 'lead', params, true))],
  ...(Object.keys(OBJECT_TYPES) as ObjectType[]).flatMap((type): Array<[string, MethodSpec]> => {
    const { plural, singular } = OBJECT_TYPES[type]
    return [
      [`create${plural}`, method(WRITE, (ctx, params) => createObjects(ctx, type, params))],
      [`update${plural}`, method(WRITE, (ctx, params) => updateObjects(ctx, type, params))],
      [`delete${plural}`, method(WRITE, (ctx, params) => deleteObjects(ctx, type, params))],
      [`get${singular}`, method(GET_ONE, (ctx, params) => getObject(ctx, type, params))],
      [`get${plural}`, method([...GET_MANY, 'fields'], (ctx, params) => getObjects(ctx, type, params))],
      [
        `get${plural}DateRange`,
        method(OBJECT_DATE_RANGE, (ctx, params) => getObjectsDateRange(ctx, type, params)),
      ],
    ]
  }),
  // There is no updateDealStages (dllobell/sharpspring-api, src/SharpspringClient.php).
  ...tableMethods(DEAL_STAGES, ['create', 'delete', 'getOne', 'getMany', 'dateRange']),
  ...tableMethods(CAMPAIGNS, ['create', 'update', 'delete', 'getOne', 'getMany', 'dateRange']),
  ...tableMethods(OPPORTUNITY_LEADS, ['create', 'delete', 'getOne', 'getMany', 'dateRange']),
  ['createList', method(['name', 'description'], createList)],
  ['updateList', method(['id', 'name', 'description'], updateList)],
  ['deleteList', method(WRITE, deleteList)],
  ['getActiveLists', method(GET_MANY, getActiveLists)],
  ['getListMembers', method(GET_MANY, getListMembers)],
  ['getRemovedListMembers', method(GET_MANY, getRemovedListMembers)],
  ['getContactListMemberships', method(['where'], getContactListMemberships)],
  ['getListTags', method([], getListTags)],
  ['getUserProfiles', method(GET_MANY, getUserProfiles)],
  ['getClients', method([], getClients)],
  ['getUnsubscribeCategories', method([], getUnsubscribeCategories)],
  ['getEmailListing', method(GET_MANY, getEmailListing)],
  ['getEmailJobs', method(['limit', 'offset'], getEmailJobs)],
  ['getLeadTimeline', method(GET_MANY, getLeadTimeline)],
  ...(['add', 'remove'] as const).flatMap(
    (change): Array<[string, MethodSpec]> => [
      [
        `${change}ListMember`,
        method(['listID', 'memberID'], (c, p) => changeMember(c, p, 'memberID', change)),
      ],
      [`${change}ListMembers`, method(WRITE, (c, p) => changeMembers(c, p, 'memberID', change))],
      [
        `${change}ListMemberEmailAddress`,
        method(['listID', 'emailAddress'], (c, p) => changeMember(c, p, 'emailAddress', change)),
      ],
      [
        `${change}ListMembersEmailAddress`,
        method(WRITE, (c, p) => changeMembers(c, p, 'emailAddress', change)),
      ],
    ],
  ),
])

/** Whether a method writes (its envelope then has `error: []` even when it answers like a read). */
export const isWrite = (name: string) => /^(create|update|delete|add|remove)/.test(name)
