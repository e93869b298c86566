import { parseHeaderParams } from './header-params.js'

const CRLF = Buffer.from('\r\n')
const CRLF_CRLF = Buffer.from('\r\n\r\n')
const EMPTY = Buffer.alloc(0)

/**
 * busboy 1.6 streams a part as a file only when it has a `filename` or is `application/octet-stream`;
 * any other part is buffered as a field and cut at `fieldSize`. Some protocols (S3 POST) take a named part
 * as the file whatever its headers. This filter reads the part headers that come before the first such
 * part, gives that part `Content-Type: application/octet-stream` when it has no filename, and then hands
 * every later chunk on as it is, so the cost is limited to the (small) head of the body. It is a plain
 * function of chunks rather than a stream so that, once past the head, a chunk costs one call.
 *
 * It finds parts as busboy does (a delimiter is CRLF `--boundary` followed by CRLF, and the body's first
 * delimiter needs no CRLF before it), so that bytes inside a part's value are never taken for headers. A
 * head sent a byte at a time costs linear time: the held bytes grow by doubling and no search starts over.
 */
export class PartHeaderRewriter {
  readonly #delimiter: Buffer
  readonly #isFile: (name: string) => boolean
  readonly #maxScan: number
  // The head read so far, after a CRLF of our own (busboy does the same) so that the first delimiter is
  // found like the others; only the first `#length` bytes are used.
  #held: Buffer = Buffer.allocUnsafe(1024)
  #length = 0
  // Where the next delimiter search starts, and where the search for the end of its headers resumes.
  #from = 0
  #headersFrom = 0
  #passThrough = false

  constructor(boundary: string, isFile: (name: string) => boolean, maxScan = 256 * 1024) {
    this.#delimiter = Buffer.from(`\r\n--${boundary}`)
    this.#isFile = isFile
    this.#maxScan = maxScan
    this.#length = CRLF.copy(this.#held)
  }

  /** The bytes to hand on for this chunk (empty while the head is still being read). */
  write(chunk: Buffer): Buffer {
    if (this.#passThrough) return chunk
    this.#append(chunk)
    const rewritten = this.#scan()
    if (rewritten !== undefined) return this.#release(rewritten)
    // Far more than any form puts before its file: leave the body to the parser as it is.
    if (this.#length > this.#maxScan) return this.#release(this.#held.subarray(0, this.#length))
    return EMPTY
  }

  /** The bytes still held when the body ends. */
  end(): Buffer {
    if (this.#passThrough) return EMPTY
    return this.#release(this.#held.subarray(0, this.#length))
  }

  #append(chunk: Buffer): void {
    const needed = this.#length + chunk.length
    if (needed > this.#held.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#held.length * 2))
      this.#held.copy(grown, 0, 0, this.#length)
      this.#held = grown
    }
    this.#length += chunk.copy(this.#held, this.#length)
  }

  /** The held bytes without our own leading CRLF; nothing is held after this. */
  #release(bytes: Buffer): Buffer {
    this.#passThrough = true
    this.#held = EMPTY
    return bytes.subarray(CRLF.length)
  }

  /** The bytes to emit once the file part's headers are complete (rewritten if needed), else `undefined`. */
  #scan(): Buffer | undefined {
    const data = this.#held.subarray(0, this.#length)
    for (;;) {
      const at = data.indexOf(this.#delimiter, this.#from)
      if (at === -1) {
        // A delimiter may have begun at the end: search again from there.
        this.#from = Math.max(this.#from, data.length - this.#delimiter.length + 1)
        return undefined
      }
      const headersStart = at + this.#delimiter.length + CRLF.length
      if (data.length < headersStart) {
        this.#from = at
        return undefined
      }
      if (data[headersStart - 2] !== 13 || data[headersStart - 1] !== 10) {
        // The closing delimiter (`--`), or the boundary's text inside a value: not a part's start.
        this.#from = at + 1
        this.#headersFrom = 0
        continue
      }
      const headersEnd = data.indexOf(CRLF_CRLF, Math.max(headersStart, this.#headersFrom))
      if (headersEnd === -1) {
        this.#from = at
        this.#headersFrom = Math.max(headersStart, data.length - CRLF_CRLF.length + 1)
        return undefined
      }
      this.#headersFrom = 0
      const headers = data.toString('latin1', headersStart, headersEnd)
      const rewrittenHeaders = rewriteFileHeaders(headers, this.#isFile)
      if (rewrittenHeaders === undefined) {
        // The CRLF ending the headers may begin the next delimiter (a part with an empty body).
        this.#from = headersEnd + CRLF.length
        continue
      }
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
 * part. A part that already has a filename is a file to busboy and is left alone. The name is read as
 * busboy reads it (parameter grammar, then the bytes as UTF-8), so both agree on which part is the file.
 */
function rewriteFileHeaders(headers: string, isFile: (name: string) => boolean): string | undefined {
  // Folded lines (obsolete, but busboy accepts them) continue the header before them.
  const lines = headers.replace(/\r\n(?=[ \t])/g, '').split('\r\n')
  const disposition = lines.find((line) => /^content-disposition:/i.test(line))
  if (disposition === undefined) return undefined
  const value = disposition.slice('content-disposition:'.length).replace(/^[ \t]+/, '')
  if (!/^form-data(?=[ \t;]|$)/i.test(value)) return undefined
  const params = parseHeaderParams(value)
  const name = params?.get('name')
  if (params === undefined || name === undefined) return undefined
  if (!isFile(Buffer.from(name, 'latin1').toString('utf8'))) return undefined
  if (params.has('filename') || params.has('filename*')) return headers
  const others = lines.filter((line) => !/^content-type:/i.test(line))
  return [...others, 'Content-Type: application/octet-stream'].join('\r\n')
}
