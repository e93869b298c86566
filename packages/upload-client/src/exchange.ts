import type { Readable } from 'node:stream'
import type { CallOptions, NormalizedCommon } from './client-options.js'
import { CrmkitError } from './errors/crmkit-error.js'
import { parseRetryAfter, rememberRetryAfter, withRetries } from './retry.js'
import { type SendOutput, send } from './send.js'

export interface ExchangeSpec<T> {
  readonly method: 'GET' | 'POST'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** A JSON string, or per attempt a fresh body (the attempt number lets progress say which). */
  readonly body?: string | ((attempt: number) => { length: number; open(activity: () => void): Readable })
  /** Whether sending it twice does no harm; see `isRetryable`. */
  readonly idempotent: boolean
  /** Whether the body can be sent again (false once a one-shot stream was read). */
  readonly canResend?: () => boolean
  /** Turns an answer into the result, or throws the vendor's error (its `Retry-After` is read here). */
  readonly decode: (answer: SendOutput) => T
}

/** Sends a request with the client's retry policy, timeout and dispatcher, and decodes the answer. */
export function exchange<T>(common: NormalizedCommon, call: CallOptions, spec: ExchangeSpec<T>): Promise<T> {
  return withRetries(
    {
      retry: common.retry,
      idempotent: spec.idempotent,
      signal: call.signal,
      random: common.random,
      sleep: common.sleep,
      canResend: spec.canResend,
      onRetry: (event) => {
        common.onRetry?.(event)
        call.onRetry?.(event)
      },
    },
    async (attempt) => {
      const answer = await send({
        method: spec.method,
        url: spec.url,
        headers: { 'user-agent': common.userAgent, ...spec.headers },
        body: typeof spec.body === 'function' ? spec.body(attempt) : spec.body,
        signal: call.signal,
        timeout: call.timeout ?? common.timeout,
        dispatcher: common.dispatcher,
      })
      try {
        return spec.decode(answer)
      } catch (error) {
        // Whatever the vendor, a refusal may say when to come back (RFC 9110 §10.2.3).
        if (error instanceof CrmkitError) {
          rememberRetryAfter(error, parseRetryAfter(answer.headers['retry-after'], common.clock()))
        }
        throw error
      }
    },
  )
}
