import { createHash } from 'node:crypto'
import { signV4, toAmzDate } from '@crmkit/s3-post-policy'

// A SigV4 `Authorization` header signer for raw requests, written from AWS's description of the canonical
// request (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html), not from the
// emulator's verifier: only the HMAC chain (`signV4` of `@crmkit/s3-post-policy`) is shared. It signs
// whatever request a case builds, mutated headers and all, so that a mutation reaches the checks behind
// authentication; `test/sigv4.test.ts` holds it to the AWS SDK's own signatures.

/** The SHA-256 of no bytes: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Headers the AWS SDKs never sign (`ALWAYS_UNSIGNABLE_HEADERS` of @smithy/signature-v4). */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
  // The transport sets and lies about these: never signed here, so that a lie reaches the body's checks.
  'content-length',
])

export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
}

/** A request as it goes on the wire: the target raw (already escaped), header values as byte strings. */
export interface WireRequest {
  readonly method: string
  /** The request target's path, escaped as sent (`/bucket/a%20b`). */
  readonly path: string
  /** The query as sent, without `?` (`''`: none). */
  readonly query: string
  /** Names as sent; values one character per byte (latin1), as the head is written. */
  readonly headers: ReadonlyArray<readonly [string, string]>
}

export interface SignOptions {
  readonly credentials: Credentials
  readonly region: string
  /** The date signed (`x-amz-date` must be its `toAmzDate`). */
  readonly now: Date
  /** The payload hash of the canonical request (normally the `x-amz-content-sha256` header). */
  readonly payloadHash: string
  /** The header names signed; default every header but the unsignable ones. */
  readonly signedHeaders?: readonly string[]
  readonly service?: string
}

/** RFC 3986 as SigV4 wants it: every UTF-8 byte but `A-Z a-z 0-9 - _ . ~` as `%XX`. */
export function uriEncode(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** A path segment percent-decoded once (UTF-8); `undefined` for a broken escape. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** The canonical URI: the path's own segments, each decoded once and encoded once (S3 never normalises). */
export function canonicalUri(path: string): string {
  return `/${path
    .slice(1)
    .split('/')
    .map((segment) => {
      const decoded = decodeSegment(segment)
      return decoded === undefined ? segment : uriEncode(decoded)
    })
    .join('/')}`
}

/** The canonical query string: every parameter as decoded (`+` is a space), encoded, sorted by name and value. */
export function canonicalQueryString(query: string): string {
  return [...new URLSearchParams(query)]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/** The names a request signs by default: every header present but the unsignable ones, lower-cased, sorted. */
export function defaultSignedHeaders(headers: WireRequest['headers']): string[] {
  return [...new Set(headers.map(([name]) => name.toLowerCase()))]
    .filter((name) => !UNSIGNABLE.has(name))
    .sort()
}

/** The canonical request over `signed` (lower-case names), as a byte string. */
export function canonicalRequest(
  request: WireRequest,
  signed: readonly string[],
  payloadHash: string,
): string {
  const names = [...signed].sort()
  const lines = names.map((name) => {
    const values = request.headers
      .filter(([header]) => header.toLowerCase() === name)
      .map(([, value]) => value.trim().replace(/ +/g, ' '))
    return `${name}:${values.join(',')}`
  })
  return [
    request.method,
    canonicalUri(request.path),
    canonicalQueryString(request.query),
    ...lines,
    '',
    names.join(';'),
    payloadHash,
  ].join('\n')
}

/** The `Authorization` header value for a request: `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export async function authorization(request: WireRequest, options: SignOptions): Promise<string> {
  const signed = [...(options.signedHeaders ?? defaultSignedHeaders(request.headers))].sort()
  const amzDate = toAmzDate(options.now)
  const scope = {
    dateStamp: amzDate.slice(0, 8),
    region: options.region,
    service: options.service ?? 's3',
  }
  const canonical = canonicalRequest(request, signed, options.payloadHash)
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${scope.dateStamp}/${scope.region}/${scope.service}/aws4_request`,
    createHash('sha256').update(canonical, 'latin1').digest('hex'),
  ].join('\n')
  const signature = await signV4(options.credentials.secretAccessKey, scope, toSign)
  const credential = `${options.credentials.accessKeyId}/${scope.dateStamp}/${scope.region}/${scope.service}/aws4_request`
  return `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed.join(';')}, Signature=${signature}`
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

/** A UTF-8 text as a header value byte string (one character per byte), as it goes on the wire. */
export const utf8Header = (text: string) => Buffer.from(text, 'utf8').toString('latin1')

/** `/bucket` or `/bucket/key`, each key segment encoded once (a `/` in the key separates segments). */
export function objectPath(bucket: string, key: string): string {
  return `/${uriEncode(bucket)}${key === '' ? '' : `/${key.split('/').map(uriEncode).join('/')}`}`
}

/** A query parameter: a name and a value, or a name alone (`?acl`, value `null`). */
export type QueryPair = readonly [string, string | null]

/** A query string from decoded pairs, each name and value encoded once. */
export function queryString(pairs: readonly QueryPair[]): string {
  return pairs
    .map(([name, value]) => (value === null ? uriEncode(name) : `${uriEncode(name)}=${uriEncode(value)}`))
    .join('&')
}
