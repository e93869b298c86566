import { journalDetail } from '@crmkit/mock-kit'
import type { Context } from 'hono'
import type { RpcErrorCode } from '../domain/failure.js'
import { type CallOutcome, refusal } from '../domain/rpc-call.js'
import { renderOutcome } from './envelope.js'
import { renderFailure } from './failure-table.js'

/** A whole call refused with `code` before its body was read (a fault, a bug), journaled and rendered. */
export function refusalAnswer(c: Context, code: RpcErrorCode, status: 200 | 500 = 200): Response {
  const outcome = refusal(code, null)
  journalOutcome(c.req.raw, outcome, false)
  return c.json(renderOutcome(outcome), status)
}

/**
 * Tells the journal entry of `request` what a call was and how it ended: the JSON-RPC method and id (for
 * `/pubapi`; the upload endpoints are not JSON-RPC), and SharpSpring's error code and message — the
 * call's own, or for a write whose items failed, the first failed item's with how many failed.
 */
export function journalOutcome(request: Request, outcome: CallOutcome, rpc: boolean): void {
  if (rpc && outcome.method !== undefined)
    journalDetail(request, { rpc: { method: outcome.method, id: journalId(outcome.id) } })
  const { result } = outcome
  if (result.kind === 'error') {
    const { code, message } = renderFailure(result.failure)
    journalDetail(request, { error: { code: String(code), message } })
  } else if (result.kind === 'write') {
    const failed = result.items.flatMap((item) => (item.error === null ? [] : [item.error]))
    const [first] = failed
    if (first !== undefined) {
      const { code, message } = renderFailure(first)
      const count = `${failed.length} of ${result.items.length} ${result.key} failed`
      journalDetail(request, { error: { code: String(code), message: `${message} (${count})` } })
    }
  }
}

/** The request's `id` as the journal keeps it: a string, a number, or the JSON text of anything else. */
const journalId = (id: unknown): string | number | null =>
  typeof id === 'string' || typeof id === 'number' || id === null ? id : (JSON.stringify(id) ?? null)
