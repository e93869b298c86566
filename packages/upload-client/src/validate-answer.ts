import type { z } from 'zod'
import { HttpStatusError, InvalidResponseError } from './errors/transport-errors.js'
import type { SendOutput } from './send.js'

/**
 * Parses an answer's body as JSON. A failure status without JSON is not the vendor speaking (a proxy's
 * page): HttpStatusError; a success without JSON breaks the vendor's format: InvalidResponseError.
 */
export function readJson(answer: SendOutput): unknown {
  try {
    return JSON.parse(answer.text)
  } catch {
    if (answer.status >= 400)
      throw new HttpStatusError(answer.request, answer.status, answer.headers, answer.text)
    const type = answer.headers['content-type'] ?? 'no content type'
    throw new InvalidResponseError(answer.request, answer.status, [`body: not JSON (${type})`])
  }
}

/** Checks `value` against the vendor's schema; a mismatch names each failing path (`data.fields.policy: …`). */
export function validateAnswer<T extends z.ZodType>(
  schema: T,
  value: unknown,
  answer: SendOutput,
): z.infer<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')
    return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`
  })
  throw new InvalidResponseError(answer.request, answer.status, issues)
}
