import { CrmkitError } from './errors/crmkit-error.js'
import { AbortError, HttpStatusError, NetworkError, TimeoutError } from './errors/transport-errors.js'
import {
  OnePageCrmApiError,
  OnePageCrmThrottledError,
  S3Error,
  SharpSpringApiError,
} from './errors/vendor-errors.js'

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 3. */
  readonly retries?: number
  /** First backoff delay in ms, doubled per retry. Default 500. */
  readonly minDelay?: number
  /** Largest backoff delay in ms. Default 30 000. */
  readonly maxDelay?: number
  /** A `Retry-After` longer than this (ms) is not waited for: the error is thrown. Default 60 000. */
  readonly maxRetryAfter?: number
}

export type NormalizedRetry = Required<RetryOptions>

export const DEFAULT_RETRY: NormalizedRetry = {
  retries: 3,
  minDelay: 500,
  maxDelay: 30_000,
  maxRetryAfter: 60_000,
}

/**
 * What a retry hook is told before the client waits and sends again: enough to say
 * `retrying in 20 s (OnePageCRM throttled: 403), attempt 2 of 4`.
 */
export interface RetryEvent {
  /** The attempt that failed, from 1; the next one is `attempt + 1`. */
  readonly attempt: number
  /** The most attempts this request gets (the first one and its retries: `retry.retries + 1`). */
  readonly maxAttempts: number
  /** How long the client waits before the next attempt, in ms (the backoff, or a longer `Retry-After`). */
  readonly delay: number
  /** What the server asked for in `Retry-After`, in ms, when it did. */
  readonly retryAfter: number | undefined
  /** Why, in a few words: `OnePageCRM throttled: 403`, `S3 503 SlowDown`, `network error: ECONNRESET`. */
  readonly reason: string
  /** The failure being retried; `error.code` is its stable code. */
  readonly error: CrmkitError
}

/** A retryable failure in a few words, for `RetryEvent.reason`. */
export function retryReason(error: CrmkitError): string {
  if (error instanceof OnePageCrmThrottledError) return `OnePageCRM throttled: ${error.status}`
  if (error instanceof SharpSpringApiError) {
    return error.apiCode === 107
      ? `SharpSpring throttled: ${error.apiCode}`
      : `SharpSpring ${error.apiCode}: ${error.apiMessage.replace(/\.$/, '')}`
  }
  if (error instanceof S3Error) return `S3 ${error.status} ${error.s3Code}`
  if (error instanceof OnePageCrmApiError) return `OnePageCRM ${error.status} ${error.errorName}`
  if (error instanceof HttpStatusError) return `HTTP ${error.status}`
  if (error instanceof NetworkError) return `network error: ${error.causeCode ?? 'connection failed'}`
  if (error instanceof TimeoutError) return `no progress for ${error.timeout} ms`
  return error.code
}

/** How long the server asked to wait (`Retry-After`), kept on the error by whoever decoded the answer. */
const RETRY_AFTER = new WeakMap<CrmkitError, number>()

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; undefined if absent or bad. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime())
}

export function rememberRetryAfter(error: CrmkitError, delay: number | undefined): CrmkitError {
  if (delay !== undefined) RETRY_AFTER.set(error, delay)
  return error
}

/** S3 codes that mean "try again" (AWS, ErrorResponses.html: SlowDown, InternalError, ServiceUnavailable). */
const S3_TRANSIENT = new Set(['SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout'])

/**
 * Whether an error may be retried. Refusals that mean "not processed" (OnePageCRM's throttle, SharpSpring's
 * 107, a connection never made, S3's SlowDown) are always retried; ambiguous failures (a reset after the
 * body went out, a timeout, a 5xx) only when the request is `idempotent`, so a `POST /attachments`
 * that may have landed is never sent twice.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (!(error instanceof CrmkitError) || error instanceof AbortError) return false
  if (error instanceof OnePageCrmThrottledError) return true
  if (error instanceof NetworkError) return error.notSent || idempotent
  if (error instanceof TimeoutError) return idempotent
  if (error instanceof S3Error) return S3_TRANSIENT.has(error.s3Code)
  if (error instanceof SharpSpringApiError)
    return error.code === 'CRMKIT_SHARPSPRING_API' && error.apiCode === 107
  if (error instanceof HttpStatusError)
    return error.status === 429 || error.status === 503 || (error.status >= 500 && idempotent)
  if (error instanceof OnePageCrmApiError) return error.status >= 500 && idempotent
  return false
}

export interface RetryContext {
  readonly retry: NormalizedRetry
  readonly idempotent: boolean
  readonly signal?: AbortSignal | undefined
  readonly random: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Whether the body can be sent again; false once a one-shot stream was read. */
  readonly canResend?: () => boolean
  readonly onRetry?: ((event: RetryEvent) => void) | undefined
}

/**
 * Runs `attempt` until it succeeds or fails for good, waiting an exponential backoff with jitter (half
 * fixed, half random) or the server's `Retry-After` between attempts. The thrown error records `attempts`.
 */
export async function withRetries<T>(context: RetryContext, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n)
    } catch (error) {
      if (error instanceof CrmkitError) error.attempts = n
      const retryAfter = error instanceof CrmkitError ? RETRY_AFTER.get(error) : undefined
      const again =
        n <= context.retry.retries &&
        isRetryable(error, context.idempotent) &&
        (context.canResend?.() ?? true) &&
        (retryAfter === undefined || retryAfter <= context.retry.maxRetryAfter)
      if (!again) throw error
      const backoff = Math.min(context.retry.maxDelay, context.retry.minDelay * 2 ** (n - 1))
      const delay = Math.max(retryAfter ?? 0, Math.round(backoff / 2 + (context.random() * backoff) / 2))
      context.onRetry?.({
        attempt: n,
        maxAttempts: context.retry.retries + 1,
        delay,
        retryAfter,
        reason: retryReason(error as CrmkitError),
        error: error as CrmkitError,
      })
      try {
        await context.sleep(delay, context.signal)
      } catch {
        throw new AbortError((error as CrmkitError).request, context.signal?.reason)
      }
    }
  }
}

/** A timer that an `AbortSignal` cuts short (with a rejection). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
