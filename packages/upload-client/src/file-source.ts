import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { fileURLToPath } from 'node:url'
import { InvalidFileError } from './errors/usage-errors.js'

/** A stream of the file's bytes: Node's or the web's. */
export type ByteStream = NodeJS.ReadableStream | WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>

/**
 * A file to upload. A path (or `file:` URL) or a `File` can be given as is; bytes and streams need a
 * name, and streams their size. A function returning a fresh stream lets a retry start over; a bare
 * stream can be read once, so a failure after it was read is not retried.
 */
export type UploadFile =
  | string
  | URL
  | Blob
  | {
      readonly source: string | URL | Uint8Array | Blob | ByteStream | (() => ByteStream)
      /** The filename sent; default the path's basename or the `File`'s name. */
      readonly name?: string
      /** Required for streams; checked against what the stream yields. */
      readonly size?: number
      /** The part's Content-Type; default from the name's extension, else `application/octet-stream`. */
      readonly type?: string
    }

/** A file ready to send, any number of times when `reopenable`. */
export interface OpenedFile {
  readonly name: string
  readonly size: number
  readonly type: string
  readonly reopenable: boolean
  /** A fresh stream from the first byte (or, for a one-shot stream, the stream itself, once). */
  open(): Readable
}

const TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The Content-Type for a filename, from its extension (as PHP's `mime_content_type` would for these). */
export const contentTypeOf = (name: string): string =>
  TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream'

/** Resolves what the caller gave into a name, a size, a type and a way to read it; paths are `stat`ed. */
export async function openFile(file: UploadFile): Promise<OpenedFile> {
  const described =
    typeof file === 'string' || file instanceof URL || file instanceof Blob ? { source: file } : file
  const { source } = described
  if (typeof source === 'string' || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source
    const name = described.name ?? basename(path)
    let size: number
    try {
      const info = await stat(path)
      if (!info.isFile()) throw new Error('not a regular file')
      size = info.size
    } catch (error) {
      throw new InvalidFileError(name, `cannot read ${path} (${(error as Error).message})`, error)
    }
    return opened(name, size, described.type, true, () =>
      createReadStream(path, { highWaterMark: 256 * 1024 }),
    )
  }
  if (source instanceof Blob) {
    const name = described.name ?? (source as Blob & { name?: string }).name
    if (!name) throw new InvalidFileError('(unnamed)', 'a Blob needs a name: pass { source, name }')
    return opened(name, source.size, described.type ?? (source.type || undefined), true, () =>
      Readable.fromWeb(source.stream() as WebReadableStream<Uint8Array>),
    )
  }
  const name = described.name
  if (!name) throw new InvalidFileError('(unnamed)', 'bytes and streams need a name: pass { source, name }')
  if (source instanceof Uint8Array) {
    return opened(name, source.byteLength, described.type, true, () =>
      Readable.from([source], { objectMode: false }),
    )
  }
  const size = described.size
  if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
    throw new InvalidFileError(name, 'a stream needs its size in bytes: pass { source, name, size }')
  }
  if (typeof source === 'function')
    return opened(name, size, described.type, true, () => toNodeStream(source()))
  let used = false
  return opened(name, size, described.type, false, () => {
    if (used)
      throw new InvalidFileError(name, 'this stream was already read; pass a function returning a fresh one')
    used = true
    return toNodeStream(source)
  })
}

function opened(
  name: string,
  size: number,
  type: string | undefined,
  reopenable: boolean,
  open: () => Readable,
): OpenedFile {
  if (name.includes('/') || name.includes('\\'))
    throw new InvalidFileError(name, 'a file name cannot contain a slash')
  return { name, size, type: type ?? contentTypeOf(name), reopenable, open }
}

function toNodeStream(stream: ByteStream): Readable {
  if (stream instanceof Readable) return stream
  if (typeof (stream as WebReadableStream<Uint8Array>).getReader === 'function') {
    return Readable.fromWeb(stream as WebReadableStream<Uint8Array>)
  }
  return new Readable({ read() {} }).wrap(stream as NodeJS.ReadableStream)
}
