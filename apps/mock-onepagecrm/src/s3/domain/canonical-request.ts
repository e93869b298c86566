import { createHash } from 'node:crypto'
import type { CredentialScope } from '@crmkit/s3-post-policy'
import { encodePathSegments, encodeRfc3986, type ObjectPath } from './request-target.js'

/** A request as SigV4 sees it: the method, the parsed path, the decoded query and the headers. */
export interface SignedRequest {
  readonly method: string
  /** The request path, parsed once: the signature is checked over exactly these segments. */
  readonly path: ObjectPath
  /** Decoded query parameters, in order. */
  readonly query: ReadonlyArray<readonly [string, string]>
  /**
   * A header's value as received (an ISO-8859-1 string: one character per byte), `undefined` when absent
   * or for a name no header can have.
   */
  readonly header: (name: string) => string | undefined
  /** The names of the headers present, lower-cased. */
  readonly headerNames: () => readonly string[]
}

/**
 * The canonical query string of SigV4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html,
 * "CanonicalQueryString"): every parameter but the signature, name and value encoded per RFC 3986, sorted
 * by encoded name, then value.
 */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/** "Trim any leading or trailing spaces, and convert sequential spaces to a single space." */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ')
}

/**
 * The canonical request, as a byte string (one character per byte): header values are the bytes that came
 * on the wire, which is what the client signed, so a UTF-8 metadata value signs as its UTF-8 bytes.
 */
export function canonicalRequest(request: SignedRequest, signedHeaders: string, payloadHash: string): string {
  return [
    request.method,
    encodePathSegments(request.path.segments),
    canonicalQuery(request.query),
    ...signedHeaders.split(';').map((name) => `${name}:${canonicalHeaderValue(request.header(name) ?? '')}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n')
}

/** The SigV4 string to sign over a canonical request (a byte string). */
export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${scope.dateStamp}/${scope.region}/${scope.service}/${scope.terminator}`,
    createHash('sha256').update(canonical, 'latin1').digest('hex'),
  ].join('\n')
}

/** A byte string as text for an error document: its bytes read as UTF-8. */
export function byteStringText(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** A byte string's bytes, two lowercase hex digits each, space separated (S3's `*Bytes` elements). */
export function byteStringHex(bytes: string): string {
  return Buffer.from(bytes, 'latin1')
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ')
}

/**
 * The `x-amz-*` headers present that the signature does not cover: S3 refuses them ("There were headers
 * present in the request which were not signed", https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html:
 * "any x-amz-* headers that you plan to add to the request are also required").
 */
export function unsignedAmzHeaders(request: SignedRequest, signedHeaders: string): string[] {
  const signed = new Set(signedHeaders.split(';'))
  return request.headerNames().filter((name) => name.startsWith('x-amz-') && !signed.has(name))
}

/** The SHA-256 of no bytes: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
