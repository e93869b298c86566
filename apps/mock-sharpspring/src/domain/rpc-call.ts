import { secretsEqual } from '@crmkit/mock-kit'
import { isWrite, METHODS } from './dispatch.js'
import { DOCUMENTED_NOT_EMULATED } from './documented-methods.js'
import type { RpcErrorCode } from './failure.js'
import { parseJsonBody } from './json-body.js'
import { apiError, type MethodResult, type Params } from './method-result.js'
import { notEmulatedData, unexpectedParams } from './not-emulated.js'
import type { SharpSpringContext } from './state.js'

export interface Credentials {
  readonly accountId: string
  readonly secretKey: string
}

/**
 * How a call ended: what the method (or the refusal before it) produced, the request's `id` to echo (null
 * when unreadable), and whether the method is a write (its answer then carries `error: []`).
 */
export interface CallOutcome {
  readonly id: unknown
  /** The method the body asked for, when it names one. */
  readonly method?: string | undefined
  readonly write: boolean
  readonly result: MethodResult
}

/** The client went away before its body was read: nobody to answer. */
export interface Aborted {
  readonly aborted: true
}

/** A call refused before any method ran. */
export const refusal = (code: RpcErrorCode, id: unknown, data?: unknown): CallOutcome => ({
  id: id ?? null,
  write: false,
  result: apiError(code, data),
})

/**
 * Checks the query credentials: 103 or 104 when one is missing, 105 when the pair is wrong, compared in
 * constant time [DOC codes; the order of checks is inferred].
 */
export function checkCredentials(
  query: { accountID?: string | undefined; secretKey?: string | undefined },
  expected: Credentials,
): 103 | 104 | 105 | undefined {
  if (query.accountID === undefined || query.accountID === '') return 103
  if (query.secretKey === undefined || query.secretKey === '') return 104
  const account = secretsEqual(query.accountID, expected.accountId)
  const secret = secretsEqual(query.secretKey, expected.secretKey)
  return account && secret ? undefined : 105
}

/**
 * One JSON-RPC call, body already authenticated: 101 for a body that is not a JSON object (or nests deeper
 * than PHP decodes), 102 without
 * `id`, 201/204 for a missing or unknown `method` (one SharpSpring documents named as not emulated), 202 without `params`, 205 for a parameter the method does
 * not take (named as not emulated); then the method. Reads answer
 * `error: null`; writes `error: []`, or the failed items' errors in input order [SAMPLE, CLIENT rmuit].
 */
export function callMethod(ctx: SharpSpringContext, text: string): CallOutcome {
  const body = parseJsonBody(text)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refusal(101, null)
  const request = body as Params
  if (!('id' in request) || request.id === null) return refusal(102, null)
  const id = request.id
  if (typeof request.method !== 'string' || request.method === '') return refusal(201, id)
  const name = request.method
  const method = METHODS.get(name)
  if (method === undefined) {
    const documented = DOCUMENTED_NOT_EMULATED.has(name)
    return {
      ...refusal(204, id, { method: name, ...(documented ? notEmulatedData([name]) : {}) }),
      method: name,
    }
  }
  const params = request.params
  if (params === undefined || params === null || typeof params !== 'object')
    return { ...refusal(202, id), method: name }
  // An empty JSON array is what PHP's json_encode makes of an empty params array.
  const given = Array.isArray(params) && params.length === 0 ? {} : (params as Params)
  const result = unexpectedParams(given, method.params) ?? method.run(ctx, given)
  return { id, method: name, write: isWrite(name), result }
}

/** Whether a call changed something: a write with at least one successful item, or a read that says so. */
export function changedState({ result }: CallOutcome): boolean {
  if (result.kind === 'read') return result.changed === true
  return result.kind === 'write' && result.items.some((item) => item.success)
}
