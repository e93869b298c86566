import type { ApiDeps } from '../api-deps.js'
import { ok } from '../domain/api-failures.js'
import { listRecords } from '../domain/lookup-collections.js'
import { paginate } from '../domain/paging.js'
import { predefinedActionGroups, predefinedActions } from '../domain/predefined-actions.js'
import { predefinedItemGroups, predefinedItems } from '../domain/predefined-items.js'
import { addCrudRoutes } from './crud-routes.js'
import type { OperationRoutes } from './operation-routes.js'
import {
  predefinedActionGroupView,
  predefinedActionView,
  predefinedItemGroupView,
  predefinedItemView,
} from './predefined-views.js'

/**
 * Predefined actions, action groups, items and item groups: each record under its singular, lists as
 * `{plural: [{singular}]}` (the spec). Items page through with `page` and `per_page`, as
 * listPredefinedItems describes (its parameters are not in the document's list); the others list whole.
 * `id` is read-only: ignored, as the schema's `readOnly` says.
 */
export function addPredefinedRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const action = (record: Parameters<typeof predefinedActionView>[1]) => ({
    predefined_action: predefinedActionView(deps.state, record),
  })
  addCrudRoutes(routes, deps, {
    collection: predefinedActions,
    ids: {
      list: 'listPredefinedActions',
      create: 'createPredefinedAction',
      get: 'getPredefinedAction',
      update: 'updatePredefinedAction',
      delete: 'deletePredefinedAction',
    },
    idParam: 'predefined_action_id',
    body: ['id', 'text', 'days'],
    list: (_c, ctx) => ok({ predefined_actions: listRecords(ctx, predefinedActions).map(action) }),
    one: (_c, record) => action(record),
  })
  const actionGroup = (record: Parameters<typeof predefinedActionGroupView>[0]) => ({
    predefined_action_group: predefinedActionGroupView(record),
  })
  addCrudRoutes(routes, deps, {
    collection: predefinedActionGroups,
    ids: {
      list: 'listPredefinedActionGroups',
      create: 'createPredefinedActionGroup',
      get: 'getPredefinedActionGroup',
      update: 'updatePredefinedActionGroup',
      delete: 'deletePredefinedActionGroup',
    },
    idParam: 'predefined_action_group_id',
    body: ['text', 'position', 'action_ids'],
    list: (_c, ctx) =>
      ok({ predefined_action_groups: listRecords(ctx, predefinedActionGroups).map(actionGroup) }),
    one: (_c, record) => actionGroup(record),
  })
  const item = (record: Parameters<typeof predefinedItemView>[1]) => ({
    predefined_item: predefinedItemView(deps.state, record),
  })
  addCrudRoutes(routes, deps, {
    collection: predefinedItems,
    ids: {
      list: 'listPredefinedItems',
      create: 'createPredefinedItem',
      get: 'getPredefinedItem',
      update: 'updatePredefinedItem',
      delete: 'deletePredefinedItem',
    },
    idParam: 'predefined_item_id',
    body: ['name', 'description', 'cost', 'price'],
    list: (c, ctx) => {
      const { items, ...page } = paginate(listRecords(ctx, predefinedItems), c.req.query())
      return ok({ predefined_items: items.map(item), ...page })
    },
    one: (_c, record) => item(record),
  })
  const itemGroup = (record: Parameters<typeof predefinedItemGroupView>[1]) =>
    predefinedItemGroupView(deps.state, record)
  addCrudRoutes(routes, deps, {
    collection: predefinedItemGroups,
    ids: {
      list: 'listPredefinedItemGroups',
      create: 'createPredefinedItemGroup',
      get: 'getPredefinedItemGroup',
      delete: 'deletePredefinedItemGroup',
    },
    idParam: 'predefined_item_group_id',
    body: ['name', 'deal_items'],
    list: (_c, ctx) =>
      ok({
        predefined_item_groups: listRecords(ctx, predefinedItemGroups).map((record) => ({
          predefined_item_group: itemGroup(record),
        })),
      }),
    one: (_c, record) => ({ predefined_item_group: itemGroup(record) }),
    // The spec's createPredefinedItemGroup answers under `predefined_item`.
    created: (_c, record) => ({ predefined_item: itemGroup(record) }),
  })
}
