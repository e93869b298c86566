import { type Failure, failure, type RpcErrorCode } from './failure.js'

/** One item of `creates`, `updates`, `deletes` or `uploads`: `id` only on a successful create [SAMPLE]. */
export interface WriteItem {
  readonly success: boolean
  readonly error: Failure | null
  readonly id?: number
}

/**
 * What a method produced. Reads and writes are answered differently (`error: null` against `error: []`),
 * so the kind says which; an `error` is API-level (the whole call failed). A read that changed something
 * (a product's image) says so, for the state to be saved.
 */
export type MethodResult =
  | {
      readonly kind: 'read'
      readonly result: Readonly<Record<string, unknown>>
      readonly changed?: boolean
      /**
       * Whether more rows follow the page, for the reads whose result key is `getAll…` or `getWhere…`: they
       * answer it beside `result` and inside it, with `error: []` [SAMPLE getListMembers, getEmailListing;
       * CLIENT rmuit].
       */
      readonly hasMore?: boolean
    }
  | {
      readonly kind: 'write'
      readonly key: 'creates' | 'updates' | 'deletes' | 'uploads'
      readonly items: readonly WriteItem[]
    }
  | { readonly kind: 'error'; readonly failure: Failure }

export const apiError = (code: RpcErrorCode, data?: unknown): MethodResult => ({
  kind: 'error',
  failure: failure(code, data),
})

export const itemOk = (id?: number): WriteItem =>
  id === undefined ? { success: true, error: null } : { success: true, error: null, id }

export const itemError = (code: RpcErrorCode, data?: unknown): WriteItem => ({
  success: false,
  error: failure(code, data),
})

export type Params = Readonly<Record<string, unknown>>

/** Most objects one call may carry [DOC]. */
const MAX_OBJECTS = 500

/** `params.objects` of a bulk write: 207 when missing, 209 past 500, 208 for a scalar among them. */
export function readObjects(
  params: Params,
): { ok: true; objects: Params[] } | { ok: false; result: MethodResult } {
  const objects = params.objects
  if (!Array.isArray(objects)) return { ok: false, result: apiError(207) }
  if (objects.length > MAX_OBJECTS) return { ok: false, result: apiError(209, { max: MAX_OBJECTS }) }
  if (objects.some((object) => typeof object !== 'object' || object === null || Array.isArray(object))) {
    return { ok: false, result: apiError(208) }
  }
  return { ok: true, objects: objects as Params[] }
}

/** `limit` (at most 500, which is also the default) and zero-based `offset` of the get methods [CLIENT rmuit]. */
export function readWindow(params: Params): { limit: number; offset: number } | undefined {
  const number = (value: unknown, fallback: number) => {
    if (value === undefined || value === null || value === '') return fallback
    const parsed = typeof value === 'number' ? value : Number(value)
    return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined
  }
  const limit = number(params.limit, MAX_OBJECTS)
  const offset = number(params.offset, 0)
  if (limit === undefined || offset === undefined) return undefined
  return { limit: Math.min(limit, MAX_OBJECTS), offset }
}
