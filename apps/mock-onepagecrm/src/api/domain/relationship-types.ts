import { type ApiResult, invalid, invalidOrMissing, ok } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { containsText, type ListQuery, sortRecords, timeFilter } from './list-query.js'
import type { Collection } from './lookup-collections.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { RelationshipTypeRecord } from './records.js'
import { isoSeconds } from './time.js'

// Relationship types (the spec's Relationship_Type and its operations, https://github.com/OnePageCRM/swagger):
// "one variant name makes a symmetrical type (Partner/Partner), two make a directional one (Manager/Reports
// to) … An account is limited to 50 types, and variant names to 35 characters."

const VARIANT_MAX = 35

type Variant = RelationshipTypeRecord['variants'][number]

/**
 * `variants`: on create one or two names (two must differ, inferred); on update "the full set of existing
 * variant ids with new names. Variants cannot be added or removed".
 */
function readVariants(
  fields: BodyFields,
  ctx: CrmContext,
  existing: RelationshipTypeRecord | undefined,
): Variant[] {
  const raw = fields.raw('variants')
  const fault = (message: string): Variant[] => {
    fields.fail('variants', message)
    return existing?.variants.slice() ?? []
  }
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2)
    return fault('variants must hold one or two variants')
  const sent: Array<{ id?: unknown; name?: unknown }> = raw.map((item) =>
    typeof item === 'object' && item !== null ? item : {},
  )
  for (const { name } of sent) {
    if (typeof name !== 'string' || name.trim() === '') return fault('each variant needs a name')
    if (name.length > VARIANT_MAX) return fault(`a variant name is at most ${VARIANT_MAX} characters`)
  }
  if (sent.length === 2 && sent[0]?.name === sent[1]?.name)
    return fault('the two variants of a directional type differ')
  if (existing === undefined) return sent.map(({ name }) => ({ id: ctx.newId(), name: name as string }))
  const ids = existing.variants.map((variant) => variant.id)
  const sameSet =
    sent.length === ids.length && sent.every(({ id }) => typeof id === 'string' && ids.includes(id))
  if (!sameSet || new Set(sent.map(({ id }) => id)).size !== sent.length) {
    return fault('variants must name each existing variant id once: variants cannot be added or removed')
  }
  return existing.variants.map((variant) => ({
    id: variant.id,
    name: sent.find(({ id }) => id === variant.id)?.name as string,
  }))
}

export const relationshipTypes: Collection<RelationshipTypeRecord> = {
  resource: 'relationship_type',
  plural: 'relationship types',
  records: (state) => state.relationship_types,
  limit: 50,
  writable: ({ variants }) => ({ variants }),
  read: (fields, ctx, existing, id) => {
    const now = isoSeconds(ctx.now)
    return {
      id,
      variants: readVariants(fields, ctx, existing),
      created_at: existing?.created_at ?? now,
      modified_at: now,
    }
  },
  // "Deletes a relationship type and every relationship using it — including ones that were soft-deleted".
  onRemove: (ctx, type) => {
    for (const relationship of [...ctx.state.relationships.values()]) {
      if (relationship.relationship_type_id === type.id) ctx.state.relationships.delete(relationship.id)
    }
  },
}

export const isSymmetrical = (type: RelationshipTypeRecord): boolean => type.variants.length === 1

export interface RelationshipTypeListRequest extends ListQuery, PageRequest {
  readonly search?: string | undefined
  readonly symmetrical?: string | undefined
}

const STAMPS = {
  created_at: (type: RelationshipTypeRecord) => type.created_at,
  modified_at: (type: RelationshipTypeRecord) => type.modified_at,
}

/**
 * `GET /relationship_types`: in creation order, or as `sort_by` says; `search` in the variants' names,
 * `symmetrical` true or false, the time filters (`list-query.ts`); paged.
 */
export function listRelationshipTypes(
  ctx: CrmContext,
  request: RelationshipTypeListRequest,
): ApiResult<Page<RelationshipTypeRecord>> {
  const symmetrical = booleanQuery(request.symmetrical, 'symmetrical')
  if (!symmetrical.ok) return symmetrical
  const inWindow = timeFilter(request, { ...STAMPS, updated_at: STAMPS.modified_at }, STAMPS.modified_at)
  if (!inWindow.ok) return inWindow
  const { search } = request
  const matching = [...ctx.state.relationship_types.values()].filter(
    (type) =>
      (symmetrical.value === undefined || isSymmetrical(type) === symmetrical.value) &&
      (search === undefined || type.variants.some((variant) => containsText(variant.name, search))) &&
      inWindow.value(type),
  )
  const sorted = sortRecords(matching, request, STAMPS, { descending: false })
  return sorted.ok ? ok(paginate(sorted.value, request)) : sorted
}

/** A boolean query parameter: `true`/`1` or `false`/`0`. */
export function booleanQuery(value: string | undefined, name: string): ApiResult<boolean | undefined> {
  if (value === undefined || value === '') return ok(undefined)
  if (value === 'true' || value === '1') return ok(true)
  if (value === 'false' || value === '0') return ok(false)
  return invalid({ [name]: invalidOrMissing(name) })
}
