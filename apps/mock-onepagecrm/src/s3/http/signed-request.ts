import { incomingOf } from '@crmkit/mock-kit'
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
      return repeatedValues(c, name) ?? c.req.raw.headers.get(name) ?? undefined
    },
    headerNames: () => [...c.req.raw.headers.keys()],
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * A header sent more than once, its values joined with `,` as SigV4 canonicalises them ("a comma-separated
 * list of values for that header", https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html),
 * from the raw request on a real server: `Headers.get` joins them with `, `, which is not what was signed.
 * Undefined for a header sent once or not at all, and under `app.request()`.
 */
function repeatedValues(c: S3Context, name: string): string | undefined {
  const raw = incomingOf(c)?.rawHeaders
  if (raw === undefined) return undefined
  const wanted = name.toLowerCase()
  const values: string[] = []
  for (let index = 0; index + 1 < raw.length; index += 2) {
    if ((raw[index] as string).toLowerCase() === wanted) values.push(raw[index + 1] as string)
  }
  return values.length > 1 ? values.map((value) => value.trim()).join(',') : undefined
}
