import type { ListPage } from '../domain/list-objects-v2.js'
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

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/**
 * Text in a listing as S3 writes it: `&`, `<`, `>` and `"` as entities, control characters as hexadecimal
 * character references (so a key with a carriage return survives an XML parser's line-end handling).
 */
export function escapeListText(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is escaped.
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)
  )
}

/**
 * `encoding-type=url`: "Amazon S3 encodes object keys in the response" (API_ListObjectsV2): each UTF-8 byte
 * but the unreserved characters and `/` as `%XX`, a space as `+`.
 */
export function urlEncodeListText(text: string): string {
  let encoded = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    if (/[A-Za-z0-9\-_.~/]/.test(c)) encoded += c
    else if (byte === 0x20) encoded += '+'
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}

/**
 * ListObjectsV2's ListBucketResult, its elements in the order S3 writes them: Name, Prefix,
 * ContinuationToken, NextContinuationToken, KeyCount, MaxKeys, Delimiter, EncodingType, IsTruncated,
 * StartAfter, then Contents (Key, LastModified with milliseconds, ETag, checksum, Size, Owner,
 * StorageClass) and CommonPrefixes.
 */
export function renderListBucketResult(page: ListPage): string {
  const text = (value: string) =>
    escapeListText(page.encodingType === 'url' ? urlEncodeListText(value) : value)
  const el = (name: string, value: string) => `<${name}>${value}</${name}>`
  const parts = [el('Name', escapeListText(page.bucket)), el('Prefix', text(page.prefix))]
  if (page.continuationToken !== undefined)
    parts.push(el('ContinuationToken', escapeListText(page.continuationToken)))
  if (page.nextContinuationToken !== undefined)
    parts.push(el('NextContinuationToken', escapeListText(page.nextContinuationToken)))
  parts.push(
    el('KeyCount', String(page.contents.length + page.commonPrefixes.length)),
    el('MaxKeys', String(page.maxKeys)),
  )
  if (page.delimiter !== undefined) parts.push(el('Delimiter', text(page.delimiter)))
  if (page.encodingType !== undefined) parts.push(el('EncodingType', page.encodingType))
  parts.push(el('IsTruncated', String(page.isTruncated)))
  if (page.startAfter !== undefined) parts.push(el('StartAfter', text(page.startAfter)))
  for (const object of page.contents) {
    const checksum =
      object.checksum === undefined
        ? ''
        : el('ChecksumAlgorithm', object.checksum.algorithm) + el('ChecksumType', 'FULL_OBJECT')
    const owner = page.owner === undefined ? '' : el('Owner', el('ID', page.owner))
    parts.push(
      el(
        'Contents',
        el('Key', text(object.key)) +
          el('LastModified', new Date(object.lastModified).toISOString()) +
          el('ETag', escapeListText(object.etag)) +
          checksum +
          el('Size', String(object.size)) +
          owner +
          el('StorageClass', escapeListText(object.storageClass)),
      ),
    )
  }
  for (const prefix of page.commonPrefixes) parts.push(el('CommonPrefixes', el('Prefix', text(prefix))))
  return `${DECLARATION}<ListBucketResult xmlns="${NAMESPACE}">${parts.join('')}</ListBucketResult>`
}
