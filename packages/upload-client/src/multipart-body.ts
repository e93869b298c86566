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
export const randomBoundary = (): string => `----crmkit${randomBytes(12).toString('hex')}`

/** Lays out the parts (text and files in the order given) as one streamed, length-known body. */
export function createMultipartBody(parts: readonly BodyPart[], boundary = randomBoundary()): MultipartBody {
  const heads = parts.map((part) => partHead(boundary, part))
  const values = parts.map((part) => (part.kind === 'field' ? Buffer.from(part.value) : undefined))
  const tail = Buffer.from(`--${boundary}--${CRLF}`)
  let length = tail.length
  parts.forEach((part, index) => {
    length += (heads[index] as Buffer).length + CRLF.length
    length += part.kind === 'field' ? (values[index] as Buffer).length : part.file.size
  })
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    reopenable: parts.every((part) => part.kind === 'field' || part.file.reopenable),
    open(onFileBytes) {
      async function* generate() {
        let fileIndex = 0
        for (const [index, part] of parts.entries()) {
          yield heads[index] as Buffer
          if (part.kind === 'field') yield values[index] as Buffer
          else yield* fileBytes(part.file, fileIndex++, onFileBytes)
          yield CRLF_BYTES
        }
        yield tail
      }
      // Object mode keeps up to 16 chunks (4 MiB) read ahead of the socket, so disk reads overlap sending.
      return Readable.from(generate())
    },
  }
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
