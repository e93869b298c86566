import { readBoundedBody } from '@crmkit/mock-kit'
import type { ApiDeps } from '../api-deps.js'
import { type ApiResult, invalid, notEmulated, tooLarge } from '../domain/api-failures.js'
import type { JsonObject } from '../domain/body-fields.js'
import type { CrmContext } from '../domain/crm-context.js'
import type { ApiContext } from './api-env.js'
import type { ViewContext } from './views.js'

/** The domain's context for this request: the state, the authenticated caller, the request's time. */
export function crmContext(c: ApiContext, deps: ApiDeps): CrmContext {
  return { state: deps.state, config: deps.config, user: c.get('user'), now: c.get('now'), newId: deps.newId }
}

export function viewContext(c: ApiContext, deps: ApiDeps): ViewContext {
  return { deps, now: c.get('now'), userId: c.get('user').id }
}

/** Runs a change; once it succeeded, waits until it is durable before the answer goes out. */
export async function change<T>(
  deps: ApiDeps,
  result: ApiResult<T> | Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  const settled = await result
  if (settled.ok) await deps.persist(deps.state)
  return settled
}

/**
 * `partial=1` (http://developer.onepagecrm.com/, "Partial Updates") or `partial=true` (the spec,
 * https://github.com/OnePageCRM/swagger).
 */
export const isPartial = (c: ApiContext): boolean => ['1', 'true'].includes(c.req.query('partial') ?? '')

/**
 * A change made from the request's JSON body: 413 when it is longer than `config.maxJsonBodyBytes` (read no
 * further: what is left is the host's drainAfterAnswer's (mock-kit), dropped or the connection closed), 400 naming `body` when it is not a JSON object (nothing
 * runs then), else `run`'s result, made durable when it succeeded. The caller is authenticated already
 * (by headers, in the API's middleware), so an anonymous client never makes the API read a body.
 */
export async function changeWithBody<T>(
  c: ApiContext,
  deps: ApiDeps,
  run: (body: JsonObject) => ApiResult<T> | Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  const body = await jsonBody(c, deps.config.maxJsonBodyBytes)
  if (body === 'too-large') return tooLarge(deps.config.maxJsonBodyBytes)
  if (body === undefined) return invalid({ body: 'the request body must be a JSON object' })
  const refused = unemulatedFields(c, body)
  if (refused !== undefined) return refused
  return change(deps, run(body))
}

/**
 * A 501 naming the documented body fields this route does not honour, when the body gives them a value;
 * an empty one (null, "", [] or {}) is what the mock stores for them anyway, and SDKs that serialise every
 * field send it (FIDELITY.md, "No silent yes").
 */
function unemulatedFields(c: ApiContext, body: JsonObject): ApiResult<never> | undefined {
  const unemulated = c.get('unemulatedFields')
  if (unemulated === undefined || unemulated.fields.length === 0) return undefined
  const refused: Record<string, string> = {}
  // Rails-style bodies wrap the fields in one object (`{"contact": {...}}`), which `unwrapBody` reads.
  const [only, ...others] = Object.values(body)
  const fieldSets = others.length === 0 && isObject(only) ? [body, only] : [body]
  for (const fields of fieldSets) {
    for (const name of unemulated.fields) {
      if (!isEmpty(fields[name])) refused[name] = `${name} is not emulated by crmkit`
    }
  }
  return Object.keys(refused).length === 0 ? undefined : notEmulated(unemulated.operation, refused)
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0)

/**
 * The JSON body, undefined when it is not a JSON object (or the client left mid-body), `too-large` past
 * `limit` bytes. An empty body counts as `{}`: the vendor's old docs ask for `Content-Length: 0` on an
 * empty POST, so such requests reach validation.
 */
async function jsonBody(c: ApiContext, limit: number): Promise<JsonObject | 'too-large' | undefined> {
  const read = await readBoundedBody(c, { limit })
  if (!read.ok) return read.reason === 'too-large' ? 'too-large' : undefined
  const text = read.bytes.toString('utf8')
  if (text.trim() === '') return {}
  try {
    const body: unknown = JSON.parse(text)
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as JsonObject)
      : undefined
  } catch {
    return undefined
  }
}
