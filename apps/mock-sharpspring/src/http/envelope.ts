import type { WriteItem } from '../domain/method-result.js'
import type { CallOutcome } from '../domain/rpc-call.js'
import { type RpcError, renderFailure } from './failure-table.js'

/** The response envelope `{result, error, id}` (FIDELITY.md, SharpSpring: the "Envelope" rows). */
export interface Envelope {
  /** Only for the reads that page with it, before `result` as SharpSpring writes it [SAMPLE getListMembers]. */
  readonly hasMore?: boolean
  readonly result: unknown
  readonly error: RpcError | readonly RpcError[] | null
  readonly id: unknown
}

/**
 * A call's outcome as SharpSpring answers it: a call refused as a whole has `result: null` and its error
 * object; a read has `error: null` (a write method's `[]`); a write lists its items, each with its own error
 * object or null, and repeats the failed ones' errors in `error`, in input order [SAMPLE, CLIENT rmuit]. A read
 * that pages with `hasMore` says it twice and has `error: []` [SAMPLE getListMembers].
 */
export function renderOutcome({ id, write, result }: CallOutcome): Envelope {
  if (result.kind === 'error') return { result: null, error: renderFailure(result.failure), id }
  if (result.kind === 'read' && result.hasMore !== undefined) {
    const { hasMore } = result
    return { hasMore, result: { ...result.result, hasMore }, error: [], id }
  }
  if (result.kind === 'read') return { result: result.result, error: write ? [] : null, id }
  const items = result.items.map(renderItem)
  const failed = items.flatMap((item) => (item.error === null ? [] : [item.error]))
  return { result: { [result.key]: items }, error: failed, id }
}

const renderItem = <T extends WriteItem>(item: T) => ({
  ...item,
  error: item.error === null ? null : renderFailure(item.error),
})
