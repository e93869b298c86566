import type { S3PostFailure } from '@crmkit/s3-post-policy'
import { sizeWithBytes } from '../human.js'
import { CrmkitError, type ErrorRequest } from './crmkit-error.js'
import { describeS3Details, describeSharpSpringData } from './describe-details.js'

/**
 * One SharpSpring error object, API-level or of one object:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 */
export interface SharpSpringErrorObject {
  readonly code: number
  readonly message: string
  readonly data: unknown
}

/**
 * An error object as a message reads it: code, message and what its `data` says, e.g.
 * `205 Invalid parameters: fieldSystemName 'x': no such field`.
 */
function describeRpcError(error: SharpSpringErrorObject): string {
  const detail = describeSharpSpringData(error.data)
  return detail === ''
    ? `${error.code} ${error.message}`
    : `${error.code} ${error.message.replace(/\.$/, '')}: ${detail}`
}

/** Failures of a partial result shown in its message; the rest are counted. */
const SHOWN_FAILURES = 3

/**
 * SharpSpring refused the whole call: `apiCode` is its error code (105 bad credentials, 107 too fast…).
 * The message carries what the vendor's `data` says (the field, the file, a size and its limit).
 */
export class SharpSpringApiError extends CrmkitError {
  static override readonly brand: string = 'SharpSpringApiError'
  readonly apiCode: number
  readonly apiMessage: string
  readonly data: unknown
  /** The JSON-RPC method, or `uploadFiles` / `uploadProductImage`. */
  readonly method: string

  constructor(request: ErrorRequest, method: string, error: SharpSpringErrorObject, message?: string) {
    super('CRMKIT_SHARPSPRING_API', message ?? `SharpSpring ${method} failed: ${describeRpcError(error)}`, {
      request,
    })
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
    // Failed items in input order, to say which object each error belongs to (#1 is the first object).
    const positions = results.flatMap((item, index) =>
      typeof item === 'object' && item !== null && (item as { success?: unknown }).success === false
        ? [index]
        : [],
    )
    const labelled = results.length > 1 && positions.length === errors.length
    const shown = errors
      .slice(0, SHOWN_FAILURES)
      .map((error, i) => `${labelled ? `#${(positions[i] as number) + 1} ` : ''}${describeRpcError(error)}`)
    const more = errors.length > SHOWN_FAILURES ? `; and ${errors.length - SHOWN_FAILURES} more` : ''
    const counted = results.length > 0 ? `${errors.length} of ${results.length}` : `${errors.length}`
    super(
      request,
      method,
      first,
      `SharpSpring ${method}: ${counted} objects failed: ${shown.join('; ')}${more}`,
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

/**
 * S3's XML `<Error>`: `s3Code` (`EntityTooLarge`, `AccessDenied`…), `s3Message` and the extra elements,
 * which the message shows too (sizes in human units and bytes, e.g. `ProposedSize`, `MaxSizeAllowed`).
 */
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
    const details = describeS3Details(error.details)
    super(
      'CRMKIT_S3',
      `S3 ${status} ${error.code}: ${error.message}${details === '' ? '' : `; ${details}`}`,
      { request },
    )
    this.status = status
    this.s3Code = error.code
    this.s3Message = error.message
    this.details = error.details
    this.requestId = error.requestId
  }
}

/** What the client knew of the refused file when the policy check failed. */
export interface PolicyViolationContext {
  /** The file's size in bytes. */
  readonly size?: number | undefined
  /** The size range the form's policy allows (its `content-length-range`), in bytes. */
  readonly allowedSize?: { readonly min: number; readonly max: number } | undefined
}

const numeric = (text: string | undefined) =>
  text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined

/** The message of a policy violation: the file was not sent, and why; for a size, the size and the range. */
function policyMessage(fileName: string, failure: S3PostFailure, context: PolicyViolationContext): string {
  const details = Object.fromEntries(failure.details)
  const size = context.size ?? numeric(details.ProposedSize)
  const min = context.allowedSize?.min ?? numeric(details.MinSizeAllowed)
  const max = context.allowedSize?.max ?? numeric(details.MaxSizeAllowed)
  if ((failure.code === 'EntityTooLarge' || failure.code === 'EntityTooSmall') && size !== undefined) {
    const range =
      min !== undefined && max !== undefined
        ? `${sizeWithBytes(min)} to ${sizeWithBytes(max)}`
        : max !== undefined
          ? `at most ${sizeWithBytes(max)}`
          : min !== undefined
            ? `at least ${sizeWithBytes(min)}`
            : undefined
    const allowed = range === undefined ? '' : `; the upload form allows ${range}`
    return `${fileName} was not sent: it is ${sizeWithBytes(size)}${allowed} [${failure.code}]`
  }
  return `${fileName} was not sent: the upload form's policy refuses it [${failure.code}: ${failure.message}]`
}

/**
 * The file breaks the upload form's policy (size range, key prefix, expiry, another condition), found
 * before anything was sent: the message says so (for a size, the file's size and the allowed range) and
 * does not name the request. `s3Code`, `s3Message` and `details` are the answer S3 would have given.
 */
export class PolicyViolationError extends CrmkitError {
  static override readonly brand: string = 'PolicyViolationError'
  readonly fileName: string
  readonly s3Code: string
  readonly s3Message: string
  readonly details: Readonly<Record<string, string>>
  /** The file's size in bytes, when known. */
  readonly size: number | undefined
  /** The size range the form's policy allows, in bytes, when it sets one. */
  readonly allowedSize: { readonly min: number; readonly max: number } | undefined

  constructor(
    fileName: string,
    failure: S3PostFailure,
    request?: ErrorRequest,
    context: PolicyViolationContext = {},
  ) {
    super('CRMKIT_POLICY_VIOLATION', policyMessage(fileName, failure, context), { request, sent: false })
    this.fileName = fileName
    this.s3Code = failure.code
    this.s3Message = failure.message
    this.details = Object.fromEntries(failure.details)
    this.size = context.size
    this.allowedSize = context.allowedSize
  }
}
