import { failures, type S3PostFailure, spacedHexBytes } from '@crmkit/s3-post-policy'

/** Every S3 error the emulator answers: status, Code, Message and extra elements (rendered as S3's XML). */
export type S3Failure = S3PostFailure

const failure = (
  status: number,
  code: string,
  message: string,
  details: ReadonlyArray<readonly [string, string]> = [],
): S3Failure => ({ status, code, message, details })

/** The POST-upload failures (the failure table of docs/s3-post-policy-rules.md), from the policy engine. */
export const postFailures = failures

// The rest follow AWS's error-code list, with texts as S3 sends them:
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
export const noSuchBucket = (bucket: string) =>
  failure(404, 'NoSuchBucket', 'The specified bucket does not exist', [['BucketName', bucket]])

export const noSuchKey = (key: string) =>
  failure(404, 'NoSuchKey', 'The specified key does not exist.', [['Key', key]])

export const accessDenied = () => failure(403, 'AccessDenied', 'Access Denied')

export const requestExpired = (expires: string, expiresAt: string, serverTime: string) =>
  failure(403, 'AccessDenied', 'Request has expired', [
    ['X-Amz-Expires', expires],
    ['Expires', expiresAt],
    ['ServerTime', serverTime],
  ])

export const requestNotYetValid = (amzDate: string, serverTime: string) =>
  failure(403, 'AccessDenied', 'Request is not valid yet', [
    ['X-Amz-Date', amzDate],
    ['ServerTime', serverTime],
  ])

export const authorizationQueryParametersError = (
  message: string,
  details: ReadonlyArray<readonly [string, string]> = [],
) => failure(400, 'AuthorizationQueryParametersError', message, details)

/** POST's `SignatureDoesNotMatch`, plus the canonical request that query authentication signs. */
export const querySignatureDoesNotMatch = (
  accessKeyId: string,
  stringToSign: string,
  signatureProvided: string,
  canonicalRequest: string,
): S3Failure => {
  const base = failures.signatureDoesNotMatch(
    accessKeyId,
    stringToSign,
    signatureProvided,
    spacedHexBytes(stringToSign),
  )
  return {
    ...base,
    details: [
      ...base.details,
      ['CanonicalRequest', canonicalRequest],
      ['CanonicalRequestBytes', spacedHexBytes(canonicalRequest)],
    ],
  }
}

/**
 * A conditional header that did not hold: `If-Match` or `If-Unmodified-Since`, named in Condition as S3
 * names the failed condition of a POST's Content-Type (row 25 of the failure table).
 */
export const preconditionFailed = (condition: string) =>
  failure(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', [
    ['Condition', condition],
  ])

/** `requested` is the Range header as sent. */
export const invalidRange = (requested: string, size: number) =>
  failure(416, 'InvalidRange', 'The requested range is not satisfiable', [
    ['RangeRequested', requested],
    ['ActualObjectSize', String(size)],
  ])

/** A request path with a bad percent-escape or bytes that are not UTF-8 (extra elements inferred: none). */
export const invalidUri = () => failure(400, 'InvalidURI', "Couldn't parse the specified URI.")

/** An empty object key, as S3 answers a POST whose `key` is empty (element values inferred). */
export const emptyKey = () =>
  failure(400, 'InvalidArgument', 'User key must have a length greater than 0.', [
    ['ArgumentName', 'key'],
    ['ArgumentValue', ''],
  ])

/** A key over 1,024 bytes of UTF-8 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). */
export const keyTooLong = (size: number, max: number) =>
  failure(400, 'KeyTooLongError', 'Your key is too long', [
    ['Size', String(size)],
    ['MaxSizeAllowed', String(max)],
  ])

/**
 * User metadata over 2 KB, counted as the UTF-8 bytes of each name and value
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 */
export const metadataTooLarge = (size: number, max: number) =>
  failure(400, 'MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', [
    ['Size', String(size)],
    ['MaxSizeAllowed', String(max)],
  ])

/** A `response-*` override that no HTTP header can carry, named by its query parameter. */
export const headerValueNotIso88591 = (parameter: string, value: string) =>
  failure(400, 'InvalidArgument', 'Header value cannot be represented using ISO-8859-1.', [
    ['ArgumentName', parameter],
    ['ArgumentValue', value],
  ])

/**
 * S3's answer to a POST body the multipart parser could not read, by the parser's failure kind
 * (`MultipartError.kind` of `@crmkit/mock-kit`); `undefined` when the client went away and nobody is left
 * to answer. A kind this table does not know is a body S3 cannot read: MalformedPOSTRequest (row 29).
 */
export function unreadableBody(
  kind: string,
  context: { readonly fileStarted: boolean; readonly maxPreDataBytes: number },
): S3Failure | undefined {
  switch (kind) {
    case 'aborted':
      return undefined
    case 'not-multipart':
      return failures.notMultipart()
    case 'too-many-parts':
    case 'name-too-long':
      // Parts and names before the file are form data before the file (row 28); past the file the body is
      // refused.
      return context.fileStarted
        ? failures.malformedPostRequest()
        : failures.maxPostPreDataLengthExceeded(context.maxPreDataBytes)
    default:
      return failures.malformedPostRequest()
  }
}

export const corsNotEnabled = () => failure(403, 'CORSResponse', 'CORS is not enabled for this bucket.')

export const corsOriginMissing = () =>
  failure(400, 'BadRequest', 'Insufficient information. Origin request header needed.')

/** A method no S3 operation has on that resource (a POST to the service itself). */
export const methodNotAllowed = (method: string, resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT') =>
  failure(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', [
    ['Method', method],
    ['ResourceType', resourceType],
  ])

export const notImplemented = (what: string) =>
  failure(
    501,
    'NotImplemented',
    `A header you provided implies functionality that is not implemented (${what} is not emulated by crmkit)`,
  )
