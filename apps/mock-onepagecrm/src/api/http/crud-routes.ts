import type { ApiDeps } from '../api-deps.js'
import type { ApiResult } from '../domain/api-failures.js'
import type { CrmContext } from '../domain/crm-context.js'
import {
  type Collection,
  createRecord,
  deleteRecord,
  getRecord,
  updateRecord,
} from '../domain/lookup-collections.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial } from './request-context.js'

/** The operations of one collection (`domain/lookup-collections.ts`) and how its answers look. */
export interface CrudRoutes<R extends { readonly id: string }> {
  readonly collection: Collection<R>
  /** The vendor's operation ids; an operation left out stays refused. */
  readonly ids: {
    readonly list?: string
    readonly create?: string
    readonly get?: string
    readonly update?: string
    readonly delete?: string
  }
  /** The path parameter naming a record (`status_id`). */
  readonly idParam: string
  /** The documented body fields create and update honour. */
  readonly body: readonly string[]
  /** The documented query parameters the list honours. */
  readonly listQuery?: readonly string[]
  /** `data` of a list, from the request (its query) and the domain's context. */
  readonly list?: (c: ApiContext, ctx: CrmContext) => ApiResult<unknown> | Promise<ApiResult<unknown>>
  /** `data` of a single record's answer (get, create, update). */
  readonly one: (c: ApiContext, record: R) => unknown
  /** `data` of a create, when it differs from `one`'s. */
  readonly created?: (c: ApiContext, record: R) => unknown
}

/** Registers a collection's list, create, get, update (`partial=true`) and delete; delete answers `data: {}`. */
export function addCrudRoutes<R extends { readonly id: string }>(
  routes: OperationRoutes,
  deps: ApiDeps,
  spec: CrudRoutes<R>,
): void {
  const { collection, ids } = spec
  const id = (c: ApiContext) => c.req.param(spec.idParam) ?? ''
  const list = spec.list
  if (ids.list !== undefined && list !== undefined) {
    routes.on(ids.list, { query: spec.listQuery ?? [], read: true }, async (c) =>
      respond(c, await list(c, crmContext(c, deps)), (data) => data),
    )
  }
  if (ids.create !== undefined) {
    routes.on(ids.create, { body: spec.body }, async (c) => {
      const result = await changeWithBody(c, deps, (body) =>
        createRecord(crmContext(c, deps), collection, body),
      )
      return respond(c, result, (record) => (spec.created ?? spec.one)(c, record), true)
    })
  }
  if (ids.get !== undefined) {
    routes.on(ids.get, { read: true }, (c) =>
      respond(c, getRecord(crmContext(c, deps), collection, id(c)), (record) => spec.one(c, record)),
    )
  }
  if (ids.update !== undefined) {
    routes.on(ids.update, { query: ['partial'], body: spec.body }, async (c) => {
      const result = await changeWithBody(c, deps, (body) =>
        updateRecord(crmContext(c, deps), collection, id(c), body, isPartial(c)),
      )
      return respond(c, result, (record) => spec.one(c, record))
    })
  }
  if (ids.delete !== undefined) {
    routes.on(ids.delete, {}, async (c) =>
      respond(c, await change(deps, deleteRecord(crmContext(c, deps), collection, id(c))), () => ({})),
    )
  }
}
