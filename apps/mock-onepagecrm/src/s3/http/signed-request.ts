import type { SignedRequest } from '../domain/canonical-request.js'
import type { S3Context } from './context.js'

/**
 * The request as SigV4 reads it: the method, the request target read once by `readRequestTarget`, and
 * the headers as received.
 */
export function signedRequestOf(c: S3Context): SignedRequest {
  const { path, query } = c.get('target')
  return {
    method: c.req.method,
    path,
    query,
    // Names come from SignedHeaders, which anyone can write: a name no header can have has no value (the
    // signature then fails), rather than the TypeError `Headers.get` throws for it.
    header: (name) => {
      if (!HEADER_NAME.test(name)) return undefined
      if (name.toLowerCase() === 'host') return c.req.header('host') ?? new URL(c.req.url).host
      return c.req.raw.headers.get(name) ?? undefined
    },
    headerNames: () => [...c.req.raw.headers.keys()],
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
