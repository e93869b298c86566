import { createHash } from 'node:crypto'
import { formatCredential, signV4, toAmzDate, toDateStamp } from '@crmkit/s3-post-policy'
import { canonicalQuery } from './canonical-request.js'
import { encodePathSegments, encodeRfc3986 } from './request-target.js'

export interface PresignGetOptions {
  /**
   * Path-style, the endpoint the bucket is under: `http://127.0.0.1:<port>` (the emulator's own) or
   * `https://s3.<region>.amazonaws.com`. Virtual-hosted, the bucket's own origin:
   * `https://<bucket>.s3.<region>.amazonaws.com`.
   */
  readonly endpoint: string
  /** `path` (default): the link is `<endpoint>/<bucket>/<key>`; `virtual-hosted`: `<endpoint>/<key>`. */
  readonly addressing?: 'path' | 'virtual-hosted' | undefined
  readonly bucket: string
  readonly key: string
  readonly region: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly now: Date
  /** Seconds the link stays valid (at most a week, as S3 allows). */
  readonly expiresIn: number
}

/**
 * A SigV4 pre-signed GET link (AWS, sigv4-query-string-auth.html), signing only `host`, as `getSignedUrl`
 * does: what OnePageCRM gives out as an attachment's `url`, and what `verifyPresignedRequest` accepts.
 */
export async function presignGetObjectUrl(options: PresignGetOptions): Promise<string> {
  const endpoint = new URL(options.endpoint)
  // The same encoding the verifier signs, so the link names exactly this bucket and key.
  const keySegments = options.key.split('/')
  const path = encodePathSegments(
    options.addressing === 'virtual-hosted' ? keySegments : [options.bucket, ...keySegments],
  )
  const amzDate = toAmzDate(options.now)
  const query: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ['X-Amz-Credential', formatCredential(options.credentials.accessKeyId, options.now, options.region)],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(options.expiresIn)],
    ['X-Amz-SignedHeaders', 'host'],
  ]
  const canonicalRequest = [
    'GET',
    path,
    canonicalQuery(query),
    `host:${endpoint.host}`,
    '',
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n')
  const scope = { dateStamp: toDateStamp(options.now), region: options.region, service: 's3' }
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${scope.dateStamp}/${scope.region}/s3/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  const signature = await signV4(options.credentials.secretAccessKey, scope, stringToSign)
  const search = [...query, ['X-Amz-Signature', signature] as [string, string]]
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&')
  return `${endpoint.origin}${path}?${search}`
}
