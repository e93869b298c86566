import { failure } from './failure.js'
import { itemOk, type MethodResult, type Params } from './method-result.js'
import { notEmulatedData } from './not-emulated.js'
import { type SharpSpringContext, sqlTimestamp } from './state.js'
import type { TableName } from './tables.js'
import { zoneToUtc } from './time-zone.js'

/**
 * The records the API only reads: the account's users, the companies it manages, unsubscribe categories,
 * list tags, emails and email jobs. The demo data and seeds make them; each is a row of its columns.
 * Tables of SharpSpring's schema:
 * https://help.sharpspring.com/hc/en-us/articles/115003079951-Understanding-SharpSpring-Open-API-Schema
 */
export interface CatalogSpec {
  readonly table: TableName
  /** The seed list that makes them. */
  readonly seedKey: string
  /** The columns reads give, in order, `id` first. */
  readonly columns: readonly string[]
  /** The columns a seed row must give. */
  readonly required: readonly string[]
  /** Columns that are date-times: kept in UTC, shown in the call's zone; a seed row's default is its making. */
  readonly timestamps: readonly string[]
}

/** UserProfile, as dllobell/sharpspring-api, src/Models/UserProfile.php and SAMPLE getUserProfiles read it. */
export const USER_PROFILES: CatalogSpec = {
  table: 'userProfile',
  seedKey: 'userProfiles',
  columns: [
    'id',
    'firstName',
    'lastName',
    'displayName',
    'emailAddress',
    'isActive',
    'isReseller',
    'userTimezone',
    'phone',
  ],
  required: ['emailAddress'],
  timestamps: [],
}

/** Client, a company managed by a partner account (dllobell/sharpspring-api, src/Models/Client.php). */
export const CLIENTS: CatalogSpec = {
  table: 'client',
  seedKey: 'clients',
  columns: ['id', 'companyName', 'streetAddress', 'zipCode', 'country', 'state', 'city'],
  required: ['companyName'],
  timestamps: [],
}

/** UnsubscribeCategory: its columns are not public [INFER: a name and a description]. */
export const UNSUBSCRIBE_CATEGORIES: CatalogSpec = {
  table: 'unsubscribeCategory',
  seedKey: 'unsubscribeCategories',
  columns: ['id', 'name', 'description'],
  required: ['name'],
  timestamps: [],
}

/** ListTag (dllobell/sharpspring-api, src/Models/ListTag.php). */
export const LIST_TAGS: CatalogSpec = {
  table: 'listTag',
  seedKey: 'listTags',
  columns: ['id', 'label', 'objectType'],
  required: ['label'],
  timestamps: [],
}

/** EmailListing (SAMPLE getEmailListing; dllobell/sharpspring-api, src/Models/EmailListing.php). */
export const EMAIL_LISTINGS: CatalogSpec = {
  table: 'emailListing',
  seedKey: 'emailListings',
  columns: ['id', 'createTimestamp', 'title', 'subject', 'thumbnail'],
  required: ['title'],
  timestamps: ['createTimestamp'],
}

/** EmailJob, a send of an email to a list or a lead [INFER: the columns a public client reads]. */
export const EMAIL_JOBS: CatalogSpec = {
  table: 'emailJob',
  seedKey: 'emailJobs',
  columns: ['id', 'isList', 'isActive', 'recipientID', 'sendCount', 'createTimestamp'],
  required: ['recipientID'],
  timestamps: ['createTimestamp'],
}

export const CATALOGS: readonly CatalogSpec[] = [
  USER_PROFILES,
  CLIENTS,
  UNSUBSCRIBE_CATEGORIES,
  LIST_TAGS,
  EMAIL_LISTINGS,
  EMAIL_JOBS,
]

/**
 * Adds one row (a seed's or the demo's): its keys among the columns, the required ones given, every value
 * text, a number or null; date-times `Y-m-d H:i:s` in UTC. Answers like a create, so seeds report it alike.
 */
export function addCatalogRow(ctx: SharpSpringContext, spec: CatalogSpec, entry: Params): MethodResult {
  // The row's id is new (a seed gives its own through ctx.newId): `id` is no column to set here.
  const unknown = Object.keys(entry).filter((name) => name === 'id' || !spec.columns.includes(name))
  if (unknown.length > 0)
    return { kind: 'error', failure: failure(205, notEmulatedData(unknown, spec.columns.slice(1))) }
  const missing = spec.required.filter((name) => entry[name] == null || entry[name] === '')
  if (missing.length > 0) return { kind: 'error', failure: failure(206, { missing }) }
  const id = ctx.newId()
  const row: Record<string, string | null> = {}
  for (const column of spec.columns) {
    const value = column === 'id' ? String(id) : entry[column]
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number')
      return { kind: 'error', failure: failure(205, { field: column, expected: 'text or a number' }) }
    row[column] = value === undefined || value === null ? null : String(value)
  }
  for (const column of spec.timestamps) {
    const value = row[column]
    if (value == null) row[column] = sqlTimestamp(ctx.now)
    else if (zoneToUtc(value, 'UTC') === undefined)
      return { kind: 'error', failure: failure(205, { field: column, expected: 'Y-m-d H:i:s' }) }
  }
  ctx.state.tables[spec.table].set(String(id), row)
  return { kind: 'write', key: 'creates', items: [itemOk(id)] }
}
