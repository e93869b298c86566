import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

/** The parts of a Hono `Context` this needs, so that any app's context fits. */
export interface BodySource {
  readonly env: unknown
  readonly req: { readonly raw: Request }
}

/** The request as @hono/node-server hands it over on a real server (`c.env.incoming`); none under `app.request()`. */
export const incomingOf = (c: { readonly env: unknown }): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming

/**
 * The request body as a Node stream without buffering it: the socket itself on a real server
 * (`c.env.incoming` from @hono/node-server), or the Fetch body under `app.request()` in tests.
 */
export function requestBodyStream(c: BodySource): Readable {
  const incoming = incomingOf(c)
  if (incoming !== undefined) return incoming
  const body = c.req.raw.body
  // biome-ignore lint/suspicious/noExplicitAny: Node's web stream type and the DOM one differ only nominally.
  return body === null ? Readable.from([]) : Readable.fromWeb(body as any)
}
