import { createHash } from 'node:crypto'
import {
  createPresignedPost,
  formatCredential,
  type PolicyConditionInput,
  signV4,
  toAmzDate,
  toDateStamp,
} from '@crmkit/s3-post-policy'
import type { ReadyInfo } from './mocks-process.js'
import { fieldPart, filePart, multipartContentType, renderMultipart } from './multipart.js'
import { type RawResponse, simpleRequest } from './raw-http.js'

/** RFC 3986 encoding as SigV4 wants it (everything but `A-Z a-z 0-9 - _ . ~`). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * A SigV4 pre-signed GET path (`/<bucket>/<key>?X-Amz-…`), signing only `host`, as the AWS SDK's
 * `getSignedUrl` makes it: each key segment encoded, `/` kept, dots never touched.
 */
export async function presignedGetPath(
  s3: ReadyInfo['s3'],
  host: string,
  key: string,
  now = new Date(),
): Promise<string> {
  const path = `/${s3.bucket}/${key.split('/').map(encodeRfc3986).join('/')}`
  const amzDate = toAmzDate(now)
  const query: Array<[string, string]> = [
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ['X-Amz-Credential', formatCredential(s3.credentials.accessKeyId, now, s3.region)],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', '3600'],
    ['X-Amz-SignedHeaders', 'host'],
  ]
  const canonicalQuery = query
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .sort()
    .join('&')
  const canonicalRequest = ['GET', path, canonicalQuery, `host:${host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join(
    '\n',
  )
  const scope = { dateStamp: toDateStamp(now), region: s3.region, service: 's3' }
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${scope.dateStamp}/${scope.region}/s3/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  const signature = await signV4(s3.credentials.secretAccessKey, scope, stringToSign)
  return `${path}?${canonicalQuery}&X-Amz-Signature=${signature}`
}

/** GETs an object through a pre-signed URL. */
export async function getObject(s3: ReadyInfo['s3'], key: string): Promise<RawResponse> {
  const port = Number(new URL(s3.url).port)
  const host = `127.0.0.1:${port}`
  return simpleRequest(port, 'GET', await presignedGetPath(s3, host, key))
}

/** A valid browser POST upload of `bytes` under `key` (for fixtures and the crash tests). */
export async function uploadObject(
  s3: ReadyInfo['s3'],
  key: string,
  bytes: Buffer,
  options: { conditions?: readonly PolicyConditionInput[]; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const post = await createPresignedPost({
    bucket: s3.bucket,
    key,
    region: s3.region,
    credentials: s3.credentials,
    now: new Date(),
    conditions: options.conditions ?? [],
    fields: { success_action_status: '201' },
  })
  const boundary = `crmkit-fuzz-${createHash('md5').update(key).digest('hex').slice(0, 16)}`
  const body = renderMultipart({
    boundary,
    contentType: undefined,
    parts: [
      ...Object.entries(post.fields).map(([name, value]) => fieldPart(name, name, value)),
      filePart('file', 'file', key.split('/').pop() || 'file', bytes, 'application/octet-stream'),
    ],
    preamble: Buffer.alloc(0),
    epilogue: Buffer.alloc(0),
    eol: '\r\n',
    closing: 'normal',
  }).bytes
  const port = Number(new URL(s3.url).port)
  return simpleRequest(port, 'POST', `/${s3.bucket}`, {
    headers: [['Content-Type', multipartContentType(boundary)]],
    body,
    timeoutMs: options.timeoutMs,
  })
}

export const md5Hex = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

/** XML text to a string: the five entities and numeric character references (`&#13;`, `&#x0;`), in one pass. */
export function unescapeXml(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|quot|apos|amp));/g, (whole, hex, dec, name) => {
    if (name !== undefined) return named[name as string] as string
    const code = hex !== undefined ? Number.parseInt(hex as string, 16) : Number(dec)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}
