import {
  type ApiResult,
  invalid,
  invalidOrMissing,
  notFound,
  ok,
  preconditionFailed,
} from './api-failures.js'
import { BodyFields, type JsonObject } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { containsText, type ListQuery, sortRecords, timeFilter } from './list-query.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { CrmState, RelationshipRecord } from './records.js'
import { booleanQuery, isSymmetrical } from './relationship-types.js'
import { isoSeconds } from './time.js'

// A contact's relationships (`/contacts/{id}/relationships`, the spec's Relationship and Related_contact,
// https://github.com/OnePageCRM/swagger): one document names both contacts, each with the variant of its
// end; "A contact can hold at most one relationship with any given other contact"; the contact in the path
// must be one of the two; a deletion is undone by the same request with `undo=true`.

type Party = RelationshipRecord['related_contacts'][number]

const live = (relationship: RelationshipRecord) => relationship.deleted_at === null

const partyOf = (relationship: RelationshipRecord, contactId: string) =>
  relationship.related_contacts.some((party) => party.contact_id === contactId)

/** The live relationship between the two contacts, other than `except`. */
function between(
  state: CrmState,
  a: string,
  b: string,
  except: string | undefined,
): RelationshipRecord | undefined {
  for (const relationship of state.relationships.values()) {
    if (
      relationship.id !== except &&
      live(relationship) &&
      partyOf(relationship, a) &&
      partyOf(relationship, b)
    ) {
      return relationship
    }
  }
  return undefined
}

/** The type and the two ends, checked: both contacts exist, differ, one is `contactId`, the variants fit the type. */
function readRelationship(
  ctx: CrmContext,
  contactId: string,
  body: JsonObject,
): ApiResult<{ relationship_type_id: string; related_contacts: Party[] }> {
  const fields = new BodyFields(body)
  const typeId = fields.id('relationship_type_id', { required: true })
  const raw = fields.raw('related_contacts')
  const parties: Party[] = []
  if (Array.isArray(raw) && raw.length === 2) {
    for (const item of raw) {
      const party = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}
      if (typeof party.contact_id !== 'string' || typeof party.variant_id !== 'string') break
      parties.push({ contact_id: party.contact_id, variant_id: party.variant_id })
    }
  }
  if (parties.length !== 2)
    fields.fail('related_contacts', 'related_contacts must hold exactly two {contact_id, variant_id}')
  if (!fields.valid || typeId === undefined) return invalid(fields.errors)
  const type = ctx.state.relationship_types.get(typeId)
  if (type === undefined) return invalid({ relationship_type_id: invalidOrMissing('relationship_type_id') })
  const [first, second] = parties as [Party, Party]
  const fault = (message: string) => invalid({ related_contacts: message })
  if (!parties.some((party) => party.contact_id === contactId))
    return fault('related_contacts must include this contact')
  if (first.contact_id === second.contact_id) return fault('a contact cannot be related to itself')
  for (const { contact_id } of parties)
    if (!ctx.state.contacts.has(contact_id)) return fault(`there is no contact ${contact_id}`)
  const variants = type.variants.map((variant) => variant.id)
  const fits = isSymmetrical(type)
    ? parties.every((party) => party.variant_id === variants[0])
    : first.variant_id !== second.variant_id && parties.every((party) => variants.includes(party.variant_id))
  if (!fits)
    return fault("each end needs a variant of the relationship type (a directional type's two, one each)")
  return ok({ relationship_type_id: typeId, related_contacts: parties })
}

/** The relationship `id` of `contactId`, deleted ones too when `deleted`: 404s, and a 400 when not a party. */
function find(
  ctx: CrmContext,
  contactId: string,
  id: string,
  deleted: boolean,
): ApiResult<RelationshipRecord> {
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const relationship = ctx.state.relationships.get(id)
  if (relationship === undefined || live(relationship) === deleted) return notFound('relationship', id)
  // "The contact in the path must be one of the two parties, otherwise the request is rejected as invalid."
  if (!partyOf(relationship, contactId))
    return invalid({ contact_id: 'this contact is not a party to the relationship' })
  return ok(relationship)
}

const ONE_PER_PAIR = 'A contact can hold at most one relationship with any given other contact.'

const alreadyRelated = () => preconditionFailed(ONE_PER_PAIR, { related_contacts: ONE_PER_PAIR })

export function createRelationship(
  ctx: CrmContext,
  contactId: string,
  body: JsonObject,
): ApiResult<RelationshipRecord> {
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const read = readRelationship(ctx, contactId, body)
  if (!read.ok) return read
  const [a, b] = read.value.related_contacts as [Party, Party]
  if (between(ctx.state, a.contact_id, b.contact_id, undefined) !== undefined) return alreadyRelated()
  // A deleted one between the same two can no longer be brought back (inferred): it goes, so deleted
  // relationships do not pile up.
  for (const old of [...ctx.state.relationships.values()]) {
    if (!live(old) && partyOf(old, a.contact_id) && partyOf(old, b.contact_id))
      ctx.state.relationships.delete(old.id)
  }
  const now = isoSeconds(ctx.now)
  const relationship: RelationshipRecord = {
    id: ctx.newId(),
    ...read.value,
    created_at: now,
    modified_at: now,
    deleted_at: null,
  }
  ctx.state.relationships.set(relationship.id, relationship)
  return ok(relationship)
}

export const getRelationship = (ctx: CrmContext, contactId: string, id: string) =>
  find(ctx, contactId, id, false)

/** "Replaces a relationship outright … The type can change and one contact can be swapped, but the path contact must remain a party." */
export function updateRelationship(
  ctx: CrmContext,
  contactId: string,
  id: string,
  body: JsonObject,
): ApiResult<RelationshipRecord> {
  const existing = find(ctx, contactId, id, false)
  if (!existing.ok) return existing
  const read = readRelationship(ctx, contactId, body)
  if (!read.ok) return read
  const [a, b] = read.value.related_contacts as [Party, Party]
  if (between(ctx.state, a.contact_id, b.contact_id, id) !== undefined) return alreadyRelated()
  const relationship: RelationshipRecord = {
    ...existing.value,
    ...read.value,
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.relationships.set(id, relationship)
  return ok(relationship)
}

/** Deletes the relationship; with `undo`, brings a deleted one back (unless the two are related again). */
export function deleteRelationship(
  ctx: CrmContext,
  contactId: string,
  id: string,
  undo: boolean,
): ApiResult<RelationshipRecord> {
  const found = find(ctx, contactId, id, undo)
  if (!found.ok) return found
  const [a, b] = found.value.related_contacts as [Party, Party]
  if (undo && between(ctx.state, a.contact_id, b.contact_id, id) !== undefined) return alreadyRelated()
  const relationship: RelationshipRecord = { ...found.value, deleted_at: undo ? null : isoSeconds(ctx.now) }
  ctx.state.relationships.set(id, relationship)
  return ok(relationship)
}

export interface RelationshipListRequest extends ListQuery, PageRequest {
  readonly relationship_type_id?: string | undefined
  readonly contact_id_filter?: string | undefined
  readonly variant_id_filter?: string | undefined
  readonly search?: string | undefined
  readonly symmetrical?: string | undefined
}

const STAMPS = {
  created_at: (relationship: RelationshipRecord) => relationship.created_at,
  modified_at: (relationship: RelationshipRecord) => relationship.modified_at,
}

/**
 * `GET /contacts/{id}/relationships`: its live relationships in creation order (or `sort_by`'s), filtered by
 * type, by another party (`contact_id_filter`), by variant, by `search` in the parties' names or the
 * variants' names, by `symmetrical` and by time; paged.
 */
export function listRelationships(
  ctx: CrmContext,
  contactId: string,
  request: RelationshipListRequest,
): ApiResult<Page<RelationshipRecord>> {
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const symmetrical = booleanQuery(request.symmetrical, 'symmetrical')
  if (!symmetrical.ok) return symmetrical
  const inWindow = timeFilter(request, { ...STAMPS, updated_at: STAMPS.modified_at }, STAMPS.modified_at)
  if (!inWindow.ok) return inWindow
  const { search } = request
  const matches = (relationship: RelationshipRecord): boolean => {
    const type = ctx.state.relationship_types.get(relationship.relationship_type_id)
    if (type === undefined || !live(relationship) || !partyOf(relationship, contactId)) return false
    if (
      request.relationship_type_id !== undefined &&
      relationship.relationship_type_id !== request.relationship_type_id
    ) {
      return false
    }
    if (request.contact_id_filter !== undefined && !partyOf(relationship, request.contact_id_filter))
      return false
    if (
      request.variant_id_filter !== undefined &&
      !relationship.related_contacts.some((party) => party.variant_id === request.variant_id_filter)
    ) {
      return false
    }
    if (symmetrical.value !== undefined && isSymmetrical(type) !== symmetrical.value) return false
    if (search !== undefined) {
      const texts = relationship.related_contacts.flatMap((party) => {
        const contact = ctx.state.contacts.get(party.contact_id)
        const variant = type.variants.find((each) => each.id === party.variant_id)
        return [`${contact?.first_name ?? ''} ${contact?.last_name ?? ''}`.trim(), variant?.name ?? '']
      })
      if (!texts.some((text) => containsText(text, search))) return false
    }
    return inWindow.value(relationship)
  }
  const sorted = sortRecords([...ctx.state.relationships.values()].filter(matches), request, STAMPS, {
    descending: false,
  })
  return sorted.ok ? ok(paginate(sorted.value, request)) : sorted
}

/** A deleted contact's relationships go with it. */
export function removeRelationshipsOf(state: CrmState, contactId: string): void {
  for (const relationship of [...state.relationships.values()]) {
    if (partyOf(relationship, contactId)) state.relationships.delete(relationship.id)
  }
}
