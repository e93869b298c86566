import { headerValueNotIso88591, metadataTooLarge, type S3Failure } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'

// Everything S3 answers about an object in headers, built so that no stored value can make an answer
// fail: a header carries only HTAB, SP, visible ASCII and bytes 0x80-0xFF (RFC 9110 §5.5), and a name is
// a token (RFC 9110 §5.6.2).

/** "Within the PUT request header, the user-defined metadata is limited to 2 KB in size." */
export const MAX_METADATA_BYTES = 2048

/**
 * The user-defined metadata limit, counted as S3 counts it: "the sum of the number of bytes in the UTF-8
 * encoding of each key and value" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html),
 * the key being the name after `x-amz-meta-`.
 */
export function checkMetadataSize(metadata: Readonly<Record<string, string>>): S3Failure | undefined {
  const size = metadataSize(metadata)
  return size > MAX_METADATA_BYTES ? metadataTooLarge(size, MAX_METADATA_BYTES) : undefined
}

/** The size {@link checkMetadataSize} holds to `MAX_METADATA_BYTES`. */
export function metadataSize(metadata: Readonly<Record<string, string>>): number {
  let size = 0
  for (const [name, value] of Object.entries(metadata))
    size += Buffer.byteLength(name) + Buffer.byteLength(value)
  return size
}

// Query parameters that override answer headers on a signed GET
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, "Overriding response header values").
const OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
]

/**
 * The headers the `response-*` parameters ask for, or S3's refusal of a value no header can carry
 * (captured: `response-content-disposition` with a character outside ISO-8859-1 is this 400; the same
 * answer for a control character is inferred).
 */
export function responseOverrides(
  query: ReadonlyArray<readonly [string, string]>,
):
  | { readonly ok: true; readonly headers: Record<string, string> }
  | { readonly ok: false; readonly error: S3Failure } {
  const headers: Record<string, string> = {}
  for (const [parameter, header] of OVERRIDES) {
    const value = query.find(([name]) => name === parameter)?.[1]
    if (value === undefined) continue
    if (!FIELD_VALUE.test(value)) return { ok: false, error: headerValueNotIso88591(parameter, value) }
    headers[header] = value
  }
  return { ok: true, headers }
}

/** The headers of a GET or HEAD answer for `object`, before any `response-*` override and range. */
export function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': headerText(object.contentType),
    'Content-Length': String(object.size),
    ETag: object.etag,
    'Last-Modified': new Date(object.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  }
  for (const [name, value] of Object.entries(object.headers)) {
    if (TOKEN.test(name)) headers[name] = headerText(value)
  }
  let missing = 0
  for (const [name, value] of Object.entries(object.metadata)) {
    const header = `x-amz-meta-${name}`
    if (TOKEN.test(header)) headers[header] = encodeMetadataValue(value)
    else missing++
  }
  // "The number of metadata entries not returned in x-amz-meta headers. This can happen if you create
  // metadata using an API like SOAP that supports more flexible metadata than the REST API"
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): a form field name that is no HTTP
  // header name is such an entry.
  if (missing > 0) headers['x-amz-missing-meta'] = String(missing)
  if (object.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = headerText(object.storageClass)
  if (object.tags.length > 0) headers['x-amz-tagging-count'] = String(object.tags.length)
  return headers
}

/**
 * The headers of a 304 Not Modified: the validators and the caching headers the 200 would carry ("The server
 * generating a 304 response MUST generate any of the following header fields that would have been sent in a
 * 200 (OK) response to the same request: Content-Location, Date, ETag, and Vary; Cache-Control and Expires",
 * RFC 9110 §15.4.5), with Last-Modified and the encryption header as S3 sends them; no Content-Type, length
 * or metadata.
 */
export function notModifiedHeaders(object: StoredObject): Record<string, string> {
  const all = objectHeaders(object)
  const headers: Record<string, string> = {}
  for (const name of ['ETag', 'Last-Modified', 'Cache-Control', 'Expires', 'x-amz-server-side-encryption']) {
    const value = all[name]
    if (value !== undefined) headers[name] = value
  }
  return headers
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * A system header value (Content-Type, Content-Disposition …) as a header can carry it: a character outside
 * ISO-8859-1 becomes a space, as S3 answers a POST form's value [LS]; so does a control character (inferred).
 */
export function headerText(value: string): string {
  return FIELD_VALUE.test(value) ? value : value.replace(/[^\t\x20-\x7e\x80-\xff]/gu, ' ')
}

/**
 * A user metadata value as S3 answers it. "When using non US-ASCII characters in your metadata values, the
 * provided unicode string is examined for non US-ASCII characters. Values of such headers are character
 * decoded as per RFC 2047 before storing and encoded as per RFC 2047 to make them mail-safe before
 * returning. If the string contains only US-ASCII characters, it is presented as is."
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html). The form S3 picks is
 * recorded [LS]: printable ASCII as is; a value with a control, format, private-use or unassigned character
 * (or U+FFFD) as one `=?UTF-8?B?…?=` word; any other as one `=?UTF-8?Q?…?=` word, spaces as `_`.
 */
export function encodeMetadataValue(value: string): string {
  if (/^[\t\x20-\x7e]*$/.test(value)) return value
  const bytes = Buffer.from(value, 'utf8')
  if (/[\p{C}\uFFFD]/u.test(value)) return `=?UTF-8?B?${bytes.toString('base64')}?=`
  let encoded = ''
  for (const byte of bytes) {
    if (byte === 0x20) encoded += '_'
    else if (byte > 0x20 && byte < 0x7f && byte !== 0x3d && byte !== 0x3f && byte !== 0x5f)
      encoded += String.fromCharCode(byte)
    else encoded += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return `=?UTF-8?Q?${encoded}?=`
}
