import { parseAmzDate, parseCredential, signV4, timingSafeEqual, toAmzDate } from '@crmkit/s3-post-policy'
import {
  canonicalRequest,
  type SignedRequest,
  stringToSign,
  unsignedAmzHeaders,
} from './canonical-request.js'
import { httpDateSeconds } from './conditional-request.js'
import { lookupSecret, type S3Config } from './config.js'
import {
  authorizationHeaderMalformed,
  headersNotSigned,
  invalidContentSha256,
  missingContentSha256,
  missingDate,
  postFailures,
  requestTimeTooSkewed,
  type S3Failure,
  sigV2NotSupported,
  sigV4SignatureDoesNotMatch,
  unsupportedAuthorizationType,
} from './s3-failures.js'

export type HeaderSignatureResult =
  | { readonly ok: true; readonly accessKeyId: string; readonly payloadHash: string }
  | { readonly ok: false; readonly error: S3Failure }

/** "The request time must be within 15 minutes of the AWS time stamp" (RequestTimeTooSkewed, AWS ErrorResponses). */
export const MAX_SKEW_MS = 15 * 60 * 1000

/** What `x-amz-content-sha256` may say: the payload's SHA-256, or how the payload is sent. */
const PAYLOAD_MODES = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
])

/**
 * Verifies an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header, the
 * form the AWS SDKs send (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
 * Checked in this order (inferred): the scheme, the three components, the credential and its region, the
 * access key, the date and its skew, `x-amz-content-sha256`, unsigned `x-amz-*` headers, the signature.
 */
export async function verifyHeaderSignature(
  request: SignedRequest,
  config: S3Config,
  now: Date,
): Promise<HeaderSignatureResult> {
  const authorization = request.header('authorization') ?? ''
  const scheme = /^(\S+)(?: +|$)/.exec(authorization)?.[1] ?? ''
  if (scheme === 'AWS') return fail(sigV2NotSupported())
  if (scheme !== 'AWS4-HMAC-SHA256') return fail(unsupportedAuthorizationType(authorization))
  const components = readComponents(authorization.slice(scheme.length))
  if (components === undefined) {
    return fail(
      authorizationHeaderMalformed(
        'the authorization header requires three components: Credential, SignedHeaders, and Signature.',
      ),
    )
  }
  const scope = parseCredential(components.credential)
  if (scope === undefined) {
    return fail(
      authorizationHeaderMalformed(
        'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      ),
    )
  }
  if (scope.region !== config.region) {
    // Captured: `<Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting
    // 'us-west-2'</Message><Region>us-west-2</Region>`.
    return fail(
      authorizationHeaderMalformed(`the region '${scope.region}' is wrong; expecting '${config.region}'`, [
        ['Region', config.region],
      ]),
    )
  }
  if (scope.service !== 's3')
    return fail(
      authorizationHeaderMalformed(`incorrect service "${scope.service}". This endpoint belongs to "s3".`),
    )
  if (scope.terminator !== 'aws4_request') {
    return fail(
      authorizationHeaderMalformed(
        `incorrect terminal "${scope.terminator}". This endpoint uses "aws4_request".`,
      ),
    )
  }
  const secret = lookupSecret(config, scope.accessKeyId)
  if (secret === undefined) return fail(postFailures.invalidAccessKeyId(scope.accessKeyId))

  const amzDate = requestDate(request)
  if (amzDate === undefined) return fail(missingDate())
  if (amzDate.slice(0, 8) !== scope.dateStamp) {
    return fail(authorizationHeaderMalformed('Invalid credential date. Date is not the same as X-Amz-Date.'))
  }
  const signedAt = parseAmzDate(amzDate) as Date
  if (Math.abs(signedAt.getTime() - now.getTime()) > MAX_SKEW_MS) {
    return fail(requestTimeTooSkewed(amzDate, now.toISOString().replace(/\.\d{3}Z$/, 'Z'), MAX_SKEW_MS))
  }
  const payloadHash = request.header('x-amz-content-sha256')
  if (payloadHash === undefined) return fail(missingContentSha256())
  if (!PAYLOAD_MODES.has(payloadHash) && !/^[0-9a-f]{64}$/i.test(payloadHash))
    return fail(invalidContentSha256(payloadHash))

  const unsigned = unsignedAmzHeaders(request, components.signedHeaders)
  if (unsigned.length > 0) return fail(headersNotSigned(unsigned))
  const canonical = canonicalRequest(request, components.signedHeaders, payloadHash)
  const toSign = stringToSign(amzDate, scope, canonical)
  const expected = await signV4(secret, scope, toSign)
  if (!timingSafeEqual(expected, components.signature)) {
    return fail(sigV4SignatureDoesNotMatch(scope.accessKeyId, toSign, components.signature, canonical))
  }
  return { ok: true, accessKeyId: scope.accessKeyId, payloadHash }
}

/**
 * `Credential=…, SignedHeaders=…, Signature=…` in any order, separated by commas (spaces optional), each
 * exactly once; `undefined` when one is missing, empty or repeated.
 */
function readComponents(
  text: string,
): { credential: string; signedHeaders: string; signature: string } | undefined {
  const found = new Map<string, string>()
  for (const part of text.split(',')) {
    const match = /^\s*(Credential|SignedHeaders|Signature)=(\S*)\s*$/.exec(part)
    if (match === null) return undefined
    const [, name = '', value = ''] = match
    if (value === '' || found.has(name)) return undefined
    found.set(name, value)
  }
  const credential = found.get('Credential')
  const signedHeaders = found.get('SignedHeaders')
  const signature = found.get('Signature')
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return undefined
  return { credential, signedHeaders, signature }
}

/**
 * The request's time in `x-amz-date` form: `x-amz-date`, or else the `Date` header (an HTTP-date), as the
 * SigV4 documentation allows; `undefined` when neither is a valid date.
 */
function requestDate(request: SignedRequest): string | undefined {
  const amzDate = request.header('x-amz-date')
  if (amzDate !== undefined) return parseAmzDate(amzDate) === undefined ? undefined : amzDate
  const seconds = httpDateSeconds(request.header('date'))
  return seconds === undefined ? undefined : toAmzDate(new Date(seconds * 1000))
}

const fail = (error: S3Failure): HeaderSignatureResult => ({ ok: false, error })
