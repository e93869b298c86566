import { Transform, type TransformCallback } from 'node:stream'

const CRLF_CRLF = Buffer.from('\r\n\r\n')

/**
 * busboy 1.6 streams a part as a file only when it has a `filename` or is `application/octet-stream`;
 * any other part is buffered as a field and cut at `fieldSize`. Some protocols (S3 POST) take a named part
 * as the file whatever its headers. This transform reads the part headers that come before the first such
 * part, gives that part `Content-Type: application/octet-stream` when it has no filename, and then passes
 * every later byte through untouched, so the cost is limited to the (small) head of the body.
 */
export class PartHeaderRewriter extends Transform {
  readonly #delimiter: Buffer
  readonly #isFile: (name: string) => boolean
  readonly #maxScan: number
  #pending: Buffer = Buffer.alloc(0)
  #passThrough = false

  constructor(boundary: string, isFile: (name: string) => boolean, maxScan = 256 * 1024) {
    super()
    this.#delimiter = Buffer.from(`--${boundary}`)
    this.#isFile = isFile
    this.#maxScan = maxScan
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#passThrough) {
      callback(null, chunk)
      return
    }
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk])
    const rewritten = this.#scan()
    if (rewritten !== undefined) {
      this.#passThrough = true
      this.#pending = Buffer.alloc(0)
      callback(null, rewritten)
      return
    }
    if (this.#pending.length > this.#maxScan) {
      // Far more than any form puts before its file: leave the body to busboy as it is.
      this.#passThrough = true
      const all = this.#pending
      this.#pending = Buffer.alloc(0)
      callback(null, all)
      return
    }
    callback()
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.#pending.length > 0 ? this.#pending : null)
  }

  /** The bytes to emit once the file part's headers are complete (rewritten if needed), else `undefined`. */
  #scan(): Buffer | undefined {
    const data = this.#pending
    let from = 0
    for (;;) {
      const at = data.indexOf(this.#delimiter, from)
      if (at === -1) return undefined
      const headersStart = at + this.#delimiter.length + 2
      const headersEnd = data.indexOf(CRLF_CRLF, headersStart)
      if (headersEnd === -1) return undefined
      const headers = data.toString('latin1', headersStart, headersEnd)
      from = headersEnd + 4
      const rewrittenHeaders = rewriteFileHeaders(headers, this.#isFile)
      if (rewrittenHeaders === undefined) continue
      return Buffer.concat([
        data.subarray(0, headersStart),
        Buffer.from(rewrittenHeaders, 'latin1'),
        data.subarray(headersEnd),
      ])
    }
  }
}

/**
 * For the headers of the file part, the headers to send on (possibly unchanged); `undefined` for any other
 * part. A part that already has a filename is a file to busboy and is left alone.
 */
function rewriteFileHeaders(headers: string, isFile: (name: string) => boolean): string | undefined {
  const lines = headers.split('\r\n')
  const disposition = lines.find((line) => /^content-disposition\s*:/i.test(line))
  if (disposition === undefined) return undefined
  const name = /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition)
  if (!name || !isFile(name[1] ?? name[2] ?? '')) return undefined
  if (/;\s*filename\*?\s*=/i.test(disposition)) return headers
  const others = lines.filter((line) => !/^content-type\s*:/i.test(line))
  return [...others, 'Content-Type: application/octet-stream'].join('\r\n')
}
