import { listCounts } from './list-members.js'
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
import { type Row, type SharpSpringContext, shownTime, sqlTimestamp } from './state.js'
import { passes, readWhere } from './where-clause.js'

// Lists, the segmented audiences of leads: the List table of SharpSpring's schema (`id`, `name`,
// `memberCount`, `removedCount`, `createTimestamp`, `description`):
// https://knowledgebase.constantcontact.com/lead-gen-crm/articles/KnowledgeBase/50880-Understanding-Lead-Gen-CRM-Open-API-Schema-Lists?lang=en_US

/**
 * `createList`: `name` (required) and `description`, as a public client sends them
 * (angelopublio/sharpspring-api, src/SharpSpring.php, `cria_lista`); the answer follows the other creates:
 * `creates: [{success, error, id}]` [INFER]. 206 without a name, 205 for a value that is not text.
 */
export function createList(ctx: SharpSpringContext, params: Params): MethodResult {
  const name = params.name
  if (name === undefined || name === null || name === '') return apiError(206, { missing: ['name'] })
  if (typeof name !== 'string') return apiError(205, { field: 'name', expected: 'text' })
  const description = params.description ?? ''
  if (typeof description !== 'string') return apiError(205, { field: 'description', expected: 'text' })
  const id = ctx.newId()
  const now = sqlTimestamp(ctx.now)
  ctx.state.tables.list.set(String(id), {
    id: String(id),
    name,
    description,
    createTimestamp: now,
    updateTimestamp: now,
  })
  return { kind: 'write', key: 'creates', items: [itemOk(id)] }
}

/**
 * `updateList`: `id` and a new `name` and/or `description` [INFER: the method is in SharpSpring's list of
 * methods; its parameters mirror `createList`'s]. An unknown list is 205, a change of nothing 302, both for
 * the call as the single list methods answer [INFER].
 */
export function updateList(ctx: SharpSpringContext, params: Params): MethodResult {
  if (params.id == null || params.id === '') return apiError(206, { missing: ['id'] })
  const list = ctx.state.tables.list.get(String(params.id))
  if (list === undefined) return apiError(205, { field: 'id', reason: 'no such list' })
  const changes: Row = {}
  for (const name of ['name', 'description'] as const) {
    const value = params[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || (name === 'name' && value === ''))
      return apiError(205, { field: name, expected: 'text' })
    if (list[name] !== value) changes[name] = value
  }
  if (Object.keys(changes).length === 0) return apiError(302)
  Object.assign(list, changes, { updateTimestamp: sqlTimestamp(ctx.now) })
  return { kind: 'write', key: 'updates', items: [itemOk()] }
}

/**
 * `deleteList`: `objects: [{id}]` (dllobell/sharpspring-api, src/SharpspringClient.php) → `deletes`; an unknown
 * list is 302 [INFER]. Its memberships go with it.
 */
export function deleteList(ctx: SharpSpringContext, params: Params): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object): WriteItem => {
    if (object.id == null || object.id === '') return itemError(206, { missing: ['id'] })
    const id = String(object.id)
    if (!ctx.state.tables.list.delete(id)) return itemError(302)
    const members = ctx.state.tables.listMember
    for (const [memberId, member] of members) if (member.listID === id) members.delete(memberId)
    return itemOk()
  })
  return { kind: 'write', key: 'deletes', items }
}

/**
 * `getActiveLists`: `where` required though documented as optional (key `id`), `limit`, `offset` → `activeList`
 * (rmuit/sharpspring-restapi, src/Connection.php; SAMPLE getActiveLists), each with its counts and its
 * `createTimestamp` in the call's zone.
 */
export function getActiveLists(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = readWhere(params, { keys: ['id'] })
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const lists = [...ctx.state.tables.list.values()].filter((list) =>
    passes(where.conditions, (key) => list[key]),
  )
  const page = lists.slice(window.offset, window.offset + window.limit).map((list) => {
    const { memberCount, removedCount } = listCounts(ctx, list.id ?? '')
    return {
      id: list.id,
      name: list.name,
      memberCount: String(memberCount),
      removedCount: String(removedCount),
      createTimestamp: shownTime(ctx, list.createTimestamp),
      description: list.description,
    }
  })
  return { kind: 'read', result: { activeList: page } }
}
