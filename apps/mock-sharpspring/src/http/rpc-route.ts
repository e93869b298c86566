import type { Context, Handler } from 'hono'
import type { CallLimits } from '../domain/call-limits.js'
import { type Credentials, callMethod, changedState, checkCredentials } from '../domain/rpc-call.js'
import type { SharpSpringContext } from '../domain/state.js'
import { errorEnvelope, renderOutcome } from './envelope.js'

/** The API versions SharpSpring serves: `v1` (account time zone) and `v1.2` (UTC) [CLIENT]. */
export const VERSIONS = ['v1', 'v1.2']

/**
 * `POST /pubapi/{version}/`: every answer is HTTP 200 with the envelope, errors included, as clients
 * expect [INFER from clients]; only an unknown version is a 404, with code 204 naming the versions [INFER].
 */
export function rpcRoute(
  credentials: Credentials,
  context: () => SharpSpringContext,
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
    const text = await c.req.text()
    if (denied !== undefined) return c.json(errorEnvelope(denied, requestId(text)))
    const ctx = context()
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
  try {
    const body = JSON.parse(text) as { id?: unknown }
    return typeof body === 'object' && body !== null ? (body.id ?? null) : null
  } catch {
    return null
  }
}
