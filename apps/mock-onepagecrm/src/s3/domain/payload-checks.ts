import { createHash, type Hash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import { crc32 } from 'node:zlib'
import type { SignedRequest } from './canonical-request.js'
import { invalidRequest, notImplemented, type S3Failure } from './s3-failures.js'
import type { ObjectChecksum } from './stored-object.js'
import { operationHeader, operationHeaderNames } from './unsupported-parameters.js'

type Algorithm = ObjectChecksum['algorithm']

/** Digest sizes of the checksums the emulator verifies. */
const DIGEST_BYTES: Readonly<Record<Algorithm, number>> = { CRC32: 4, SHA1: 20, SHA256: 32 }
const KNOWN = new Set(['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'])

/** The additional checksum a PutObject asks S3 to verify: its value now, or in a trailer at the end. */
export interface ChecksumRequest {
  readonly algorithm: Algorithm
  /** `x-amz-checksum-crc32` … */
  readonly name: string
  /** Base64, from the header; `undefined` when it comes as a trailer. */
  readonly value: string | undefined
}

/**
 * Reads PutObject's checksum headers (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html):
 * at most one `x-amz-checksum-<algorithm>` header or `x-amz-trailer` naming one (a trailer only with a
 * `STREAMING-…-TRAILER` payload), `x-amz-sdk-checksum-algorithm` agreeing with it. CRC32, SHA-1 and
 * SHA-256 are verified; CRC32C and CRC64NVME are NotImplemented. Texts as S3-compatible servers give them
 * (inferred).
 */
export function readChecksumRequest(
  request: SignedRequest,
  trailerAllowed: boolean,
):
  | { readonly ok: true; readonly checksum: ChecksumRequest | undefined }
  | { readonly ok: false; readonly error: S3Failure } {
  const headers = operationHeaderNames(request).filter(
    (name) =>
      name.startsWith('x-amz-checksum-') &&
      name !== 'x-amz-checksum-type' &&
      name !== 'x-amz-checksum-algorithm',
  )
  if (headers.some((name) => !KNOWN.has(name.slice('x-amz-checksum-'.length))))
    return fail(invalidRequest('The algorithm type you specified in x-amz-checksum- header is invalid.'))
  if (headers.length > 1)
    return fail(
      invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.'),
    )
  const trailerHeader = operationHeader(request, 'x-amz-trailer')
  const trailers =
    trailerHeader === undefined
      ? []
      : trailerHeader
          .split(',')
          .map((name) => name.trim().toLowerCase())
          .filter((name) => name !== '')
  if (
    trailers.some(
      (name) => !name.startsWith('x-amz-checksum-') || !KNOWN.has(name.slice('x-amz-checksum-'.length)),
    )
  )
    return fail(invalidRequest('The value specified in the x-amz-trailer header is not supported'))
  if (trailers.length > 0 && !trailerAllowed)
    return fail(
      invalidRequest('x-amz-trailer is only allowed with a STREAMING-…-TRAILER x-amz-content-sha256.'),
    )
  if (headers.length + trailers.length > 1)
    return fail(invalidRequest('Expecting a single x-amz-checksum- header'))

  const name = headers[0] ?? trailers[0]
  const sdkAlgorithm = operationHeader(request, 'x-amz-sdk-checksum-algorithm')
  if (name === undefined) {
    if (sdkAlgorithm === undefined) return { ok: true, checksum: undefined }
    return fail(
      invalidRequest(
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      ),
    )
  }
  const suffix = name.slice('x-amz-checksum-'.length)
  if (sdkAlgorithm !== undefined && sdkAlgorithm.toLowerCase() !== suffix)
    return fail(invalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.'))
  if (suffix === 'crc32c' || suffix === 'crc64nvme')
    return fail(notImplemented(`the ${name} checksum of PutObject (CRC32, SHA-1 and SHA-256 are)`, name))
  const algorithm = suffix.toUpperCase() as Algorithm
  const value = headers[0] === undefined ? undefined : (operationHeader(request, name) ?? '')
  if (value !== undefined && !isDigest(value, algorithm))
    return fail(invalidRequest(`Value for ${name} header is invalid.`))
  return { ok: true, checksum: { algorithm, name, value } }
}

/** Whether `value` is the base64 of a digest of `algorithm`'s size. */
export function isDigest(value: string, algorithm: Algorithm): boolean {
  return (
    /^[A-Za-z0-9+/]*={0,2}$/.test(value) &&
    value.length % 4 === 0 &&
    Buffer.from(value, 'base64').length === DIGEST_BYTES[algorithm]
  )
}

/**
 * Passes a payload through while hashing it: SHA-256 (for a signed `x-amz-content-sha256`) and the
 * additional checksum, each only when asked for.
 */
export class PayloadHasher extends Transform {
  readonly #sha256: Hash | undefined
  readonly #algorithm: Algorithm | undefined
  readonly #digest: Hash | undefined
  #crc = 0

  constructor(options: { readonly sha256: boolean; readonly checksum: Algorithm | undefined }) {
    super()
    this.#sha256 = options.sha256 ? createHash('sha256') : undefined
    this.#algorithm = options.checksum
    this.#digest =
      options.checksum === 'SHA1'
        ? createHash('sha1')
        : options.checksum === 'SHA256'
          ? createHash('sha256')
          : undefined
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#sha256?.update(chunk)
    if (this.#algorithm === 'CRC32') this.#crc = crc32(chunk, this.#crc)
    else this.#digest?.update(chunk)
    callback(null, chunk)
  }

  /** Hex SHA-256 of the payload, once it has ended (with `sha256`). */
  sha256(): string | undefined {
    return this.#sha256?.digest('hex')
  }

  /** Base64 of the additional checksum, once the payload has ended. */
  checksum(): string | undefined {
    if (this.#algorithm === 'CRC32') {
      const bytes = Buffer.alloc(4)
      bytes.writeUInt32BE(this.#crc >>> 0)
      return bytes.toString('base64')
    }
    return this.#digest?.digest('base64')
  }
}

const fail = (error: S3Failure) => ({ ok: false as const, error })
