import { readBoundedBody } from '@crmkit/mock-kit'
import type { Context, Handler } from 'hono'
import type { CallLimits } from '../domain/call-limits.js'
import { parseJsonBody } from '../domain/json-body.js'
import { type Credentials, callMethod, changedState, checkCredentials } from '../domain/rpc-call.js'
import type { SharpSpringContext } from '../domain/state.js'
import { errorEnvelope, renderOutcome } from './envelope.js'

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
): Handler {
  return async (c: Context) => {
    const version = c.req.param('version') ?? ''
    if (!VERSIONS.includes(version))
      return c.json(errorEnvelope(204, null, { version, versions: VERSIONS }), 404)
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
    // The rest of a body too large is not this route's: the host's drainAfterAnswer (mock-kit) reads and drops it after
    // the answer, or closes the connection when there is too much of it.
    if (denied !== undefined) return c.json(errorEnvelope(denied, requestId(text)))
    if (!body.ok) {
      const data = { reason: `the body is over ${maxBodyBytes} bytes`, maxBytes: maxBodyBytes }
      return c.json(errorEnvelope(101, null, data))
    }
    const ctx = context(version)
    const limited = limits?.take(ctx.now)
    if (limited !== undefined) return c.json(errorEnvelope(limited, requestId(text)))
    const outcome = callMethod(ctx, text)
    // The answer waits until a change is durable (with --data-dir).
    if (persist !== undefined && changedState(outcome)) await persist()
    return c.json(renderOutcome(outcome))
  }
}

/** The `id` of a body, for echoing it in an authentication failure. */
function requestId(text: string): unknown {
  const body = parseJsonBody(text) as { id?: unknown } | undefined
  return typeof body === 'object' && body !== null ? (body.id ?? null) : null
}
