/**
 * What the journal never keeps. The journal is read over the admin API and shown by the inspector, so a
 * credential a client sends must not come back out of it: values of these names are replaced by
 * `[redacted]`, wherever they appear (query, header, multipart text part, JSON body key).
 */
export const REDACTED = '[redacted]'

/**
 * Query parameters, multipart text parts and JSON keys holding secrets: SharpSpring's `secretKey`, a
 * presigned URL's or a POST form's signature and session token, OnePageCRM's `password` (`POST /login`)
 * and `api_key`/`auth_key`. An S3 form's `policy` and `key`, and SharpSpring's `accountID`, are not
 * secrets (what the request asked for, which the journal exists to show).
 */
const SECRET_NAMES =
  /^(secret[-_]?key|x-amz-signature|signature|x-amz-security-token|x-amz-credential-secret|password|passwd|api[-_]?key|auth[-_]?key|access[-_]?token|refresh[-_]?token|client[-_]?secret)$/i

/** Request headers holding credentials (RFC 9110 `Authorization`, cookies, AWS's session token). */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-amz-security-token',
  'x-api-key',
])

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.test(name)
}

/**
 * Any other header whose name says it carries a credential (`X-OnePageCRM-Auth`, `X-Auth-Token`,
 * `X-Session-Id`…): when in doubt, the journal shows the header came, not its value.
 */
const SECRET_HEADER_WORDS = /auth|token|secret|signature|passw|api-?key|session/i

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_WORDS.test(name)
}

/** The query as received, but secrets never reach the journal. */
export function redactedSearch(url: URL): string {
  if (url.search === '') return ''
  const pairs: string[] = []
  for (const [name, value] of url.searchParams)
    pairs.push(`${encodeURIComponent(name)}=${isSecretName(name) ? REDACTED : encodeURIComponent(value)}`)
  return `?${pairs.join('&')}`
}

/**
 * `value` as JSON text with every secret key's value redacted, at any depth. A key that only looks like
 * a secret's when lower-cased (`Password`) is redacted too.
 */
export function redactedJson(value: unknown): string {
  return JSON.stringify(value, (key, inner) => (key !== '' && isSecretName(key) ? REDACTED : inner)) ?? ''
}

/** A key that may name a secret, anywhere in a JSON text: only such a text is parsed to redact it. */
const SECRET_KEY_IN_TEXT = /secret|signature|security-token|passw|api[-_]?key|auth[-_]?key|token/i

/**
 * A JSON body's text with every secret key's value redacted. A text that names no secret-like key is kept as
 * it is (no parse, the common case); one that does is parsed and written again with `redactedJson`; one
 * that does but is not JSON is not kept, since where its secret ends cannot be told.
 */
export function redactedJsonText(text: string): string {
  if (!SECRET_KEY_IN_TEXT.test(text)) return text
  try {
    return redactedJson(JSON.parse(text))
  } catch {
    return `${REDACTED} (not JSON, and it names a secret-like key)`
  }
}
