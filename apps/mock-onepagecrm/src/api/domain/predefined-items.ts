import { invalid } from './api-failures.js'
import type { Collection } from './lookup-collections.js'
import { checkMembers, nextPosition, readIds } from './predefined-actions.js'
import type { CrmState, PredefinedItemGroupRecord, PredefinedItemRecord } from './records.js'

// Predefined items (products or services deals use as line items) and their groups: the spec's
// Predefined_item and Predefined_item_group and their operations (https://github.com/OnePageCRM/swagger).

/** The group holding a predefined item, if any. */
export function groupOfItem(state: CrmState, itemId: string): PredefinedItemGroupRecord | undefined {
  for (const group of state.predefined_item_groups.values()) if (group.item_ids.includes(itemId)) return group
  return undefined
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * `name` required and unique on the account (compared without case, inferred), `description`, `cost`,
 * `price` reset to their defaults when a full update leaves them out; at most 1000 per account (the spec's
 * createPredefinedItem). Lengths are inferred. Deleting one takes it out of its group; deals keep their own
 * copies.
 */
export const predefinedItems: Collection<PredefinedItemRecord> = {
  resource: 'predefined_item',
  plural: 'predefined items',
  records: (state) => state.predefined_items,
  limit: 1000,
  writable: ({ name, description, cost, price }) => ({ name, description, cost, price }),
  read: (fields, ctx, existing, id) => ({
    id,
    name: fields.string('name', { required: true, max: 255 }) ?? '',
    description: fields.string('description', { max: 10240 }) ?? '',
    cost: fields.number('cost', { min: 0 }) ?? 0,
    price: fields.number('price', { min: 0 }) ?? 0,
    position: existing?.position ?? nextPosition(ctx.state.predefined_items.values()) + 1,
  }),
  check: (ctx, item) => {
    for (const other of ctx.state.predefined_items.values()) {
      if (other.id !== item.id && sameName(other.name, item.name))
        return invalid({ name: 'name has already been taken' })
    }
    return undefined
  },
  onRemove: (ctx, item) => {
    const group = groupOfItem(ctx.state, item.id)
    if (group === undefined) return
    ctx.state.predefined_item_groups.set(group.id, {
      ...group,
      item_ids: group.item_ids.filter((id) => id !== item.id),
    })
  },
}

/** The most items a group bundles ("up to 200"). */
const MAX_GROUP_ITEMS = 200

/**
 * `name` required and unique, `deal_items` the predefined items it bundles (1 to 200, in no other group,
 * inferred). No update is documented. Deleting a group keeps its items.
 */
export const predefinedItemGroups: Collection<PredefinedItemGroupRecord> = {
  resource: 'predefined_item_group',
  plural: 'predefined item groups',
  records: (state) => state.predefined_item_groups,
  limit: 200,
  writable: ({ name, item_ids }) => ({ name, deal_items: item_ids }),
  read: (fields, ctx, existing, id) => {
    const item_ids = readIds(fields, 'deal_items', 1)
    if (item_ids.length > MAX_GROUP_ITEMS)
      fields.fail('deal_items', `deal_items are too many (maximum is ${MAX_GROUP_ITEMS})`)
    return {
      id,
      name: fields.string('name', { required: true, max: 255 }) ?? '',
      position: existing?.position ?? nextPosition(ctx.state.predefined_item_groups.values()) + 1,
      item_ids,
    }
  },
  check: (ctx, group) => {
    for (const other of ctx.state.predefined_item_groups.values()) {
      if (other.id !== group.id && sameName(other.name, group.name))
        return invalid({ name: 'name has already been taken' })
    }
    return checkMembers(group.id, group.item_ids, 'deal_items', (itemId) => ({
      exists: ctx.state.predefined_items.has(itemId),
      groupId: groupOfItem(ctx.state, itemId)?.id,
    }))
  },
}
