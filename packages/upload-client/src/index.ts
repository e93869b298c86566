/**
 * One typed, streaming, retrying client for SharpSpring's `/uploadFiles` and `/uploadProductImage` and
 * OnePageCRM's three-step S3 upload, built on undici.
 *
 * @module
 */

export type { CallOptions, CommonClientOptions, ProgressEvent, UploadCallOptions } from './client-options.js'
export { CrmkitError, type CrmkitErrorCode, type ErrorRequest, isCrmkitError } from './errors/crmkit-error.js'
export {
  AbortError,
  HttpStatusError,
  InvalidResponseError,
  NetworkError,
  TimeoutError,
} from './errors/transport-errors.js'
export { InvalidFileError, InvalidOptionsError } from './errors/usage-errors.js'
export {
  OnePageCrmApiError,
  OnePageCrmThrottledError,
  type PolicyViolationContext,
  PolicyViolationError,
  S3Error,
  SharpSpringApiError,
  type SharpSpringErrorObject,
  SharpSpringPartialFailureError,
} from './errors/vendor-errors.js'
export type { ByteStream, UploadFile } from './file-source.js'
export {
  type Attachment,
  type AttachTo,
  type CreateAttachmentInput,
  createOnePageCrmClient,
  type OnePageCrmClient,
  type OnePageCrmClientOptions,
  type UploadAttachmentInput,
  type UploadAttachmentResult,
  type UploadToS3Input,
} from './onepagecrm/client.js'
export type { S3Upload, UploadForm } from './onepagecrm/s3-upload.js'
export { redactUrl } from './redact.js'
export { isRetryable, type RetryEvent, type RetryOptions } from './retry.js'
export {
  createSharpSpringClient,
  type ProductImage,
  type SharpSpringCallOptions,
  type SharpSpringClient,
  type SharpSpringClientOptions,
  type SharpSpringObjectType,
  type UploadedFile,
  type UploadFilesInput,
  type UploadProductImageInput,
} from './sharpspring/client.js'
