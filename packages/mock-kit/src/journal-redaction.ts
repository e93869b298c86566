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
  if (SECRET_NAMES.test(name)) return true
  // PHP-style and dotted names (`secretKey[]`, `user[password]`, `auth.api_key`): any segment that names a
  // secret makes the whole value one.
  return /[[.]/.test(name) && name.split(/[[\].]+/).some((segment) => SECRET_NAMES.test(segment))
}

/**
 * Any other header whose name says it carries a credential (`X-OnePageCRM-Auth`, `X-Auth-Token`,
 * `X-Session-Id`…): when in doubt, the journal shows the header came, not its value.
 */
const SECRET_HEADER_WORDS = /auth|token|secret|signature|passw|api-?key|session/i

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_WORDS.test(name)
}

/**
 * A query of characters that neither `URLSearchParams` decodes nor `encodeURIComponent` encodes, but for
 * the `&` and `=` between names and values: read pair by pair as it is written.
 */
const PLAIN_QUERY = /^\?[\w\-.!~*'()&=]*$/

/** The query (`search`, with its `?`: `urlSearch`) as received, but secrets never reach the journal. */
export function redactedSearch(search: string): string {
  if (search === '') return ''
  // A client calls with the same query again and again (SharpSpring's credentials are in it): the last one
  // redacted is remembered, within a bound on its length.
  if (search === lastSearch) return lastRedacted
  const redacted = redactedSearchOf(search)
  if (search.length <= MAX_REMEMBERED_SEARCH) {
    lastSearch = search
    lastRedacted = redacted
  }
  return redacted
}

const MAX_REMEMBERED_SEARCH = 2048
let lastSearch = ''
let lastRedacted = ''

function redactedSearchOf(search: string): string {
  const pairs: string[] = []
  if (PLAIN_QUERY.test(search)) {
    // What the general way below writes, without decoding and encoding again what needs neither.
    for (const pair of search.slice(1).split('&')) {
      if (pair === '') continue
      const equals = pair.indexOf('=')
      const name = equals < 0 ? pair : pair.slice(0, equals)
      const value = equals < 0 ? '' : pair.slice(equals + 1)
      // `encodeURIComponent` would write a second `=` as `%3D`: the general way does.
      if (value.includes('=')) return redactedPairs(search)
      pairs.push(`${name}=${isSecretName(name) ? REDACTED : value}`)
    }
    return `?${pairs.join('&')}`
  }
  return redactedPairs(search)
}

function redactedPairs(search: string): string {
  const pairs: string[] = []
  for (const [name, value] of new URLSearchParams(search))
    pairs.push(`${encodeURIComponent(name)}=${isSecretName(name) ? REDACTED : encodeURIComponent(value)}`)
  return `?${pairs.join('&')}`
}

/**
 * `value` as JSON text with every secret key's value redacted, at any depth. A key that only looks like
 * a secret's when lower-cased (`Password`) is redacted too.
 */
export function redactedJson(value: unknown): string {
  // Most bodies hold no secret key: looking for one first and then writing without a replacer is several
  // times faster than calling one for every key. Anything but plain data takes the replacer's way.
  if (plainWithoutSecrets(value, 0)) return JSON.stringify(value) ?? ''
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

/** Deeper than this, the replacer's way decides (and a cycle throws there, as it would anyway). */
const MAX_PLAIN_DEPTH = 64

/**
 * Whether `value` is plain data, as `JSON.parse` makes (objects of `Object.prototype` or none without
 * `toJSON`, arrays, primitives), with no secret key at any depth: what JSON.stringify writes of it then
 * needs no redaction.
 */
function plainWithoutSecrets(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (depth >= MAX_PLAIN_DEPTH || 'toJSON' in value) return false
  if (Array.isArray(value)) {
    for (const item of value) if (!plainWithoutSecrets(item, depth + 1)) return false
    return true
  }
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return false
  for (const key in value) {
    if (isSecretName(key) || !plainWithoutSecrets((value as Record<string, unknown>)[key], depth + 1))
      return false
  }
  return true
}
