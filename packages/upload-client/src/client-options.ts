import type { Dispatcher } from 'undici'
import { InvalidOptionsError } from './errors/usage-errors.js'
import {
  abortableSleep,
  DEFAULT_RETRY,
  type NormalizedRetry,
  type RetryEvent,
  type RetryOptions,
} from './retry.js'

/** Options both clients take. */
export interface CommonClientOptions {
  /** Longest time (ms) a request may go without sending or receiving a byte. Default 30 000. */
  readonly timeout?: number
  /** Retry policy; `false` sends each request once. Defaults in `RetryOptions`. */
  readonly retry?: RetryOptions | false
  /** An undici dispatcher (an `Agent`, a `ProxyAgent`, a `MockAgent`); default undici's global one. */
  readonly dispatcher?: Dispatcher
  /**
   * Told before each wait and retry: the failed attempt and the most there will be, the wait (ms), any
   * `Retry-After`, a short reason and the error, e.g. to print
   * `retrying in 20 s (OnePageCRM throttled: 403), attempt 2 of 4`.
   */
  readonly onRetry?: (event: RetryEvent) => void
  /** Sent as User-Agent. Default `crmkit-upload-client`. */
  readonly userAgent?: string
  /** The time, for policy expiry and S3 keys; inject it for deterministic tests. Default `new Date()`. */
  readonly clock?: () => Date
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: () => number
  /** How the client waits between attempts; inject it so tests need not wait. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call, including any wait between attempts; never retried. */
  readonly signal?: AbortSignal
  /** Overrides the client's `timeout` for this call. */
  readonly timeout?: number
  /** Told before each retry of this call (besides the client's `onRetry`). */
  readonly onRetry?: (event: RetryEvent) => void
}

/** One file's progress: bytes of it sent so far in the current attempt (a retry starts again at 0). */
export interface ProgressEvent {
  readonly fileName: string
  /** The file's index among the files of the call. */
  readonly fileIndex: number
  readonly loaded: number
  readonly total: number
  /** Which attempt of the request is sending (from 1). */
  readonly attempt: number
}

export interface UploadCallOptions extends CallOptions {
  readonly onProgress?: (event: ProgressEvent) => void
}

export interface NormalizedCommon {
  readonly timeout: number
  readonly retry: NormalizedRetry
  readonly dispatcher: Dispatcher | undefined
  readonly onRetry: ((event: RetryEvent) => void) | undefined
  readonly userAgent: string
  readonly clock: () => Date
  readonly random: () => number
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

const positiveInteger = (value: number | undefined) =>
  value === undefined || (Number.isSafeInteger(value) && value > 0)

/** Checks the options once, when the client is made, naming the option and the fix. */
export function normalizeCommon(options: CommonClientOptions): NormalizedCommon {
  if (!positiveInteger(options.timeout))
    throw new InvalidOptionsError('timeout', 'must be a positive number of ms')
  const retry =
    options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry }
  if (!Number.isSafeInteger(retry.retries) || retry.retries < 0) {
    throw new InvalidOptionsError(
      'retry.retries',
      'must be a whole number, 0 or more (false turns retrying off)',
    )
  }
  for (const key of ['minDelay', 'maxDelay', 'maxRetryAfter'] as const) {
    if (!Number.isFinite(retry[key]) || retry[key] < 0)
      throw new InvalidOptionsError(`retry.${key}`, 'must be ms, 0 or more')
  }
  return {
    timeout: options.timeout ?? 30_000,
    retry,
    dispatcher: options.dispatcher,
    onRetry: options.onRetry,
    userAgent: options.userAgent ?? 'crmkit-upload-client',
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
  }
}

/** A base URL without its trailing slashes; an unparseable one is an InvalidOptionsError. */
export function normalizeBaseUrl(option: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidOptionsError(option, `'${value}' is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidOptionsError(option, 'must be http(s)')
  if (url.search !== '' || url.hash !== '')
    throw new InvalidOptionsError(option, 'must have no query or fragment')
  return url.href.replace(/\/+$/, '')
}

export function requireText(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new InvalidOptionsError(option, 'is required (a non-empty string)')
  return value
}
