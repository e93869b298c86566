import { secretsEqual } from '@crmkit/mock-kit'
import { isWrite, METHODS } from './dispatch.js'
import type { MethodResult, Params } from './method-result.js'
import { type RpcError, type RpcErrorCode, rpcError } from './rpc-errors.js'
import type { SharpSpringContext } from './state.js'

export interface Credentials {
  readonly accountId: string
  readonly secretKey: string
}

/** The response envelope `{result, error, id}` (FIDELITY.md, SharpSpring: the "Envelope" rows). */
export interface Envelope {
  readonly result: unknown
  readonly error: RpcError | readonly RpcError[] | null
  readonly id: unknown
}

/** An API-level failure: no result, the error object, the request's id echoed (null when unreadable). */
export const errorEnvelope = (code: RpcErrorCode, id: unknown, data?: unknown): Envelope => ({
  result: null,
  error: rpcError(code, data),
  id: id ?? null,
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
 * One JSON-RPC call, body already authenticated: 101 for a body that is not a JSON object, 102 without
 * `id`, 201/204 for a missing or unknown `method`, 202 without `params`; then the method. Reads answer
 * `error: null`; writes `error: []`, or the failed items' errors in input order [SAMPLE, CLIENT rmuit].
 */
export function callMethod(ctx: SharpSpringContext, text: string): Envelope {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return errorEnvelope(101, null)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorEnvelope(101, null)
  const request = body as Params
  if (!('id' in request) || request.id === null) return errorEnvelope(102, null)
  const id = request.id
  if (typeof request.method !== 'string' || request.method === '') return errorEnvelope(201, id)
  const method = METHODS.get(request.method)
  if (method === undefined) return errorEnvelope(204, id, { method: request.method })
  const params = request.params
  if (params === undefined || params === null) return errorEnvelope(202, id)
  if (typeof params !== 'object') return errorEnvelope(202, id)
  // An empty JSON array is what PHP's json_encode makes of an empty params array.
  const result = method(ctx, Array.isArray(params) && params.length === 0 ? {} : (params as Params))
  return render(result, id, isWrite(request.method))
}

/** Whether an answer changed something: a write with at least one successful item (the state is then saved). */
export function changedState(envelope: Envelope): boolean {
  const result = envelope.result as Record<string, unknown> | null
  if (result === null || typeof result !== 'object') return false
  if (result.success === true) return true
  return ['creates', 'updates', 'deletes', 'uploads'].some(
    (key) =>
      Array.isArray(result[key]) &&
      (result[key] as Array<{ success?: boolean }>).some((item) => item.success === true),
  )
}

function render(result: MethodResult, id: unknown, write: boolean): Envelope {
  if (result.kind === 'error') return { result: null, error: result.error, id }
  if (result.kind === 'read') return { result: result.result, error: write ? [] : null, id }
  const failed = result.items.flatMap((item) => (item.error === null ? [] : [item.error]))
  return { result: { [result.key]: result.items }, error: failed, id }
}
