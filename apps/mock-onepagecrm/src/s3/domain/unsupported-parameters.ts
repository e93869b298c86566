import type { SignedRequest } from './canonical-request.js'
import { notImplemented, type S3Failure } from './s3-failures.js'
import type { EmulatedOperation } from './s3-operation.js'

/** The query parameters of query authentication, which are not operation headers. */
const AUTH_PARAMETERS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-content-sha256',
])

/**
 * A request header of the operation: the header itself or, on a pre-signed URL, an `x-amz-*` query
 * parameter of that name, which S3 reads as the header (SDKs put `x-amz-checksum-crc32`, `x-amz-acl` or
 * metadata in the query when they pre-sign a PUT; https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
 */
export function operationHeader(request: SignedRequest, name: string): string | undefined {
  const header = request.header(name)
  if (header !== undefined) return header
  const lower = name.toLowerCase()
  if (!lower.startsWith('x-amz-') || AUTH_PARAMETERS.has(lower)) return undefined
  return request.query.find(([parameter]) => parameter.toLowerCase() === lower)?.[1]
}

/** The names of the operation's headers present, lower-cased: headers and hoisted `x-amz-*` parameters. */
export function operationHeaderNames(request: SignedRequest): string[] {
  const names = new Set(request.headerNames())
  for (const [parameter] of request.query) {
    const lower = parameter.toLowerCase()
    if (lower.startsWith('x-amz-') && !AUTH_PARAMETERS.has(lower)) names.add(lower)
  }
  return [...names]
}

// What each emulated operation documents and the emulator does not do, by the operation's API reference
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_<Operation>.html). Each answers 501 rather than a
// success that ignored it. Header names are lower-case; `*` ends a prefix.
const SSE_C = [
  'x-amz-server-side-encryption-customer-algorithm',
  'x-amz-server-side-encryption-customer-key',
  'x-amz-server-side-encryption-customer-key-md5',
]
const EVERY_OPERATION = ['x-amz-expected-bucket-owner', 'x-amz-security-token']

const HEADERS: Readonly<Record<EmulatedOperation, readonly string[]>> = {
  PostObject: [],
  GetObject: [...EVERY_OPERATION, ...SSE_C],
  HeadObject: [...EVERY_OPERATION, ...SSE_C],
  PutObject: [
    ...EVERY_OPERATION,
    ...SSE_C,
    'x-amz-server-side-encryption-aws-kms-key-id',
    'x-amz-server-side-encryption-context',
    'x-amz-server-side-encryption-bucket-key-enabled',
    'x-amz-grant-*',
    'x-amz-object-lock-mode',
    'x-amz-object-lock-retain-until-date',
    'x-amz-object-lock-legal-hold',
    'x-amz-website-redirect-location',
    'x-amz-write-offset-bytes',
  ],
  DeleteObject: [
    ...EVERY_OPERATION,
    'x-amz-mfa',
    'x-amz-bypass-governance-retention',
    'if-match',
    'x-amz-if-match-last-modified-time',
    'x-amz-if-match-size',
  ],
  ListObjectsV2: [...EVERY_OPERATION],
}

const QUERY: Readonly<Record<EmulatedOperation, readonly string[]>> = {
  PostObject: [],
  GetObject: ['versionId', 'partNumber'],
  HeadObject: ['versionId', 'partNumber'],
  PutObject: [],
  DeleteObject: ['versionId'],
  ListObjectsV2: [],
}

/**
 * The first documented header or query parameter of `operation` that the emulator does not honour, as
 * 501 NotImplemented naming it. `x-amz-server-side-encryption` is honoured only as `AES256`, which every
 * object already is (buckets are default-encrypted); other values ask for KMS.
 */
export function unsupportedParameter(
  operation: EmulatedOperation,
  request: SignedRequest,
): S3Failure | undefined {
  for (const parameter of QUERY[operation]) {
    if (request.query.some(([name]) => name === parameter))
      return notImplemented(`the ${parameter} parameter of ${operation}`)
  }
  const present = operationHeaderNames(request)
  for (const pattern of HEADERS[operation]) {
    const name = present.find((header) =>
      pattern.endsWith('*') ? header.startsWith(pattern.slice(0, -1)) : header === pattern,
    )
    if (name !== undefined) return notImplemented(`the ${name} header of ${operation}`, name)
  }
  if (operation === 'PutObject') {
    const encryption = operationHeader(request, 'x-amz-server-side-encryption')
    if (encryption !== undefined && encryption !== 'AES256') {
      return notImplemented(
        `x-amz-server-side-encryption: ${encryption} on PutObject (objects are AES256)`,
        'x-amz-server-side-encryption',
      )
    }
  }
  return undefined
}
