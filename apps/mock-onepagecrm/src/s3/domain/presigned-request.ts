import { parseAmzDate, parseCredential, signV4, timingSafeEqual } from '@crmkit/s3-post-policy'
import {
  canonicalRequest,
  type SignedRequest,
  stringToSign,
  unsignedAmzHeaders,
} from './canonical-request.js'
import { lookupSecret, type S3Config } from './config.js'
import {
  accessDenied,
  authorizationQueryParametersError,
  headersNotSigned,
  postFailures,
  requestExpired,
  requestNotYetValid,
  type S3Failure,
  sigV4SignatureDoesNotMatch,
} from './s3-failures.js'

/** Who signed, and what the signature says of the payload (`x-amz-content-sha256` or its query form). */
export type PresignResult =
  | { readonly ok: true; readonly accessKeyId: string; readonly payloadHash: string }
  | { readonly ok: false; readonly error: S3Failure }

/** The query parameters of SigV4 query authentication: any of them makes a request a pre-signed one. */
export const QUERY_AUTH_PARAMETERS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
] as const
const REQUIRED = QUERY_AUTH_PARAMETERS
const ONE_WEEK = 604800
// S3 accepts requests dated up to 15 minutes ahead of its clock (RequestTimeTooSkewed's tolerance).
const ALLOWED_SKEW_MS = 15 * 60 * 1000

/**
 * Verifies a SigV4 query-string signature (AWS, sigv4-query-string-auth.html), the form
 * `getSignedUrl` from `@aws-sdk/s3-request-presigner` produces. Expiry is checked before the signature, as
 * MinIO does (S3's order is unrecorded).
 */
export async function verifyPresignedRequest(
  request: SignedRequest,
  config: S3Config,
  now: Date,
): Promise<PresignResult> {
  const params = new Map(request.query.map(([name, value]) => [name.toLowerCase(), value]))
  const param = (name: string) => params.get(name.toLowerCase())
  if (!REQUIRED.some((name) => params.has(name.toLowerCase()))) return fail(accessDenied())
  if (REQUIRED.some((name) => !params.has(name.toLowerCase()))) {
    return fail(
      authorizationQueryParametersError(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      ),
    )
  }
  const algorithm = param('X-Amz-Algorithm') ?? ''
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return fail(authorizationQueryParametersError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"'))
  }
  const credential = param('X-Amz-Credential') ?? ''
  const scope = parseCredential(credential)
  if (scope === undefined || scope.service !== 's3' || scope.terminator !== 'aws4_request') {
    return fail(
      authorizationQueryParametersError(
        'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      ),
    )
  }
  if (scope.region !== config.region) {
    return fail(
      authorizationQueryParametersError(
        `Error parsing the X-Amz-Credential parameter; the region '${scope.region}' is wrong; expecting '${config.region}'`,
        [['Region', config.region]],
      ),
    )
  }
  const amzDate = param('X-Amz-Date') ?? ''
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === undefined) {
    return fail(
      authorizationQueryParametersError(
        `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
      ),
    )
  }
  const expiresText = param('X-Amz-Expires') ?? ''
  if (!/^-?\d+$/.test(expiresText)) {
    return fail(authorizationQueryParametersError('X-Amz-Expires should be a number'))
  }
  const expires = Number(expiresText)
  if (expires < 0) return fail(authorizationQueryParametersError('X-Amz-Expires must be non-negative'))
  if (expires > ONE_WEEK) {
    return fail(
      authorizationQueryParametersError('X-Amz-Expires must be less than a week (in seconds) that is 604800'),
    )
  }
  const secret = lookupSecret(config, scope.accessKeyId)
  if (secret === undefined) return fail(postFailures.invalidAccessKeyId(scope.accessKeyId))

  const serverTime = isoSeconds(now)
  if (signedAt.getTime() - now.getTime() > ALLOWED_SKEW_MS)
    return fail(requestNotYetValid(amzDate, serverTime))
  const expiresAt = new Date(signedAt.getTime() + expires * 1000)
  if (now.getTime() >= expiresAt.getTime())
    return fail(requestExpired(expiresText, isoSeconds(expiresAt), serverTime))

  const signedHeaders = param('X-Amz-SignedHeaders') ?? ''
  const unsigned = unsignedAmzHeaders(request, signedHeaders)
  if (unsigned.length > 0) return fail(headersNotSigned(unsigned))
  const payloadHash = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD'
  const canonical = canonicalRequest(request, signedHeaders, payloadHash)
  const toSign = stringToSign(amzDate, scope, canonical)
  const expected = await signV4(secret, scope, toSign)
  const provided = param('X-Amz-Signature') ?? ''
  if (!timingSafeEqual(expected, provided)) {
    return fail(sigV4SignatureDoesNotMatch(scope.accessKeyId, toSign, provided, canonical))
  }
  return { ok: true, accessKeyId: scope.accessKeyId, payloadHash }
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const fail = (error: S3Failure): PresignResult => ({ ok: false, error })

export type { SignedRequest }
