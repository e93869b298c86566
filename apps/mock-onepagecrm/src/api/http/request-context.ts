import { journalJsonBody, readBoundedBody } from '@crmkit/mock-kit'
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
  return { deps, now: c.get('now'), user: c.get('user') }
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

/** The JSON body each request's change was made from, for `isPartial`. */
const bodies = new WeakMap<ApiContext, JsonObject>()

/**
 * Whether a PUT is partial: `partial=1` (http://developer.onepagecrm.com/, "Partial Updates"), `partial=true`
 * (the spec, https://github.com/OnePageCRM/swagger) or `partial=True` (OnePageCRM's Python client,
 * https://github.com/OnePageCRM/python_client, sends Python's `True`), in the query; or `"partial": 1` /
 * `true` in the JSON body, beside the fields or inside a wrapped body (the portal: parameters go "in the
 * HTTP query string … Or as part of HTTP request body for POST and PUT requests"; OnePageCRM's Ruby client
 * sends `'partial' => 1` in the body, https://github.com/OnePageCRM/ruby-client, spec/partial_spec.rb). The
 * body is known once `changeWithBody` has read it, which is where routes ask.
 */
export const isPartial = (c: ApiContext): boolean => {
  if (isTrue(c.req.query('partial'))) return true
  const body = bodies.get(c)
  if (body === undefined) return false
  const [only, ...others] = Object.values(body).filter((value) => isObject(value))
  return isTrue(body.partial) || (others.length === 0 && isObject(only) && isTrue(only.partial))
}

const isTrue = (value: unknown): boolean =>
  value === true || value === 1 || (typeof value === 'string' && ['1', 'true'].includes(value.toLowerCase()))

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
  bodies.set(c, body)
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
  const [only, ...others] = Object.entries(body)
    .filter(([name]) => name !== 'partial')
    .map(([, value]) => value)
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
  if (text !== '') journalJsonBody(c.req.raw, text, c.req.header('content-type') ?? '')
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
