import type { S3Failure } from '../domain/s3-failures.js'

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/**
 * Escapes text for an XML element. Quotes stay as they are: S3 writes `<ETag>"…"</ETag>`. A carriage return
 * and the other control characters a key may hold are written as character references, since XML parsers
 * would otherwise turn `\r` into `\n` ("carriage returns and other special characters must be replaced
 * with their equivalent XML entity code when they are inserted within XML tags",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export function escapeXml(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is escaped.
      .replace(/[\x00-\x08\x0b-\x1f]/g, (c) => `&#${c.charCodeAt(0)};`)
  )
}

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`

/**
 * S3's error document (docs/s3-post-policy-rules.md, "Error document"): no namespace, extra elements
 * between Message and RequestId.
 */
export function renderErrorXml(failure: S3Failure, requestId: string, hostId: string): string {
  const details = failure.details.map(([name, value]) => element(name, value)).join('')
  return `${DECLARATION}<Error>${element('Code', failure.code)}${element('Message', failure.message)}${details}${element('RequestId', requestId)}${element('HostId', hostId)}</Error>`
}

/**
 * The 201 answer to a POST upload: Location, Bucket, Key, ETag in that order, no namespace
 * (docs/s3-post-policy-rules.md, "Success answers").
 */
export function renderPostResponseXml(location: string, bucket: string, key: string, etag: string): string {
  return `${DECLARATION}<PostResponse>${element('Location', location)}${element('Bucket', bucket)}${element('Key', key)}${element('ETag', etag)}</PostResponse>`
}
