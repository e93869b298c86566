import { createHash } from 'node:crypto'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { createPresignedPost, type PolicyConditionInput } from '@crmkit/s3-post-policy'
import type { ReadyInfo } from './mocks-process.js'
import { fieldPart, filePart, multipartContentType, renderMultipart } from './multipart.js'
import { type RawResponse, simpleRequest } from './raw-http.js'

/**
 * A SigV4 pre-signed GET path (`/<bucket>/<key>?X-Amz-…`) made by the AWS SDK's own `getSignedUrl`, path
 * style: an oracle independent of the emulator's signing code.
 */
export async function presignedGetPath(
  s3: ReadyInfo['s3'],
  host: string,
  key: string,
  now = new Date(),
): Promise<string> {
  const client = new S3Client({
    region: s3.region,
    endpoint: `http://${host}`,
    forcePathStyle: true,
    credentials: s3.credentials,
  })
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: s3.bucket, Key: key }), {
    expiresIn: 3600,
    signingDate: now,
  })
  client.destroy()
  const parsed = new URL(url)
  // The path as the SDK encoded it, never re-normalised (`URL` would resolve `..`): cut from the string.
  return url.slice(url.indexOf(parsed.host) + parsed.host.length)
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
