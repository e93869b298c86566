import { failures, type S3PostFailure, spacedHexBytes } from '@crmkit/s3-post-policy'
import { byteStringHex, byteStringText } from './canonical-request.js'

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

/**
 * POST's `SignatureDoesNotMatch`, plus the canonical request that SigV4 signs (header or query
 * authentication). `canonicalRequest` is a byte string: its bytes are what was signed.
 */
export const sigV4SignatureDoesNotMatch = (
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
      ['CanonicalRequest', byteStringText(canonicalRequest)],
      ['CanonicalRequestBytes', byteStringHex(canonicalRequest)],
    ],
  }
}

/** `x-amz-*` headers the signature does not cover, lower-cased and comma-separated [CAP]. */
export const headersNotSigned = (names: readonly string[]) =>
  failure(403, 'AccessDenied', 'There were headers present in the request which were not signed', [
    ['HeadersNotSigned', names.join(', ')],
  ])

// Header authentication (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).

/** The `Authorization` header cannot be read as SigV4's three components; `detail` says why. */
export const authorizationHeaderMalformed = (
  detail: string,
  details: ReadonlyArray<readonly [string, string]> = [],
) => failure(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${detail}`, details)

/** An `Authorization` header of a scheme S3 does not know (`Bearer …`). */
export const unsupportedAuthorizationType = (value: string) =>
  failure(400, 'InvalidArgument', 'Unsupported Authorization Type', [
    ['ArgumentName', 'Authorization'],
    ['ArgumentValue', value],
  ])

/** SigV2 (`AWS AKID:signature`): regions opened since 2014, the default eu-central-1 among them, refuse it. */
export const sigV2NotSupported = () =>
  failure(
    400,
    'InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
  )

/** Both an `Authorization` header and query authentication. */
export const twoAuthMechanisms = (authorization: string) =>
  failure(
    400,
    'InvalidArgument',
    'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    [
      ['ArgumentName', 'Authorization'],
      ['ArgumentValue', authorization],
    ],
  )

export const missingDate = () =>
  failure(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header')

/** More than 15 minutes between the request's date and the server's clock, either way. */
export const requestTimeTooSkewed = (requestTime: string, serverTime: string, maxSkewMs: number) =>
  failure(
    403,
    'RequestTimeTooSkewed',
    'The difference between the request time and the current time is too large.',
    [
      ['RequestTime', requestTime],
      ['ServerTime', serverTime],
      ['MaxAllowedSkewMilliseconds', String(maxSkewMs)],
    ],
  )

export const missingContentSha256 = () =>
  failure(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256')

export const invalidContentSha256 = (value: string) =>
  failure(
    400,
    'InvalidArgument',
    'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    [
      ['ArgumentName', 'x-amz-content-sha256'],
      ['ArgumentValue', value],
    ],
  )

/** The payload's SHA-256 is not the `x-amz-content-sha256` the request was signed with. */
export const contentSha256Mismatch = (clientComputed: string, s3Computed: string) =>
  failure(
    400,
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    [
      ['ClientComputedContentSHA256', clientComputed],
      ['S3ComputedContentSHA256', s3Computed],
    ],
  )

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

export const invalidRequest = (message: string) => failure(400, 'InvalidRequest', message)

// PutObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).

export const missingContentLength = () =>
  failure(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')

/** "Your proposed upload exceeds the maximum allowed object size": 5 GB in one PUT. */
export const putEntityTooLarge = (proposed: number, max: number) =>
  failure(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', [
    ['ProposedSize', String(proposed)],
    ['MaxSizeAllowed', String(max)],
  ])

export const incompleteBody = (expected: number, provided: number) =>
  failure(
    400,
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    [
      ['NumberBytesExpected', String(expected)],
      ['NumberBytesProvided', String(provided)],
    ],
  )

/** An `aws-chunked` body whose framing cannot be read (inferred). */
export const malformedChunkedBody = () =>
  failure(400, 'IncompleteBody', 'The request body terminated unexpectedly')

export const malformedTrailer = () =>
  failure(
    400,
    'MalformedTrailerError',
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  )

/** Content-MD5 that is not the base64 of 16 bytes. */
export const invalidDigest = (contentMd5: string) =>
  failure(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', [['Content-MD5', contentMd5]])

/** The body's MD5 is not the Content-MD5 sent (elements inferred). */
export const badDigest = (expected: string, calculated: string) =>
  failure(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', [
    ['ExpectedDigest', expected],
    ['CalculatedDigest', calculated],
  ])

/** An additional checksum that is not the body's: `The CRC32 you specified did not match the calculated checksum.` */
export const checksumMismatch = (algorithm: string) =>
  failure(400, 'BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`)

/** A tag set S3 refuses (texts inferred). */
export const invalidTag = (message: string) => failure(400, 'InvalidTag', message)

/** A parameter S3 cannot take, named with its value (the InvalidArgument form of AWS's ErrorResponses). */
export const invalidArgument = (message: string, name: string, value: string) =>
  failure(400, 'InvalidArgument', message, [
    ['ArgumentName', name],
    ['ArgumentValue', value],
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

/**
 * Functionality the emulator does not have: an operation, or a header or parameter of an emulated one,
 * named in the message. S3 names the header it does not implement in a Header element.
 */
export const notImplemented = (what: string, header?: string) =>
  failure(
    501,
    'NotImplemented',
    `A header you provided implies functionality that is not implemented (${what} is not emulated by crmkit)`,
    header === undefined ? [] : [['Header', header]],
  )
