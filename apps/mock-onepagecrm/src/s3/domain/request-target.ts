import { invalidUri, type S3Failure } from './s3-failures.js'
import { virtualHostedBucket } from './virtual-host.js'

/**
 * A request path, split once on its raw `/` and each segment percent-decoded
 * exactly once. Nothing is normalised: `.` and `..` segments, empty segments and a `/` sent as `%2F` are
 * kept, since S3 keys are flat names, not file paths
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export interface ObjectPath {
  /**
   * The decoded segments after the leading `/` (a segment may hold a `/` that was sent as `%2F`): the path
   * as sent, which is what SigV4 signs, whichever the addressing.
   */
  readonly segments: readonly string[]
  /**
   * Path-style: the first segment, `''` for a request to the service (`/`). Virtual-hosted: the bucket the
   * Host header names.
   */
  readonly bucket: string
  /**
   * The object key: path-style, the segments after the bucket joined with `/`; virtual-hosted, all of them.
   * `''` for a request to the bucket itself (`/b`, `/b/`; virtual-hosted `/`).
   */
  readonly key: string
  /**
   * `path` (`https://s3.<region>.amazonaws.com/<bucket>/<key>`, or the emulator's own address) or
   * `virtual-hosted` (`https://<bucket>.s3.<region>.amazonaws.com/<key>`), by the Host header
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
   */
  readonly addressing: 'path' | 'virtual-hosted'
}

/** The request target as S3 reads it: the path and the decoded query parameters, in order. */
export interface RequestTarget {
  readonly path: ObjectPath
  readonly query: ReadonlyArray<readonly [string, string]>
}

export type RequestTargetResult =
  | { readonly ok: true; readonly target: RequestTarget }
  | { readonly ok: false; readonly error: S3Failure }

/**
 * Parses the request target exactly as it came on the request line (`/b/a/%2E%2E/c?x=1`), never a
 * normalised URL, so that `GET /b/a/../c` reads the key `a/../c` (a WHATWG URL would have made it `/b/c`).
 * A `%` not followed by two hex digits, or escapes that do not make UTF-8, is S3's 400 InvalidURI. A Host
 * naming a bucket (`<bucket>.s3.<region>.amazonaws.com`) makes the request virtual-hosted: the bucket is
 * the Host's and the whole path is the key.
 */
export function parseRequestTarget(raw: string, host?: string): RequestTargetResult {
  let target = raw
  // Absolute form (`GET http://host/b/k HTTP/1.1`, RFC 9112 §3.2.2): the path starts after the authority.
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(target)
  if (scheme !== null) target = target.slice(scheme[0].length) || '/'
  const queryAt = target.indexOf('?')
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
  if (!rawPath.startsWith('/')) return { ok: false, error: invalidUri() }
  const segments: string[] = []
  for (const rawSegment of rawPath.slice(1).split('/')) {
    const segment = decodeOnce(rawSegment)
    if (segment === undefined) return { ok: false, error: invalidUri() }
    segments.push(segment)
  }
  const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1)
  const query = [...new URLSearchParams(bytesAsEscapes(rawQuery)).entries()]
  const virtual = virtualHostedBucket(host)
  const path: ObjectPath =
    virtual === undefined
      ? { segments, bucket: segments[0] ?? '', key: segments.slice(1).join('/'), addressing: 'path' }
      : { segments, bucket: virtual.bucket, key: segments.join('/'), addressing: 'virtual-hosted' }
  return { ok: true, target: { path, query } }
}

/**
 * The path that names `segments` on the wire and in a SigV4 canonical request: each segment encoded once
 * per RFC 3986 (everything but `A-Z a-z 0-9 - _ . ~`), joined with `/`. S3 signs the path this way, each
 * segment encoded once and never normalised
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "CanonicalURI"), so a
 * signature binds one list of segments, hence one bucket and one key.
 */
export function encodePathSegments(segments: readonly string[]): string {
  return `/${segments.map(encodeRfc3986).join('/')}`
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - _ . ~` is percent-encoded. */
export function encodeRfc3986(text: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(text)) return text
  let encoded = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    encoded += isUnreserved(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}

const isUnreserved = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) || // 0-9
  (byte >= 0x41 && byte <= 0x5a) || // A-Z
  (byte >= 0x61 && byte <= 0x7a) || // a-z
  byte === 0x2d || // -
  byte === 0x2e || // .
  byte === 0x5f || // _
  byte === 0x7e // ~
// `ignoreBOM`: a key may well begin with U+FEFF, which the default decoder would drop.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Percent-decodes one segment once; `undefined` for a broken escape or bytes that are not UTF-8. */
function decodeOnce(segment: string): string | undefined {
  if (!/[%\u0080-\uffff]/.test(segment)) return segment
  const bytes: number[] = []
  const ascii = bytesAsEscapes(segment)
  for (let i = 0; i < ascii.length; i++) {
    const code = ascii.charCodeAt(i)
    if (code !== 0x25) {
      bytes.push(code)
      continue
    }
    const hex = ascii.slice(i + 1, i + 3)
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined
    bytes.push(Number.parseInt(hex, 16))
    i += 2
  }
  try {
    return utf8.decode(Uint8Array.from(bytes))
  } catch {
    return undefined
  }
}

/**
 * The target with every non-ASCII character written as the `%XX` escapes of its UTF-8 bytes. Node refuses
 * raw non-ASCII bytes on the request line, so this only matters for targets that did not come from a
 * socket (a `Request` built in a test); it keeps one decoding rule for both.
 */
function bytesAsEscapes(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text
  return text.replace(/[\u0080-\uffff]+/g, (run) =>
    [...Buffer.from(run, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase()}`).join(''),
  )
}
