import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { InvalidFileError } from './errors/usage-errors.js'
import type { OpenedFile } from './file-source.js'

/** One part of a multipart/form-data body, in the order it is sent. */
export type BodyPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | { readonly kind: 'file'; readonly name: string; readonly file: OpenedFile }

/** Called as a file's bytes go out: its index among the file parts and the bytes sent so far. */
export type FileBytesListener = (fileIndex: number, loaded: number) => void

export interface MultipartBody {
  readonly contentType: string
  /** Exact byte length, so the request carries a Content-Length and S3 need not buffer. */
  readonly length: number
  /** Whether every file can be read again, so the body can be sent again. */
  readonly reopenable: boolean
  /** A fresh stream of the whole body; files are read as it is consumed, never held whole. */
  open(onFileBytes?: FileBytesListener): Readable
}

const CRLF = '\r\n'
const CRLF_BYTES = Buffer.from(CRLF)

/**
 * Field names and filenames in Content-Disposition, escaped as the WHATWG HTML standard's
 * multipart/form-data encoding does: `"` as `%22`, CR as `%0D`, LF as `%0A`.
 */
const quote = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

function partHead(boundary: string, part: BodyPart): Buffer {
  const disposition =
    part.kind === 'field'
      ? `Content-Disposition: form-data; name="${quote(part.name)}"`
      : `Content-Disposition: form-data; name="${quote(part.name)}"; filename="${quote(part.file.name)}"${CRLF}Content-Type: ${part.file.type}`
  return Buffer.from(`--${boundary}${CRLF}${disposition}${CRLF}${CRLF}`)
}

/** A boundary of random hex, like browsers' and curl's, that cannot occur by chance in the parts. */
const randomBoundary = (): string => `----crmkit${randomBytes(12).toString('hex')}`

/** Lays out the parts (text and files in the order given) as one streamed, length-known body. */
export function createMultipartBody(parts: readonly BodyPart[], boundary = randomBoundary()): MultipartBody {
  const segments = layOut(boundary, parts)
  const length = segments.reduce(
    (sum, segment) => sum + (Buffer.isBuffer(segment) ? segment.length : segment.size),
    0,
  )
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    reopenable: parts.every((part) => part.kind === 'field' || part.file.reopenable),
    open(onFileBytes) {
      async function* generate() {
        let fileIndex = 0
        for (const segment of segments) {
          if (Buffer.isBuffer(segment)) yield segment
          else yield* fileBytes(segment, fileIndex++, onFileBytes)
        }
      }
      // Object mode keeps up to 16 chunks (4 MiB) read ahead of the socket, so disk reads overlap sending.
      return Readable.from(generate())
    },
  }
}

/**
 * The body as files and the bytes between them, each run of text joined into one buffer: one socket
 * write for all the fields instead of three per field.
 */
function layOut(boundary: string, parts: readonly BodyPart[]): Array<Buffer | OpenedFile> {
  const segments: Array<Buffer | OpenedFile> = []
  let text: Buffer[] = []
  for (const part of parts) {
    text.push(partHead(boundary, part))
    if (part.kind === 'field') text.push(Buffer.from(part.value), CRLF_BYTES)
    else {
      segments.push(Buffer.concat(text), part.file)
      text = [CRLF_BYTES]
    }
  }
  text.push(Buffer.from(`--${boundary}--${CRLF}`))
  segments.push(Buffer.concat(text))
  return segments
}

/** A file's bytes, counted against its declared size, so a lying stream fails before S3 or PHP sees it. */
async function* fileBytes(file: OpenedFile, fileIndex: number, onFileBytes: FileBytesListener | undefined) {
  let loaded = 0
  onFileBytes?.(fileIndex, 0)
  const stream = file.open()
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array)
      loaded += bytes.byteLength
      if (loaded > file.size)
        throw new InvalidFileError(file.name, `the stream is longer than its size (${file.size} bytes)`)
      yield bytes
      onFileBytes?.(fileIndex, loaded)
    }
  } finally {
    stream.destroy()
  }
  if (loaded < file.size) {
    throw new InvalidFileError(file.name, `the stream ended after ${loaded} of its ${file.size} bytes`)
  }
}
