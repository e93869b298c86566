import { type ApiResult, invalid, invalidOrMissing } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import type { Collection } from './lookup-collections.js'
import type { CrmState, PredefinedActionGroupRecord, PredefinedActionRecord } from './records.js'

// Predefined actions ("Saved Actions") and their groups: the spec's Predefined_action and
// Predefined_action_group and their operations (https://github.com/OnePageCRM/swagger). The account limits
// are inferred.

/** The group holding a predefined action, if any: membership is the group's, so it is always current. */
export function groupOfAction(state: CrmState, actionId: string): PredefinedActionGroupRecord | undefined {
  for (const group of state.predefined_action_groups.values())
    if (group.action_ids.includes(actionId)) return group
  return undefined
}

/**
 * `text` (≤ 140) and `days` (the due date's offset) required. Deleting one takes it out of its group, and a
 * group left with fewer than two is dissolved (the spec's deletePredefinedAction).
 */
export const predefinedActions: Collection<PredefinedActionRecord> = {
  resource: 'predefined_action',
  plural: 'predefined actions',
  records: (state) => state.predefined_actions,
  limit: 500,
  writable: ({ text, days }) => ({ text, days }),
  read: (fields, _ctx, _existing, id) => {
    if (!fields.has('days')) fields.fail('days', invalidOrMissing('days'))
    return {
      id,
      text: fields.string('text', { required: true, max: 140 }) ?? '',
      days: fields.number('days', { integer: true, min: 0 }) ?? 0,
    }
  },
  onRemove: (ctx, action) => {
    const group = groupOfAction(ctx.state, action.id)
    if (group === undefined) return
    const action_ids = group.action_ids.filter((id) => id !== action.id)
    if (action_ids.length < 2) ctx.state.predefined_action_groups.delete(group.id)
    else ctx.state.predefined_action_groups.set(group.id, { ...group, action_ids })
  },
}

/** Names longer than this are cut ("Names longer than 127 characters are truncated on save"). */
const GROUP_TEXT_MAX = 127

/**
 * `text` required (cut at 127), `action_ids` at least two existing predefined actions in no other group;
 * an update's `action_ids` replaces the membership, the actions dropped become ungrouped. A new group goes
 * last (inferred). Deleting a group keeps its actions.
 */
export const predefinedActionGroups: Collection<PredefinedActionGroupRecord> = {
  resource: 'predefined_action_group',
  plural: 'predefined action groups',
  records: (state) => state.predefined_action_groups,
  limit: 100,
  writable: ({ text, position, action_ids }) => ({ text, position, action_ids }),
  read: (fields, ctx, existing, id) => ({
    id,
    text: fields.string('text', { required: true, max: 10240 })?.slice(0, GROUP_TEXT_MAX) ?? '',
    position:
      fields.number('position', { integer: true, min: 0 }) ??
      existing?.position ??
      nextPosition(ctx.state.predefined_action_groups.values()),
    action_ids: readIds(fields, 'action_ids', 2),
  }),
  check: (ctx, group) =>
    checkMembers(group.id, group.action_ids, 'action_ids', (actionId) => ({
      exists: ctx.state.predefined_actions.has(actionId),
      groupId: groupOfAction(ctx.state, actionId)?.id,
    })),
}

/** A list of distinct ids, at least `min` of them (noted in `fields` otherwise). */
export function readIds(fields: BodyFields, name: string, min: number): string[] {
  const ids = fields.strings(name) ?? []
  if (ids.length < min || new Set(ids).size !== ids.length) fields.fail(name, invalidOrMissing(name))
  return ids
}

/** Every member exists and is in no other group. */
export function checkMembers(
  groupId: string,
  ids: readonly string[],
  name: string,
  member: (id: string) => { exists: boolean; groupId: string | undefined },
): ApiResult<never> | undefined {
  for (const id of ids) {
    const { exists, groupId: current } = member(id)
    if (!exists) return invalid({ [name]: `${name}: there is no ${id}` })
    if (current !== undefined && current !== groupId)
      return invalid({ [name]: `${name}: ${id} is in another group` })
  }
  return undefined
}

export function nextPosition(records: Iterable<{ readonly position: number }>): number {
  let next = 0
  for (const record of records) next = Math.max(next, record.position + 1)
  return next
}
