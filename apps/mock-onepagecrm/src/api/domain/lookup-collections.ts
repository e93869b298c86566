import { type ApiResult, accountLimit, invalid, notFound, ok } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import type { CrmState } from './records.js'

// The account's lookups (statuses, lead sources, custom fields, predefined actions and items, relationship
// types …) all work alike: list, create, get, update (`partial=true` keeps what is left out, as the
// developer portal's "Partial Updates" says; without it what is left out returns to its default), delete.
// A collection names its records and its own rules; these functions do the rest, and refuse before changing
// anything.

/** One kind of account record and its rules. */
export interface Collection<R extends { readonly id: string }> {
  /** Its name in a 404 ("Couldn't find status for id, …") and in a Rails-style wrapped body. */
  readonly resource: string
  /** What an account-limit 403 calls them ("custom fields"). */
  readonly plural: string
  readonly records: (state: CrmState) => Map<string, R>
  /** The most an account keeps: the spec's where it gives one, else inferred. */
  readonly limit: number
  /** A record as a body, which a partial update starts from. */
  readonly writable: (record: R) => JsonObject
  /**
   * The record the fields describe (`existing` is the one updated, undefined on create); faults go to
   * `fields`. `id` is the new id on create.
   */
  readonly read: (fields: BodyFields, ctx: CrmContext, existing: R | undefined, id: string) => R
  /** Rules across records, once the fields are valid: a failure, or nothing. */
  readonly check?: (ctx: CrmContext, record: R, existing: R | undefined) => ApiResult<never> | undefined
  /** Why it may not be deleted, if it may not. */
  readonly removable?: (ctx: CrmContext, record: R) => ApiResult<never> | undefined
  /** What else changes when it goes (references to it cleared). */
  readonly onRemove?: (ctx: CrmContext, record: R) => void
  /** What else changes when it is updated. */
  readonly onUpdate?: (ctx: CrmContext, before: R, after: R) => void
  /** Listing order; insertion (creation) order without one. */
  readonly compare?: (a: R, b: R) => number
}

export function listRecords<R extends { readonly id: string }>(
  ctx: CrmContext,
  collection: Collection<R>,
): R[] {
  const records = [...collection.records(ctx.state).values()]
  return collection.compare === undefined ? records : records.sort(collection.compare)
}

export function getRecord<R extends { readonly id: string }>(
  ctx: CrmContext,
  collection: Collection<R>,
  id: string,
): ApiResult<R> {
  const record = collection.records(ctx.state).get(id)
  return record === undefined ? notFound(collection.resource, id) : ok(record)
}

export function createRecord<R extends { readonly id: string }>(
  ctx: CrmContext,
  collection: Collection<R>,
  body: JsonObject,
): ApiResult<R> {
  const records = collection.records(ctx.state)
  if (records.size >= collection.limit) return accountLimit(collection.plural, collection.limit)
  const fields = new BodyFields(unwrapBody(body, collection.resource))
  const record = collection.read(fields, ctx, undefined, ctx.newId())
  if (!fields.valid) return invalid(fields.errors)
  const refused = collection.check?.(ctx, record, undefined)
  if (refused !== undefined) return refused
  records.set(record.id, record)
  return ok(record)
}

export function updateRecord<R extends { readonly id: string }>(
  ctx: CrmContext,
  collection: Collection<R>,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<R> {
  const records = collection.records(ctx.state)
  const existing = records.get(id)
  if (existing === undefined) return notFound(collection.resource, id)
  const sent = unwrapBody(body, collection.resource)
  const fields = new BodyFields(partial ? { ...collection.writable(existing), ...sent } : sent)
  const record = collection.read(fields, ctx, existing, id)
  if (!fields.valid) return invalid(fields.errors)
  const refused = collection.check?.(ctx, record, existing)
  if (refused !== undefined) return refused
  records.set(id, record)
  collection.onUpdate?.(ctx, existing, record)
  return ok(record)
}

export function deleteRecord<R extends { readonly id: string }>(
  ctx: CrmContext,
  collection: Collection<R>,
  id: string,
): ApiResult<R> {
  const records = collection.records(ctx.state)
  const record = records.get(id)
  if (record === undefined) return notFound(collection.resource, id)
  const refused = collection.removable?.(ctx, record)
  if (refused !== undefined) return refused
  records.delete(id)
  collection.onRemove?.(ctx, record)
  return ok(record)
}

/** Compares text as people sort names: case and accents aside. */
export const byText = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })
