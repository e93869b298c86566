import type { ApiDeps } from '../api-deps.js'
import { ok } from '../domain/api-failures.js'
import { listRelationshipTypes, relationshipTypes } from '../domain/relationship-types.js'
import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  listRelationships,
  updateRelationship,
} from '../domain/relationships.js'
import type { ApiContext } from './api-env.js'
import { addCrudRoutes } from './crud-routes.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { relationshipTypeView, relationshipView } from './relationship-views.js'
import { change, changeWithBody, crmContext, viewContext } from './request-context.js'

const TIME_QUERY = [
  'date_filter',
  'since',
  'until',
  'modified_since',
  'unmodified_since',
  'sort_by',
  'order',
  'page',
  'per_page',
]

/**
 * Relationship types (a create answers a one-item list, `data.relationship_types`, as the spec documents)
 * and a contact's relationships (`/contacts/{id}/relationships`, with `undo=true` on delete).
 */
export function addRelationshipRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const one = (type: Parameters<typeof relationshipTypeView>[0]) => ({
    relationship_type: relationshipTypeView(type),
  })
  addCrudRoutes(routes, deps, {
    collection: relationshipTypes,
    ids: {
      list: 'listRelationshipTypes',
      create: 'createRelationshipType',
      get: 'getRelationshipType',
      update: 'updateRelationshipType',
      delete: 'deleteRelationshipType',
    },
    idParam: 'relationship_type_id',
    body: ['variants'],
    listQuery: ['search', 'symmetrical', ...TIME_QUERY],
    list: (c, ctx) => {
      const result = listRelationshipTypes(ctx, c.req.query())
      if (!result.ok) return result
      const { items, ...page } = result.value
      return ok({ relationship_types: items.map(one), ...page })
    },
    one: (_c, type) => one(type),
    created: (_c, type) => ({ relationship_types: [one(type)] }),
  })

  const contactId = (c: ApiContext) => c.req.param('contact_id') ?? ''
  const relationshipId = (c: ApiContext) => c.req.param('relationship_id') ?? ''
  const render = (c: ApiContext) => async (relationship: Parameters<typeof relationshipView>[1]) => ({
    relationship: await relationshipView(viewContext(c, deps), relationship),
  })
  routes.on(
    'listContactRelationships',
    {
      query: [
        'relationship_type_id',
        'contact_id_filter',
        'variant_id_filter',
        'search',
        'symmetrical',
        ...TIME_QUERY,
      ],
    },
    (c) =>
      respond(
        c,
        listRelationships(crmContext(c, deps), contactId(c), c.req.query()),
        async ({ items, ...page }) => ({
          relationships: await Promise.all(items.map(render(c))),
          ...page,
        }),
      ),
  )
  routes.on(
    'createContactRelationship',
    { body: ['relationship_type_id', 'related_contacts'] },
    async (c) => {
      const result = await changeWithBody(c, deps, (body) =>
        createRelationship(crmContext(c, deps), contactId(c), body),
      )
      return respond(c, result, render(c), true)
    },
  )
  routes.on('getContactRelationship', {}, (c) =>
    respond(c, getRelationship(crmContext(c, deps), contactId(c), relationshipId(c)), render(c)),
  )
  // "Replaces a relationship outright": `partial` is not honoured.
  routes.on(
    'updateContactRelationship',
    { body: ['relationship_type_id', 'related_contacts'] },
    async (c) => {
      const result = await changeWithBody(c, deps, (body) =>
        updateRelationship(crmContext(c, deps), contactId(c), relationshipId(c), body),
      )
      return respond(c, result, render(c))
    },
  )
  routes.on('deleteContactRelationship', { query: ['undo'] }, async (c) => {
    const undo = ['1', 'true'].includes(c.req.query('undo') ?? '')
    const result = deleteRelationship(crmContext(c, deps), contactId(c), relationshipId(c), undo)
    return respond(c, await change(deps, result), () => ({}))
  })
}
