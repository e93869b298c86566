const CRLF_CRLF = Buffer.from('\r\n\r\n')
const EMPTY = Buffer.alloc(0)

/**
 * busboy 1.6 streams a part as a file only when it has a `filename` or is `application/octet-stream`;
 * any other part is buffered as a field and cut at `fieldSize`. Some protocols (S3 POST) take a named part
 * as the file whatever its headers. This filter reads the part headers that come before the first such
 * part, gives that part `Content-Type: application/octet-stream` when it has no filename, and then hands
 * every later chunk on as it is, so the cost is limited to the (small) head of the body. It is a plain
 * function of chunks rather than a stream so that, once past the head, a chunk costs one call.
 */
export class PartHeaderRewriter {
  readonly #delimiter: Buffer
  readonly #isFile: (name: string) => boolean
  readonly #maxScan: number
  #pending: Buffer = EMPTY
  #passThrough = false

  constructor(boundary: string, isFile: (name: string) => boolean, maxScan = 256 * 1024) {
    this.#delimiter = Buffer.from(`--${boundary}`)
    this.#isFile = isFile
    this.#maxScan = maxScan
  }

  /** The bytes to hand on for this chunk (empty while the head is still being read). */
  write(chunk: Buffer): Buffer {
    if (this.#passThrough) return chunk
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk])
    const rewritten = this.#scan()
    if (rewritten !== undefined) return this.#release(rewritten)
    // Far more than any form puts before its file: leave the body to the parser as it is.
    if (this.#pending.length > this.#maxScan) return this.#release(this.#pending)
    return EMPTY
  }

  /** The bytes still held when the body ends. */
  end(): Buffer {
    return this.#release(this.#pending)
  }

  #release(bytes: Buffer): Buffer {
    this.#passThrough = true
    this.#pending = EMPTY
    return bytes
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
