import type { SignedRequest } from './canonical-request.js'
import { operationHeader, operationHeaderNames } from './unsupported-parameters.js'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The user metadata of a PutObject: each `x-amz-meta-*` header (or, pre-signed, query parameter), its
 * name after the prefix lower-cased. Values arrive as bytes: UTF-8 is read as UTF-8 (what the AWS SDKs
 * send for non-ASCII metadata), and an RFC 2047 encoded-word is decoded, since S3 "character decode[s]
 * [such values] as per RFC 2047 before storing" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 */
export function readRequestMetadata(request: SignedRequest): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const name of operationHeaderNames(request)) {
    if (!name.startsWith('x-amz-meta-')) continue
    const raw = operationHeader(request, name) ?? ''
    metadata[name.slice('x-amz-meta-'.length)] = decodeEncodedWords(bytesAsText(raw))
  }
  return metadata
}

/** A header value (one character per byte) as text: its bytes as UTF-8 when they are UTF-8, else as sent. */
function bytesAsText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value
  try {
    return utf8.decode(Buffer.from(value, 'latin1'))
  } catch {
    return value
  }
}

/**
 * Decodes RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`, also ISO-8859-1 and US-ASCII) in a
 * value; a word of another charset, or one that does not decode, is kept as written. Whitespace between
 * two encoded-words is dropped (RFC 2047 §6.2).
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, '$1')
    .replace(word, (whole, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? /^[A-Za-z0-9+/]*={0,2}$/.test(text)
            ? Buffer.from(text, 'base64')
            : undefined
          : qBytes(text)
      if (bytes === undefined) return whole
      const name = charset.toLowerCase()
      if (name === 'utf-8') {
        try {
          return utf8.decode(bytes)
        } catch {
          return whole
        }
      }
      if (name === 'iso-8859-1' || name === 'us-ascii') return bytes.toString('latin1')
      return whole
    })
}

/** The bytes of a Q-encoded text: `_` is a space, `=XX` a byte. */
function qBytes(text: string): Buffer | undefined {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '_') bytes.push(0x20)
    else if (c === '=') {
      const hex = text.slice(i + 1, i + 3)
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else bytes.push(c.charCodeAt(0) & 0xff)
  }
  return Buffer.from(bytes)
}
