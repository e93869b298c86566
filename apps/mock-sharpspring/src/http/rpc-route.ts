import { journalJsonBody, type RenderedAnswer, type RenderedAnswers, readBoundedBody } from '@crmkit/mock-kit'
import type { Context, Handler } from 'hono'
import type { CallLimits } from '../domain/call-limits.js'
import { parseJsonBody } from '../domain/json-body.js'
import {
  type CallOutcome,
  type Credentials,
  callMethod,
  changedState,
  checkCredentials,
  refusal,
} from '../domain/rpc-call.js'
import type { SharpSpringContext } from '../domain/state.js'
import { renderOutcome } from './envelope.js'
import { journalOutcome } from './journal-outcome.js'

/** How much of a refused caller's body is read for its request id. */
const REFUSED_BODY_BYTES = 64 * 1024

/** The API versions SharpSpring serves: `v1` (account time zone) and `v1.2` (UTC), domain/time-zone.ts [CLIENT]. */
export const VERSIONS = ['v1', 'v1.2']

/**
 * `POST /pubapi/{version}/`: every answer is HTTP 200 with the envelope, errors included, as clients
 * expect [INFER from clients]; only an unknown version is a 404, with code 204 naming the versions [INFER].
 */
export function rpcRoute(
  credentials: Credentials,
  maxBodyBytes: number,
  context: (version: string) => SharpSpringContext,
  limits?: CallLimits,
  persist?: () => Promise<void>,
  answers?: RenderedAnswers<KeptCall>,
): Handler {
  return async (c: Context) => {
    const answer = (outcome: CallOutcome, status: 200 | 404 = 200) => {
      journalOutcome(c.req.raw, outcome, true)
      return c.json(renderOutcome(outcome), status)
    }
    const version = c.req.param('version') ?? ''
    if (!VERSIONS.includes(version)) return answer(refusal(204, null, { version, versions: VERSIONS }), 404)
    const denied = checkCredentials(
      { accountID: c.req.query('accountID'), secretKey: c.req.query('secretKey') },
      credentials,
    )
    // Credentials come in the query, so a refused caller's body is read no further than its request id
    // can be found: a small head of it, never the whole.
    const body = await readBoundedBody(c, {
      limit: denied === undefined ? maxBodyBytes : Math.min(maxBodyBytes, REFUSED_BODY_BYTES),
    })
    if (!body.ok && body.reason === 'aborted') return new Response(null, { status: 400 })
    const text = body.ok ? body.bytes.toString('utf8') : ''
    if (body.ok) journalJsonBody(c.req.raw, text, c.req.header('content-type') ?? '')
    // The rest of a body too large is not this route's: the host's drainAfterAnswer (mock-kit) reads and drops it after
    // the answer, or closes the connection when there is too much of it.
    if (denied !== undefined) return answer(refusedCall(denied, text))
    if (!body.ok) {
      const data = { reason: `the body is over ${maxBodyBytes} bytes`, maxBytes: maxBodyBytes }
      return answer(refusal(101, null, data))
    }
    const ctx = context(version)
    const limited = limits?.take(ctx.now)
    if (limited !== undefined) return answer(refusedCall(limited, text))
    // A pure read's answer depends on the state, the version and the body only (reads never look at the
    // time), and a call runs at once, without a pause in which another could change the state: the same
    // body in the same second of the same revision has the same answer.
    const key = `${version}\n${text}`
    const second = Math.floor(ctx.now.getTime() / 1000)
    const kept = answers?.find(key, second)
    if (kept !== undefined) {
      journalOutcome(c.req.raw, kept.outcome, true)
      return c.body(kept.body, 200, JSON_TYPE)
    }
    const revision = answers?.revision ?? 0
    const outcome = callMethod(ctx, text)
    const pure = isPureRead(outcome)
    if (!pure) answers?.changed()
    // The answer waits until a change is durable (with --data-dir).
    if (persist !== undefined && changedState(outcome)) await persist()
    journalOutcome(c.req.raw, outcome, true)
    // Encoded once: a kept answer is written again as these bytes.
    const rendered = UTF8.encode(JSON.stringify(renderOutcome(outcome)))
    if (pure) answers?.keep(key, second, revision, { status: 200, body: rendered, outcome })
    return c.body(rendered, 200, JSON_TYPE)
  }
}

/** A read's answer as written, with its outcome for the journal of the next identical call. */
export interface KeptCall extends RenderedAnswer {
  readonly outcome: CallOutcome
}

const UTF8 = new TextEncoder()

const JSON_TYPE = { 'Content-Type': 'application/json' }

/** A method that read and changed nothing (`changedState` covers a read that says it changed something). */
const isPureRead = (outcome: CallOutcome): boolean =>
  outcome.result.kind === 'read' && !outcome.write && !changedState(outcome)

/** A call refused before its method ran, echoing the body's `id` (and naming its method, for the journal). */
function refusedCall(code: 105 | 103 | 104 | 106 | 107, text: string): CallOutcome {
  const body = parseJsonBody(text) as { id?: unknown; method?: unknown } | undefined
  const readable = typeof body === 'object' && body !== null
  const method = readable && typeof body.method === 'string' ? body.method : undefined
  return { ...refusal(code, readable ? (body.id ?? null) : null), method }
}
