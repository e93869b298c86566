import { sharpspring } from '@crmkit/schemas'
import type { z } from 'zod'
import { cachedEnvelope } from '../envelope-cache.js'
import { HttpStatusError, InvalidResponseError } from '../errors/transport-errors.js'
import { SharpSpringApiError, SharpSpringPartialFailureError } from '../errors/vendor-errors.js'
import { redactSecrets } from '../redact.js'
import type { SendOutput } from '../send.js'
import { readJson, validateAnswer } from '../validate-answer.js'

export interface DecodeOptions<T extends z.ZodType> {
  readonly method: string
  readonly requestId: string
  readonly result: T
  /** The items of a write's result (`creates`, `uploads`…), for a partial failure's `results`. */
  readonly items: (result: z.infer<T>) => readonly unknown[]
  /** Return the result even when some objects failed, instead of throwing. */
  readonly allowPartial?: boolean | undefined
  /** Strings redacted from a refusal (its message, `data` and items) before it becomes an error. */
  readonly secrets?: readonly string[] | undefined
}

const successEnvelope = cachedEnvelope((result: z.ZodType) => sharpspring.successEnvelope(result))

/**
 * Reads SharpSpring's `{result, error, id}`: an error object is an API-level failure, a non-empty error array
 * a partial one (object-level errors, in a call that succeeded); the echoed `id` must be the one sent (as
 * rmuit's client, github.com/rmuit/sharpspring-restapi, checks). The two kinds of error:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 */
export function decodeEnvelope<T extends z.ZodType>(
  answer: SendOutput,
  options: DecodeOptions<T>,
): z.infer<T> {
  const body = readJson(answer)
  const error = (body as { error?: unknown } | null)?.error
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const envelope = validateAnswer(sharpspring.errorEnvelope, body, answer)
    throw new SharpSpringApiError(
      answer.request,
      options.method,
      redactSecrets(envelope.error, options.secrets ?? []),
    )
  }
  if (answer.status !== 200)
    throw new HttpStatusError(answer.request, answer.status, answer.headers, answer.text)
  const envelope = validateAnswer(successEnvelope(options.result), body, answer) as {
    result: z.infer<T>
    error: sharpspring.RpcError[] | null
    id: string | number | null
  }
  if (envelope.id !== options.requestId) {
    throw new InvalidResponseError(answer.request, answer.status, [
      `id: expected the request id ${JSON.stringify(options.requestId)}, got ${JSON.stringify(envelope.id)}`,
    ])
  }
  const errors = envelope.error ?? []
  if (errors.length > 0 && options.allowPartial !== true) {
    const secrets = options.secrets ?? []
    throw new SharpSpringPartialFailureError(
      answer.request,
      options.method,
      redactSecrets(errors, secrets),
      redactSecrets(options.items(envelope.result), secrets),
    )
  }
  return envelope.result
}
