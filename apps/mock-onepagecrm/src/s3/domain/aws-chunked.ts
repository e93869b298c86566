import { Transform, type TransformCallback } from 'node:stream'

/** Why an `aws-chunked` body could not be read. */
export class ChunkedBodyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChunkedBodyError'
  }
}

/** The longest chunk-size line or trailer line read; S3's are a few dozen bytes. */
const MAX_LINE_BYTES = 4096
/** The most trailer lines read: S3 takes one checksum trailer (and, signed, its signature). */
const MAX_TRAILERS = 8

/**
 * Decodes an `aws-chunked` body (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html,
 * "STREAMING-UNSIGNED-PAYLOAD-TRAILER"): `<hex size>[;extensions]\r\n<bytes>\r\n` chunks, a zero-size
 * chunk, then trailer lines `name:value\r\n` and an empty line. It passes the payload on and keeps the
 * trailers (names lower-cased) for `trailers` once the body has ended. Everything it holds is bounded: a
 * line longer than 4 KiB, more than 8 trailers, or more payload than `declaredLength` is a
 * `ChunkedBodyError`, as is a body that ends before its last chunk.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>()
  #state: 'size' | 'data' | 'data-end' | 'trailers' | 'done' = 'size'
  #line: Buffer[] = []
  #lineBytes = 0
  #remaining = 0
  #decoded = 0
  readonly #declaredLength: number

  constructor(declaredLength: number) {
    super()
    this.#declaredLength = declaredLength
  }

  /** Payload bytes passed on so far. */
  get decodedLength(): number {
    return this.#decoded
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#consume(chunk)
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(
      this.#state === 'done'
        ? null
        : new ChunkedBodyError('The aws-chunked body ended before its last chunk.'),
    )
  }

  #consume(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) {
      switch (this.#state) {
        case 'data': {
          const take = Math.min(this.#remaining, chunk.length - at)
          this.push(chunk.subarray(at, at + take))
          this.#remaining -= take
          at += take
          if (this.#remaining === 0) this.#state = 'data-end'
          break
        }
        case 'done':
          throw new ChunkedBodyError('Bytes follow the end of the aws-chunked body.')
        default: {
          const end = chunk.indexOf(0x0a, at)
          const piece = chunk.subarray(at, end === -1 ? chunk.length : end + 1)
          at += piece.length
          this.#lineBytes += piece.length
          if (this.#lineBytes > MAX_LINE_BYTES) throw new ChunkedBodyError('An aws-chunked line is too long.')
          this.#line.push(piece)
          if (end !== -1) this.#endLine(Buffer.concat(this.#line).toString('latin1'))
        }
      }
    }
  }

  #endLine(raw: string): void {
    this.#line = []
    this.#lineBytes = 0
    if (!raw.endsWith('\r\n')) throw new ChunkedBodyError('An aws-chunked line does not end with CRLF.')
    const line = raw.slice(0, -2)
    if (this.#state === 'data-end') {
      if (line !== '') throw new ChunkedBodyError('A chunk is longer than its size.')
      this.#state = 'size'
      return
    }
    if (this.#state === 'trailers') {
      if (line === '') {
        this.#state = 'done'
        return
      }
      const colon = line.indexOf(':')
      if (colon <= 0 || this.trailers.size >= MAX_TRAILERS)
        throw new ChunkedBodyError('A trailer is malformed.')
      this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
      return
    }
    // A chunk-size line: hex digits, then optional extensions (`;chunk-signature=…`), which carry nothing
    // for an unsigned payload.
    const size = /^([0-9A-Fa-f]{1,16})(;.*)?$/.exec(line)?.[1]
    if (size === undefined) throw new ChunkedBodyError('A chunk size is not hexadecimal.')
    const bytes = Number.parseInt(size, 16)
    if (bytes === 0) {
      this.#state = 'trailers'
      return
    }
    this.#decoded += bytes
    if (this.#decoded > this.#declaredLength)
      throw new ChunkedBodyError('The chunks hold more than x-amz-decoded-content-length.')
    this.#remaining = bytes
    this.#state = 'data'
  }
}
