import { groupOfAction } from '../domain/predefined-actions.js'
import { groupOfItem } from '../domain/predefined-items.js'
import type {
  CrmState,
  PredefinedActionGroupRecord,
  PredefinedActionRecord,
  PredefinedItemGroupRecord,
  PredefinedItemRecord,
} from '../domain/records.js'

// Predefined actions and items and their groups as the spec renders them (https://github.com/OnePageCRM/swagger).

/** "Actions that belong to a group … carry that group's action_group_id" (the spec's listPredefinedActions). */
export function predefinedActionView(state: CrmState, action: PredefinedActionRecord) {
  const group = groupOfAction(state, action.id)
  return {
    id: action.id,
    text: action.text,
    days: action.days,
    ...(group ? { action_group_id: group.id } : {}),
  }
}

export const predefinedActionGroupView = (group: PredefinedActionGroupRecord) => ({
  id: group.id,
  text: group.text,
  position: group.position,
  action_ids: group.action_ids,
})

/** `item_group_id` is empty when the item is in no group (the spec's Predefined_item). */
export const predefinedItemView = (state: CrmState, item: PredefinedItemRecord) => ({
  id: item.id,
  name: item.name,
  description: item.description,
  cost: item.cost,
  price: item.price,
  position: item.position,
  item_group_id: groupOfItem(state, item.id)?.id ?? '',
})

/** "Its cost and price are the totals of its member items" (the spec's getPredefinedItemGroup). */
export function predefinedItemGroupView(state: CrmState, group: PredefinedItemGroupRecord) {
  const items = group.item_ids.flatMap((id) => state.predefined_items.get(id) ?? [])
  const total = (of: (item: PredefinedItemRecord) => number) =>
    Math.round(items.reduce((sum, item) => sum + of(item), 0) * 100) / 100
  return {
    id: group.id,
    name: group.name,
    position: group.position,
    count: items.length,
    item_ids: items.map((item) => item.id),
    cost: total((item) => item.cost),
    price: total((item) => item.price),
  }
}
