/**
 * Query parameters whose values are secrets: SharpSpring puts `secretKey` in every URL (its API overview;
 * FIDELITY.md, "Sources").
 */
const SECRET_PARAMETERS =
  /^(secretkey|api_key|apikey|password|token|x-amz-signature|x-amz-credential|x-amz-security-token)$/i

/**
 * A URL safe for messages and logs: secret query values become `[redacted]` and any userinfo is dropped.
 *
 * @example
 * redactUrl('https://api.sharpspring.com/pubapi/v1/?accountID=A&secretKey=S')
 * // 'https://api.sharpspring.com/pubapi/v1/?accountID=A&secretKey=[redacted]'
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '[unparseable URL]'
  }
  parsed.username = ''
  parsed.password = ''
  const query = [...parsed.searchParams].map(([name, value]) =>
    SECRET_PARAMETERS.test(name) ? `${encode(name)}=[redacted]` : `${encode(name)}=${encode(value)}`,
  )
  parsed.search = ''
  return query.length === 0 ? parsed.href : `${parsed.href}?${query.join('&')}`
}

const encode = (text: string) => encodeURIComponent(text)

/** Secrets shorter than this are not searched for in answers: they would match ordinary text. */
const MIN_SECRET_LENGTH = 6

/**
 * A copy of a decoded answer with every occurrence of the given secrets in its strings (keys too)
 * replaced by `[redacted]`: a vendor's error that echoes the request must not carry the secret into a
 * message, a log or `--json` output.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const searched = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
  if (searched.length === 0) return value
  const scrub = (text: string) => searched.reduce((out, secret) => out.replaceAll(secret, '[redacted]'), text)
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node)
    if (Array.isArray(node)) return node.map(walk)
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [scrub(key), walk(child)]))
    }
    return node
  }
  return walk(value) as T
}
