type Json = Record<string, unknown>

const first = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined

/** A query parameter of a recorded request: spec 2 writes the query as a string, 3 and 4 as {name: [values]}. */
export function queryValue(query: unknown, name: string): string | undefined {
  if (typeof query === 'string') return new URLSearchParams(query).get(name) ?? undefined
  return typeof query === 'object' && query !== null ? first((query as Json)[name]) : undefined
}

/** A header of a recorded request, whatever its case (a string, or spec 4's array of values). */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : first((headers as Json)[key])
}

/**
 * The recorded body as text: spec 4's `{content, encoded: "base64"}`, a spec 2/3 string (pact-php writes
 * multipart bodies in base64), or JSON.
 */
function bodyTexts(body: unknown): string[] {
  if (typeof body === 'string') {
    const texts = [body]
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(body.trim())) texts.push(Buffer.from(body, 'base64').toString('latin1'))
    return texts
  }
  if (typeof body === 'object' && body !== null && 'content' in body) {
    const { content, encoded } = body as { content: unknown; encoded?: unknown }
    if (typeof content !== 'string') return [JSON.stringify(content)]
    return encoded === 'base64' ? [Buffer.from(content, 'base64').toString('latin1')] : [content]
  }
  return body === undefined ? [] : [JSON.stringify(body)]
}

/** `20260115T090000Z` (SigV4's X-Amz-Date) → `2026-01-15T09:00:00.000Z`. */
function fromAmzDate(value: string | undefined): string | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value?.trim() ?? '')
  if (parts === null) return undefined
  const [, year, month, day, hour, minute, second] = parts
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

/** A multipart form's `x-amz-date` field: the part's headers, a blank line, the value. */
const FORM_DATE = /name="?x-amz-date"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n(\d{8}T\d{6}Z)/i

/**
 * When a recorded request was signed (SigV4's X-Amz-Date): a POST form's `x-amz-date` field, a presigned
 * URL's `X-Amz-Date` query parameter, or a signed request's `x-amz-date` header
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). Undefined: not signed.
 */
export function recordedSigningTime(request: Json): string | undefined {
  const fromQuery = fromAmzDate(queryValue(request.query, 'X-Amz-Date'))
  if (fromQuery !== undefined) return fromQuery
  const fromHeader = fromAmzDate(headerValue(request.headers, 'x-amz-date'))
  if (fromHeader !== undefined) return fromHeader
  for (const text of bodyTexts(request.body)) {
    const found = fromAmzDate(FORM_DATE.exec(text)?.[1])
    if (found !== undefined) return found
  }
  return undefined
}
