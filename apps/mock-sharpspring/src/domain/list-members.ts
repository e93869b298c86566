import { type Failure, failure } from './failure.js'
import {
  apiError,
  itemOk,
  type MethodResult,
  type Params,
  readObjects,
  readWindow,
  type WriteItem,
} from './method-result.js'
import { notEmulatedData } from './not-emulated.js'
import { type Row, type SharpSpringContext, sqlTimestamp } from './state.js'
import { readWhere } from './where-clause.js'

// A list's members: the ListMember, ActiveListMember and RemovedListMember tables of SharpSpring's schema
// https://knowledgebase.constantcontact.com/lead-gen-crm/articles/KnowledgeBase/50880-Understanding-Lead-Gen-CRM-Open-API-Schema-Lists?lang=en_US
// A membership row is kept as `{id, listID, memberID, isRemoved, createTimestamp, updateTimestamp}`; a member
// whose lead is unsubscribed counts as removed and reads `isUnsubscribed` "1"; the mock sends no email, so
// no member is ever `hardBounced` [INFER].

/** How a member is named: by lead id (`addListMember`…) or by email address (`…EmailAddress`). */
export type MemberKey = 'memberID' | 'emailAddress'

const sameEmail = (a: string | null | undefined, b: string) =>
  a != null && a.toLowerCase() === b.toLowerCase()

/** A membership as reads see it: removed when taken off the list or when its lead unsubscribed. */
function standing(ctx: SharpSpringContext, member: Row) {
  const lead = ctx.state.objects.lead.get(member.memberID ?? '')
  const isUnsubscribed = lead?.isUnsubscribed === '1' ? '1' : '0'
  return { lead, isUnsubscribed, removed: member.isRemoved === '1' || isUnsubscribed === '1' }
}

/** `memberCount` and `removedCount` of a list (lists.ts). */
export function listCounts(ctx: SharpSpringContext, listId: string) {
  let memberCount = 0
  let removedCount = 0
  for (const member of ctx.state.tables.listMember.values()) {
    if (member.listID !== listId) continue
    if (standing(ctx, member).removed) removedCount++
    else memberCount++
  }
  return { memberCount, removedCount }
}

/** The list and lead an object names, or the failure naming what is wrong. */
function resolve(
  ctx: SharpSpringContext,
  object: Params,
  key: MemberKey,
): { ok: true; listId: string; lead: Row } | { ok: false; failure: Failure } {
  const unknown = Object.keys(object).filter((name) => name !== 'listID' && name !== key)
  if (unknown.length > 0)
    return { ok: false, failure: failure(205, notEmulatedData(unknown, ['listID', key])) }
  const missing = ['listID', key].filter((name) => object[name] == null || object[name] === '')
  if (missing.length > 0) return { ok: false, failure: failure(206, { missing }) }
  const listId = object.listID
  const value = object[key]
  if (
    (typeof listId !== 'string' && typeof listId !== 'number') ||
    (typeof value !== 'string' && typeof value !== 'number')
  )
    return {
      ok: false,
      failure: failure(205, { listID: 'an id', [key]: key === 'memberID' ? 'an id' : 'an email address' }),
    }
  if (!ctx.state.tables.list.has(String(listId)))
    return { ok: false, failure: failure(205, { field: 'listID', reason: 'no such list' }) }
  const lead =
    key === 'memberID'
      ? ctx.state.objects.lead.get(String(value))
      : [...ctx.state.objects.lead.values()].find((row) => sameEmail(row.emailAddress, String(value)))
  // "The lead you tried to add does not exist for this account." [DOC 214]
  if (lead === undefined) return { ok: false, failure: failure(214) }
  return { ok: true, listId: String(listId), lead }
}

const membershipOf = (ctx: SharpSpringContext, listId: string, leadId: string | null | undefined) =>
  [...ctx.state.tables.listMember.values()].find(
    (member) => member.listID === listId && member.memberID === leadId,
  )

/**
 * Adds one lead to one list: 213 when it is a member already [DOC]; one removed from the list comes back
 * under its membership id [INFER]. The created item's `id` is the membership's [SAMPLE addListMember].
 */
function addOne(ctx: SharpSpringContext, object: Params, key: MemberKey): WriteItem {
  const found = resolve(ctx, object, key)
  if (!found.ok) return { success: false, error: found.failure }
  const now = sqlTimestamp(ctx.now)
  const existing = membershipOf(ctx, found.listId, found.lead.id)
  if (existing !== undefined) {
    if (existing.isRemoved !== '1') return { success: false, error: failure(213) }
    Object.assign(existing, { isRemoved: '0', updateTimestamp: now })
    return itemOk(Number(existing.id))
  }
  const id = ctx.newId()
  ctx.state.tables.listMember.set(String(id), {
    id: String(id),
    listID: found.listId,
    memberID: found.lead.id ?? null,
    isRemoved: '0',
    createTimestamp: now,
    updateTimestamp: now,
  })
  return itemOk(id)
}

/** Takes one lead off one list (`isRemoved` "1"); 302 when it is not on it, or counts as removed already [INFER]. */
function removeOne(ctx: SharpSpringContext, object: Params, key: MemberKey): WriteItem {
  const found = resolve(ctx, object, key)
  if (!found.ok) return { success: false, error: found.failure }
  const existing = membershipOf(ctx, found.listId, found.lead.id)
  if (existing === undefined || standing(ctx, existing).removed)
    return { success: false, error: failure(302) }
  Object.assign(existing, { isRemoved: '1', updateTimestamp: sqlTimestamp(ctx.now) })
  return itemOk()
}

/**
 * `addListMembers` / `addListMembersEmailAddress` and the two `remove…` ones: `objects` of `{listID,
 * memberID}` or `{listID, emailAddress}`, up to 500 (dllobell/sharpspring-api, src/SharpspringClient.php;
 * angelopublio/sharpspring-api, src/SharpSpring.php), each answered on its own: `creates` for additions
 * [SAMPLE addListMember], `deletes` for removals [INFER].
 */
export function changeMembers(
  ctx: SharpSpringContext,
  params: Params,
  key: MemberKey,
  change: 'add' | 'remove',
): MethodResult {
  const read = readObjects(params)
  if (!read.ok) return read.result
  const items = read.objects.map((object) =>
    change === 'add' ? addOne(ctx, object, key) : removeOne(ctx, object, key),
  )
  return { kind: 'write', key: change === 'add' ? 'creates' : 'deletes', items }
}

/**
 * `addListMember` / `addListMemberEmailAddress` and the two `remove…` ones: one `listID` and one `memberID`
 * or `emailAddress` as parameters [SAMPLE addListMember]. A refusal is the call's error, as a public client
 * reads 213 from `error.message` [INFER]; a success the one item.
 */
export function changeMember(
  ctx: SharpSpringContext,
  params: Params,
  key: MemberKey,
  change: 'add' | 'remove',
): MethodResult {
  const item = change === 'add' ? addOne(ctx, params, key) : removeOne(ctx, params, key)
  if (item.error !== null) return { kind: 'error', failure: item.error }
  return { kind: 'write', key: change === 'add' ? 'creates' : 'deletes', items: [item] }
}

/** `where.id` of the member reads: required, one list id [CLIENT rmuit]. */
function listOfWhere(params: Params, keys: readonly string[]) {
  const where = readWhere(params, { keys })
  if (!where.ok) return where
  const id = where.conditions.find((condition) => condition.key === 'id')
  if (id === undefined) return { ok: false as const, result: apiError(206, { missing: ['where.id'] }) }
  return { ok: true as const, listId: id.values[0] ?? '', conditions: where.conditions }
}

/** A page of rows, with whether more follow, as the `getWhere…` reads answer. */
function paged(params: Params, rows: Row[], key: string): MethodResult {
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const page = rows.slice(window.offset, window.offset + window.limit)
  return { kind: 'read', result: { [key]: page }, hasMore: rows.length > window.offset + window.limit }
}

/**
 * `getListMembers`: `where.id` (a list; an unknown one gives no members), `limit`, `offset` →
 * `getWherelistMemberGets` with `hasMore` (SAMPLE getListMembers; rmuit/sharpspring-restapi, src/Connection.php).
 */
export function getListMembers(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = listOfWhere(params, ['id'])
  if (!where.ok) return where.result
  const rows = [...ctx.state.tables.listMember.values()].flatMap((member): Row[] => {
    if (member.listID !== where.listId) return []
    const { lead, removed } = standing(ctx, member)
    if (removed || lead === undefined) return []
    return [
      {
        id: member.id ?? '',
        listID: member.listID,
        companyName: lead.companyName ?? '',
        leadID: lead.id ?? '',
        firstName: lead.firstName ?? '',
        lastName: lead.lastName ?? '',
        emailAddress: lead.emailAddress ?? '',
      },
    ]
  })
  return paged(params, rows, 'getWherelistMemberGets')
}

/** `getRemovedListMembers`' `where.flag` values; `removed` by default; any other gives none [CLIENT rmuit]. */
const FLAGS: Record<string, 'isRemoved' | 'isUnsubscribed' | 'hardBounced'> = {
  removed: 'isRemoved',
  unsubscribed: 'isUnsubscribed',
  hardbounced: 'hardBounced',
}

/**
 * `getRemovedListMembers`: `where.id` and `where.flag`, `limit`, `offset` → `getWherelistLeadMembers` with
 * `hasMore`; its name and email keys are lower-case (`firstname`, `emailaddress`), as SharpSpring answers them
 * (SAMPLE getRemovedListMembers; rmuit/sharpspring-restapi, src/Connection.php).
 */
export function getRemovedListMembers(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = listOfWhere(params, ['id', 'flag'])
  if (!where.ok) return where.result
  const flag = where.conditions.find((condition) => condition.key === 'flag')?.values[0] ?? 'removed'
  const column = FLAGS[flag]
  const rows = [...ctx.state.tables.listMember.values()].flatMap((member): Row[] => {
    if (member.listID !== where.listId || column === undefined) return []
    const { lead, isUnsubscribed, removed } = standing(ctx, member)
    const row: Row = {
      listMemberID: member.id ?? '',
      listID: member.listID,
      isRemoved: removed ? '1' : '0',
      isUnsubscribed,
      hardBounced: '0',
      leadID: member.memberID ?? '',
      firstname: lead?.firstName ?? '',
      lastname: lead?.lastName ?? '',
      emailaddress: lead?.emailAddress ?? '',
    }
    return row[column] === '1' ? [row] : []
  })
  return paged(params, rows, 'getWherelistLeadMembers')
}

/**
 * `getContactListMemberships`: `where.contactID` (a lead id) → `listMember`: every list it is or was on, as
 * `{id, listID, memberID, isRemoved}` (SAMPLE getContactListMemberships; dllobell/sharpspring-api). Removed
 * memberships are listed too [INFER].
 */
export function getContactListMemberships(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = readWhere(params, { keys: ['contactID'] })
  if (!where.ok) return where.result
  const contact = where.conditions[0]?.values[0]
  if (contact === undefined) return apiError(206, { missing: ['where.contactID'] })
  const rows = [...ctx.state.tables.listMember.values()]
    .filter((member) => member.memberID === contact && ctx.state.tables.list.has(member.listID ?? ''))
    .map((member) => ({
      id: member.id,
      listID: member.listID,
      memberID: member.memberID,
      isRemoved: standing(ctx, member).removed ? '1' : '0',
    }))
  return { kind: 'read', result: { listMember: rows } }
}
