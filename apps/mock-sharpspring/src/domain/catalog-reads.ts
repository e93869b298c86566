import {
  type CatalogSpec,
  CLIENTS,
  EMAIL_JOBS,
  EMAIL_LISTINGS,
  LIST_TAGS,
  UNSUBSCRIBE_CATEGORIES,
  USER_PROFILES,
} from './catalog-tables.js'
import { apiError, type MethodResult, type Params, readWindow } from './method-result.js'
import { type Row, type SharpSpringContext, shownTime } from './state.js'
import { passes, readWhere, type WhereSpec } from './where-clause.js'

/** How one of the account's read-only tables is read. */
interface CatalogRead {
  readonly spec: CatalogSpec
  /** The result key (`userProfile`, `getAllemailListings`…); `getAll…` keys page with `hasMore`. */
  readonly key: string
  /** The method's `where`, or none at all. */
  readonly where?: WhereSpec
}

/** The rows of a table a read selects, its date-times in the call's zone. */
function readCatalog(ctx: SharpSpringContext, params: Params, read: CatalogRead): MethodResult {
  const where =
    read.where === undefined ? { ok: true as const, conditions: [] } : readWhere(params, read.where)
  if (!where.ok) return where.result
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const rows = [...ctx.state.tables[read.spec.table].values()].filter((row) =>
    passes(where.conditions, (key) => row[key]),
  )
  const page = rows.slice(window.offset, window.offset + window.limit).map((row) => {
    const out: Row = Object.fromEntries(read.spec.columns.map((column) => [column, row[column] ?? null]))
    for (const column of read.spec.timestamps) out[column] = shownTime(ctx, out[column])
    return out
  })
  const result = { [read.key]: page }
  if (!read.key.startsWith('getAll')) return { kind: 'read', result }
  return { kind: 'read', result, hasMore: rows.length > window.offset + window.limit }
}

/**
 * `getUserProfiles`: `where` (keys `id`, `firstName`, `lastName`, `displayName`, `emailAddress`, `isActive`),
 * `limit`, `offset` → `userProfile` (SAMPLE getUserProfiles; dllobell/sharpspring-api, src/SharpspringClient.php).
 */
export const getUserProfiles = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, {
    spec: USER_PROFILES,
    key: 'userProfile',
    where: { keys: ['id', 'firstName', 'lastName', 'displayName', 'emailAddress', 'isActive'] },
  })

/**
 * `getClients`: no parameters → `getAllcompanyProfileManagedBys`, with `hasMore` (rmuit/sharpspring-restapi,
 * src/Connection.php; dllobell/sharpspring-api, src/SharpspringClient.php). Only a partner account manages
 * companies: the demo account manages none, a seed adds them.
 */
export const getClients = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, { spec: CLIENTS, key: 'getAllcompanyProfileManagedBys' })

/** `getUnsubscribeCategories`: no parameters → `getAllunsubscribeCategorys`, with `hasMore` [CLIENT rmuit]. */
export const getUnsubscribeCategories = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, { spec: UNSUBSCRIBE_CATEGORIES, key: 'getAllunsubscribeCategorys' })

/** `getListTags`: no parameters → `getAllgetListTagss` (dllobell/sharpspring-api), with `hasMore` [INFER]. */
export const getListTags = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, { spec: LIST_TAGS, key: 'getAllgetListTagss' })

/**
 * `getEmailListing`: `where` optional (key `id`), `limit`, `offset` → `getAllemailListings`, with `hasMore`
 * (SAMPLE getEmailListing; rmuit/sharpspring-restapi, src/Connection.php).
 */
export const getEmailListing = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, {
    spec: EMAIL_LISTINGS,
    key: 'getAllemailListings',
    where: { keys: ['id'], required: false },
  })

/** `getEmailJobs`: no `where`, `limit`, `offset` → `getAllgetEmailJobss`, with `hasMore` [CLIENT rmuit]. */
export const getEmailJobs = (ctx: SharpSpringContext, params: Params) =>
  readCatalog(ctx, params, { spec: EMAIL_JOBS, key: 'getAllgetEmailJobss' })
