import { EMPTY_SHA256, type SignedRequest } from './canonical-request.js'
import type { S3Config } from './config.js'
import { verifyHeaderSignature } from './header-signature.js'
import { QUERY_AUTH_PARAMETERS, verifyPresignedRequest } from './presigned-request.js'
import { accessDenied, contentSha256Mismatch, type S3Failure, twoAuthMechanisms } from './s3-failures.js'

/** A request that proved who sent it. */
export interface Authenticated {
  readonly accessKeyId: string
  /** `header` for an `Authorization` header, `query` for a pre-signed URL. */
  readonly mechanism: 'header' | 'query'
  /** What the signature says of the body: its SHA-256 in hex, `UNSIGNED-PAYLOAD` or a `STREAMING-…` mode. */
  readonly payloadHash: string
}

export type AuthenticateResult =
  | ({ readonly ok: true } & Authenticated)
  | { readonly ok: false; readonly error: S3Failure }

/**
 * Every bucket is private, so every operation but a POST form needs a SigV4 signature: an `Authorization`
 * header (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html) or query
 * parameters (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html), not both. A
 * request with neither is anonymous: 403 Access Denied.
 */
export async function authenticateRequest(
  request: SignedRequest,
  config: S3Config,
  now: Date,
): Promise<AuthenticateResult> {
  const authorization = request.header('authorization')
  const names = new Set(request.query.map(([name]) => name.toLowerCase()))
  const queryAuth = QUERY_AUTH_PARAMETERS.some((name) => names.has(name.toLowerCase()))
  if (authorization !== undefined && queryAuth) return { ok: false, error: twoAuthMechanisms(authorization) }
  if (authorization !== undefined) {
    const result = await verifyHeaderSignature(request, config, now)
    return result.ok ? { ...result, mechanism: 'header' } : result
  }
  if (queryAuth) {
    const result = await verifyPresignedRequest(request, config, now)
    return result.ok ? { ...result, mechanism: 'query' } : result
  }
  return { ok: false, error: accessDenied() }
}

/**
 * For an operation without a body (GET, HEAD, DELETE, a listing): a signed payload hash must be the hash
 * of no bytes, as S3 computes it over the empty body it received (inferred).
 */
export function checkEmptyPayload(auth: Authenticated): S3Failure | undefined {
  if (!/^[0-9a-f]{64}$/i.test(auth.payloadHash) || auth.payloadHash.toLowerCase() === EMPTY_SHA256)
    return undefined
  return contentSha256Mismatch(auth.payloadHash, EMPTY_SHA256)
}
