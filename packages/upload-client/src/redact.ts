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
