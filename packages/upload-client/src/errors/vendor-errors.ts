import type { S3PostFailure } from '@crmkit/s3-post-policy'
import { CrmkitError, type ErrorRequest } from './crmkit-error.js'

/**
 * One SharpSpring error object, API-level or of one object:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 */
export interface SharpSpringErrorObject {
  readonly code: number
  readonly message: string
  readonly data: unknown
}

/** SharpSpring refused the whole call: `apiCode` is its error code (105 bad credentials, 107 too fast…). */
export class SharpSpringApiError extends CrmkitError {
  static override readonly brand: string = 'SharpSpringApiError'
  readonly apiCode: number
  readonly apiMessage: string
  readonly data: unknown
  /** The JSON-RPC method, or `uploadFiles` / `uploadProductImage`. */
  readonly method: string

  constructor(request: ErrorRequest, method: string, error: SharpSpringErrorObject, message?: string) {
    super(
      'CRMKIT_SHARPSPRING_API',
      message ?? `SharpSpring ${method} failed: ${error.code} ${error.message}`,
      {
        request,
      },
    )
    this.apiCode = error.code
    this.apiMessage = error.message
    this.data = error.data
    this.method = method
  }
}

/**
 * The call succeeded but some objects failed ("in the case of object-level errors, the request has
 * succeeded"). `results` holds every item, in input order, so the ones that worked can be told apart;
 * `apiCode` and `apiMessage` are the first failure's.
 */
export class SharpSpringPartialFailureError<T = unknown> extends SharpSpringApiError {
  static override readonly brand: string = 'SharpSpringPartialFailureError'
  override readonly code = 'CRMKIT_SHARPSPRING_PARTIAL' as const
  readonly errors: readonly SharpSpringErrorObject[]
  readonly results: readonly T[]

  constructor(
    request: ErrorRequest,
    method: string,
    errors: readonly SharpSpringErrorObject[],
    results: readonly T[],
  ) {
    const first = errors[0] ?? { code: 0, message: 'unknown', data: null }
    super(
      request,
      method,
      first,
      `SharpSpring ${method}: ${errors.length} of ${results.length} objects failed (first: ${first.code} ${first.message})`,
    )
    this.errors = errors
    this.results = results
  }
}

/** OnePageCRM's JSON error envelope: `status`, `error_name`, `error_message` and per-field `errors`. */
export class OnePageCrmApiError extends CrmkitError {
  static override readonly brand: string = 'OnePageCrmApiError'
  readonly status: number
  readonly errorName: string
  readonly errorMessage: string
  readonly errors: Readonly<Record<string, string>>

  constructor(
    request: ErrorRequest,
    envelope: {
      status: number
      error_name: string
      error_message: string
      errors?: Record<string, string> | null | undefined
    },
  ) {
    const fields = Object.entries(envelope.errors ?? {})
      .map(([field, problem]) => `${field} ${problem}`)
      .join(', ')
    super(
      'CRMKIT_ONEPAGECRM_API',
      `OnePageCRM ${envelope.status} ${envelope.error_name}: ${envelope.error_message}${fields ? ` (${fields})` : ''}`,
      { request },
    )
    this.status = envelope.status
    this.errorName = envelope.error_name
    this.errorMessage = envelope.error_message
    this.errors = envelope.errors ?? {}
  }
}

/**
 * OnePageCRM's rate limit (https://developer.onepagecrm.com/blog/api-rate-limit/): a plain-text 403, not the
 * JSON envelope. Retried.
 */
export class OnePageCrmThrottledError extends CrmkitError {
  static override readonly brand: string = 'OnePageCrmThrottledError'
  readonly status = 403
  readonly body: string

  constructor(request: ErrorRequest, body: string) {
    super('CRMKIT_ONEPAGECRM_THROTTLED', `OnePageCRM rate limit: ${body.trim().slice(0, 200)}`, { request })
    this.body = body
  }
}

/** S3's XML `<Error>`: `s3Code` (`EntityTooLarge`, `AccessDenied`…), `s3Message` and the extra elements. */
export class S3Error extends CrmkitError {
  static override readonly brand: string = 'S3Error'
  readonly status: number
  readonly s3Code: string
  readonly s3Message: string
  /** The elements between `Message` and `RequestId`, e.g. `ProposedSize`, `MaxSizeAllowed`. */
  readonly details: Readonly<Record<string, string>>
  readonly requestId: string | undefined

  constructor(
    request: ErrorRequest,
    status: number,
    error: { code: string; message: string; details: Record<string, string>; requestId?: string | undefined },
  ) {
    super('CRMKIT_S3', `S3 ${status} ${error.code}: ${error.message}`, { request })
    this.status = status
    this.s3Code = error.code
    this.s3Message = error.message
    this.details = error.details
    this.requestId = error.requestId
  }
}

/**
 * The file breaks the upload form's policy (size range, key prefix, expiry, another condition), found
 * before anything was sent. The fields are the answer S3 would have given.
 */
export class PolicyViolationError extends CrmkitError {
  static override readonly brand: string = 'PolicyViolationError'
  readonly fileName: string
  readonly s3Code: string
  readonly s3Message: string
  readonly details: Readonly<Record<string, string>>

  constructor(fileName: string, failure: S3PostFailure, request?: ErrorRequest) {
    super(
      'CRMKIT_POLICY_VIOLATION',
      `${fileName} breaks the upload policy: ${failure.code}: ${failure.message}`,
      {
        request,
      },
    )
    this.fileName = fileName
    this.s3Code = failure.code
    this.s3Message = failure.message
    this.details = Object.fromEntries(failure.details)
  }
}
