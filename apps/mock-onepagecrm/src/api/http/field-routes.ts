import type { ApiDeps } from '../api-deps.js'
import {
  FIELD_KINDS,
  FIELD_SINGULAR,
  type FieldKind,
  fieldCollections,
  listFields,
} from '../domain/custom-fields.js'
import type { CustomFieldRecord } from '../domain/records.js'
import { addCrudRoutes } from './crud-routes.js'
import { fieldView } from './field-views.js'
import type { OperationRoutes } from './operation-routes.js'

const NAME: Record<FieldKind, string> = {
  custom_fields: 'CustomField',
  company_fields: 'CompanyField',
  deal_fields: 'DealField',
}

/**
 * Custom, company and deal fields: list (`sort_by`, `order`, paged), create, get, update, delete; each record
 * under its singular (`{custom_field: …}`), the list as `{custom_fields: [{custom_field}], …paging}` (the
 * spec; the developer portal's Custom Fields sample).
 */
export function addFieldRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  for (const kind of FIELD_KINDS) {
    const singular = FIELD_SINGULAR[kind]
    const one = (field: CustomFieldRecord) => ({ [singular]: fieldView(kind, field) })
    addCrudRoutes(routes, deps, {
      collection: fieldCollections[kind],
      ids: {
        list: `list${NAME[kind]}s`,
        create: `create${NAME[kind]}`,
        get: `get${NAME[kind]}`,
        update: `update${NAME[kind]}`,
        delete: `delete${NAME[kind]}`,
      },
      idParam: `${singular}_id`,
      // `id` is read-only: ignored, as the schema's `readOnly` says.
      body: ['id', 'name', 'type', 'position', 'choices'],
      listQuery: ['sort_by', 'order', 'page', 'per_page'],
      list: (c, ctx) => {
        const result = listFields(ctx, kind, c.req.query())
        if (!result.ok) return result
        const { items, ...page } = result.value
        return { ok: true, value: { [kind]: items.map(one), ...page } }
      },
      one: (_c, field) => one(field),
    })
  }
}
