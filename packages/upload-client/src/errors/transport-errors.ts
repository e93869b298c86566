import { CrmkitError, type ErrorRequest } from './crmkit-error.js'

/** The connection failed (refused, reset, DNS) before a whole answer arrived. */
export class NetworkError extends CrmkitError {
  static override readonly brand: string = 'NetworkError'
  /** The system's or undici's code (`ECONNRESET`, `UND_ERR_SOCKET`), when there is one. */
  readonly causeCode: string | undefined
  /** Whether the request was certainly not processed (the connection was never made). */
  readonly notSent: boolean

  constructor(request: ErrorRequest, cause: unknown, notSent: boolean) {
    const causeCode = (cause as { code?: unknown } | undefined)?.code
    const detail =
      typeof causeCode === 'string' ? causeCode : ((cause as Error | undefined)?.message ?? 'unknown')
    super('CRMKIT_NETWORK', `Network error (${detail})`, { cause, request })
    this.causeCode = typeof causeCode === 'string' ? causeCode : undefined
    this.notSent = notSent
  }
}

/** Nothing was sent or received for `timeout` milliseconds. */
export class TimeoutError extends CrmkitError {
  static override readonly brand: string = 'TimeoutError'
  readonly timeout: number

  constructor(request: ErrorRequest, timeout: number) {
    super('CRMKIT_TIMEOUT', `No progress for ${timeout} ms`, { request })
    this.timeout = timeout
  }
}

/** The caller's `AbortSignal` fired; never retried. `cause` is the signal's reason. */
export class AbortError extends CrmkitError {
  static override readonly brand: string = 'AbortError'

  constructor(request: ErrorRequest | undefined, reason: unknown) {
    super('CRMKIT_ABORTED', 'Aborted', { cause: reason, request })
  }
}

/** An answer whose status the vendor's format does not explain (a proxy's 502 page, say). */
export class HttpStatusError extends CrmkitError {
  static override readonly brand: string = 'HttpStatusError'
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The start of the body (at most 1 KiB). */
  readonly body: string

  constructor(
    request: ErrorRequest,
    status: number,
    headers: Readonly<Record<string, string>>,
    body: string,
  ) {
    super('CRMKIT_HTTP_STATUS', `Unexpected HTTP ${status}`, { request })
    this.status = status
    this.headers = headers
    this.body = body.slice(0, 1024)
  }
}

/** An answer that does not match the vendor's documented shape; `issues` name the paths that failed. */
export class InvalidResponseError extends CrmkitError {
  static override readonly brand: string = 'InvalidResponseError'
  readonly status: number
  readonly issues: readonly string[]

  constructor(request: ErrorRequest, status: number, issues: readonly string[]) {
    super('CRMKIT_INVALID_RESPONSE', `Unexpected response (${issues.slice(0, 3).join('; ')})`, { request })
    this.status = status
    this.issues = issues
  }
}
