import { journalDetail } from '@crmkit/mock-kit'
import type { ApiFailure } from '../domain/api-failures.js'

/**
 * OnePageCRM's error envelope (`components/responses/400`, `401` of https://github.com/OnePageCRM/swagger).
 */
export interface ErrorBody {
  readonly status: number
  readonly message: string
  readonly error_name: string
  readonly error_message: string
  readonly errors?: Readonly<Record<string, string>>
}

/**
 * The one table from failure to answer. 401 and 400 are documented word for word, 404 from the vendor's
 * historic docs (which show no `errors` key); the full-storage 403 and the too-large 413 are inferred (see
 * FIDELITY.md).
 */
export function renderFailure(failure: ApiFailure): ErrorBody {
  switch (failure.kind) {
    case 'authorization_data_not_found':
      return {
        status: 401,
        message: 'Authorization data not found',
        error_name: 'authorization_data_not_found',
        error_message: 'Cannot find suitable authorization data or data provided is not complete.',
        errors: {},
      }
    case 'invalid_request_data':
      return {
        status: 400,
        message: 'Invalid request data',
        error_name: 'invalid_request_data',
        error_message: 'A validation error has occurred',
        errors: failure.errors,
      }
    case 'resource_not_found':
      return {
        status: 404,
        message: 'Resource not found',
        error_name: 'resource_not_found',
        error_message: `Couldn't find ${failure.resource} for id, ${failure.id}.\nThe ${failure.resource} may have been deleted or you may have used the wrong id`,
      }
    // The spec's 409 ("Conflict. The current state of the record does not allow this operation") and the
    // portal's status table (http://developer.onepagecrm.com/, "Response Format": "409 Precondition
    // Failed. Server state does not allow requested operation to be carried on"); the error name and the
    // wording of `error_message` are inferred.
    case 'precondition_failed':
      return {
        status: 409,
        message: 'Precondition failed',
        error_name: 'precondition_failed',
        error_message: failure.reason,
        errors: failure.errors,
      }
    // The spec's 415 and 422, documented (without a body) for `PATCH /companies/{id}/logo`; the wording is
    // inferred, in the vendor's envelope.
    case 'unsupported_media_type':
      return {
        status: 415,
        message: 'Unsupported media type',
        error_name: 'unsupported_media_type',
        error_message: 'The image must be a PNG or a JPEG',
        errors: failure.errors,
      }
    case 'unprocessable_entity':
      return {
        status: 422,
        message: 'Unprocessable entity',
        error_name: 'unprocessable_entity',
        error_message: 'The request could not be processed',
        errors: failure.errors,
      }
    case 'storage_quota_exceeded':
      return {
        status: 403,
        message: 'Forbidden',
        error_name: 'storage_limit_reached',
        error_message:
          failure.size > 0
            ? `The file needs ${failure.size} bytes and your account has ${failure.storageLeft} bytes of storage left.`
            : 'Your account has no storage left. Delete files, or add users, to make room.',
        errors: {},
      }
    // The spec's 403 ("The authenticated user does not have permission for this operation, or an account
    // limit has been reached"); its messages and error names are undocumented, so inferred.
    case 'forbidden':
      return {
        status: 403,
        message: 'Forbidden',
        error_name: 'forbidden',
        error_message: failure.reason,
        errors: {},
      }
    case 'account_limit_reached':
      return {
        status: 403,
        message: 'Forbidden',
        error_name: 'account_limit_reached',
        error_message: `Your account has reached its limit of ${failure.limit} ${failure.resource}.`,
        errors: {},
      }
    // HTTP's status for a body over the server's limit (RFC 9110, 15.5.14), in the vendor's envelope
    // (https://developer.onepagecrm.com/api/ documents the envelope, not this case).
    case 'request_too_large':
      return {
        status: 413,
        message: 'Request entity too large',
        error_name: 'request_entity_too_large',
        error_message: `The request body is larger than ${failure.limit} bytes, the most the API reads.`,
        errors: {},
      }
    // HTTP's status for what a server does not support (RFC 9110, 15.6.2), in the vendor's envelope: the
    // operation or parameter is the vendor's, the mock just does not emulate it (FIDELITY.md, "No silent yes").
    case 'not_emulated': {
      const names = Object.keys(failure.parameters)
      return {
        status: 501,
        message: 'Not implemented',
        error_name: 'not_emulated',
        error_message:
          names.length === 0
            ? `${failure.operation} is documented by OnePageCRM but not emulated by crmkit.`
            : `${failure.operation}: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} documented by OnePageCRM but not emulated by crmkit.`,
        errors: failure.parameters,
      }
    }
  }
}

/** A path the API does not have: the 404 envelope, naming the route (inferred wording). */
export const routeNotFound = (method: string, path: string): ErrorBody => ({
  status: 404,
  message: 'Resource not found',
  error_name: 'resource_not_found',
  error_message: `No route matches ${method} ${path}`,
})

/** A bug in the mock: the vendor's 500 (inferred wording). */
export const internalError = (): ErrorBody => ({
  status: 500,
  message: 'Internal server error',
  error_name: 'internal_server_error',
  error_message: 'Something went wrong on our side (a crmkit bug; the server log has the details).',
  errors: {},
})

/** Tells the journal entry of `request` the error it is answered with: `error_name` and `error_message`. */
export function journalError(request: Request, body: ErrorBody): ErrorBody {
  journalDetail(request, { error: { code: body.error_name, message: body.error_message } })
  return body
}
