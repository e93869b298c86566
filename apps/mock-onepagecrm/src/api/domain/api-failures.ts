/**
 * Every way an API call can fail, as values. `http/api-errors.ts` is the one table that turns each into
 * OnePageCRM's error envelope (status, message, error_name, error_message, errors).
 */
export type ApiFailure =
  /** No, malformed or wrong HTTP Basic credentials (FIDELITY.md, OnePageCRM "Basics"). */
  | { readonly kind: 'authorization_data_not_found' }
  /** A missing or invalid parameter; `errors` maps each field at fault to what is wrong with it. */
  | { readonly kind: 'invalid_request_data'; readonly errors: Readonly<Record<string, string>> }
  /** No `resource` with this id (that this user may see). */
  | { readonly kind: 'resource_not_found'; readonly resource: string; readonly id: string }
  /** The account's storage cannot take `size` more bytes (inferred: the spec's "account limit" 403). */
  | { readonly kind: 'storage_quota_exceeded'; readonly storageLeft: number; readonly size: number }
  /** The caller may not do this (the spec's 403: "does not have permission for this operation"). */
  | { readonly kind: 'forbidden'; readonly reason: string }
  /** The account keeps at most `limit` of `resource` (the spec's 403: "an account limit has been reached"). */
  | { readonly kind: 'account_limit_reached'; readonly resource: string; readonly limit: number }
  /**
   * The record's state does not allow the operation: the spec's 409 ("Conflict"), the portal's "Precondition
   * failed" (http://developer.onepagecrm.com/, "Response Format"); `reason` says which state, and why.
   */
  | {
      readonly kind: 'precondition_failed'
      readonly reason: string
      readonly errors: Readonly<Record<string, string>>
    }
  /** An image of a type the operation does not take (the spec's 415, documented for company logos). */
  | { readonly kind: 'unsupported_media_type'; readonly errors: Readonly<Record<string, string>> }
  /** A well-formed request that cannot be processed (the spec's 422, documented for company logos). */
  | { readonly kind: 'unprocessable_entity'; readonly errors: Readonly<Record<string, string>> }
  /** The request body is longer than the `limit` bytes the API reads (inferred: the vendor documents none). */
  | { readonly kind: 'request_too_large'; readonly limit: number }
  /**
   * A documented operation, query parameter or body field crmkit does not emulate: refused, never ignored.
   * `operation` is `METHOD /path`; `parameters` maps each parameter or field at fault to why.
   */
  | {
      readonly kind: 'not_emulated'
      readonly operation: string
      readonly parameters: Readonly<Record<string, string>>
    }

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: ApiFailure }

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value })

export const invalid = (errors: Readonly<Record<string, string>>): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'invalid_request_data', errors },
})

export const notFound = (resource: string, id: string): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'resource_not_found', resource, id },
})

export const unsupportedMediaType = (errors: Readonly<Record<string, string>>): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'unsupported_media_type', errors },
})

export const unprocessable = (errors: Readonly<Record<string, string>>): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'unprocessable_entity', errors },
})

export const unauthorized = (): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'authorization_data_not_found' },
})

/** The record's state does not allow the operation: `reason` says why, `errors` names the fields. */
export const preconditionFailed = (
  reason: string,
  errors: Readonly<Record<string, string>> = {},
): ApiResult<never> => ({ ok: false, failure: { kind: 'precondition_failed', reason, errors } })

/** No room for `size` more bytes (`size` 0: no room at all). */
export const quotaExceeded = (storageLeft: number, size: number): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'storage_quota_exceeded', storageLeft, size },
})

export const forbidden = (reason: string): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'forbidden', reason },
})

export const accountLimit = (resource: string, limit: number): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'account_limit_reached', resource, limit },
})

export const tooLarge = (limit: number): ApiResult<never> => ({
  ok: false,
  failure: { kind: 'request_too_large', limit },
})

/** The vendor's wording for a field that is missing or malformed (`components/responses/400`). */
export const invalidOrMissing = (field: string) => `${field} is invalid or missing`

/** A documented operation, or some of its parameters, crmkit does not emulate. */
export const notEmulated = (
  operation: string,
  parameters: Readonly<Record<string, string>> = {},
): ApiResult<never> => ({ ok: false, failure: { kind: 'not_emulated', operation, parameters } })
