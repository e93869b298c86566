import type { Readable } from 'node:stream'
import busboy from 'busboy'
import { PartHeaderRewriter } from './part-header-rewriter.js'
import { createYoungCollector } from './young-collector.js'

export type MultipartPart = MultipartField | MultipartFile

export interface MultipartField {
  readonly kind: 'field'
  readonly name: string
  readonly value: string
  /** True when the value was longer than `fieldSize` and was cut there. */
  readonly truncated: boolean
  /** The part's `filename`, when a part that is not a file carried one. */
  readonly filename?: string | undefined
}

export interface MultipartFile {
  readonly kind: 'file'
  readonly name: string
  /** The `filename` parameter as sent (path kept); `undefined` when the part had none. */
  readonly filename: string | undefined
  readonly contentType: string
  /** The part's bytes. Read it to the end, or the next part never comes (it is drained if you move on). */
  readonly stream: Readable
}

export type MultipartErrorKind = 'not-multipart' | 'malformed' | 'too-many-parts' | 'aborted'

export class MultipartError extends Error {
  override readonly name = 'MultipartError'
  constructor(
    readonly kind: MultipartErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface MultipartOptions {
  /** The request's Content-Type header. */
  readonly contentType: string | undefined
  /**
   * Which parts are files, by name, whatever their headers. Parts it rejects are delivered as fields even
   * with a filename (their bytes up to `fieldSize`). Default: busboy's rule (a filename or octet-stream).
   */
  readonly isFile?: (name: string) => boolean
  /** Bytes kept of a field's value; the rest is counted out and `truncated` is set. Default 1 MiB. */
  readonly fieldSize?: number
  /** Most parts accepted; past it the body fails with `too-many-parts`. Default 1000. */
  readonly maxParts?: number
  /** Called as each field is complete, in body order (for observers such as the request journal). */
  readonly onField?: (field: MultipartField) => void
  /** Called as each file part begins, before any of its bytes reach its stream. */
  readonly onFile?: (file: MultipartFile) => void
}

/** Whether a Content-Type is `multipart/form-data` (boundary or not). */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? '')
}

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/**
 * Parses a multipart/form-data body as it streams, part by part, with busboy. File bytes are never
 * buffered: each file part is a stream with backpressure on the body. Errors (not multipart, malformed
 * body, client gone) are thrown as {@link MultipartError} from the iteration.
 */
export async function* parseMultipart(
  body: Readable,
  options: MultipartOptions,
): AsyncGenerator<MultipartPart> {
  const contentType = options.contentType ?? ''
  if (!isMultipartFormData(contentType))
    throw new MultipartError('not-multipart', 'The body is not multipart/form-data.')
  const boundary = boundaryOf(contentType)
  if (boundary === undefined)
    throw new MultipartError('malformed', 'The multipart Content-Type has no boundary.')
  const fieldSize = options.fieldSize ?? 1024 * 1024
  const parser = busboy({
    headers: { 'content-type': contentType },
    // UTF-8 file names (curl and browsers send them raw) instead of busboy's latin1 default.
    defParamCharset: 'utf8',
    preservePath: true,
    limits: { fieldSize, fieldNameSize: 1024, parts: options.maxParts ?? 1000 },
  })

  // Parts in arrival order; a part with a filename that is not a file is read into a field first.
  const queue: Array<MultipartPart | Promise<MultipartPart>> = []
  let finished = false
  let failure: MultipartError | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const push = (part: MultipartPart | Promise<MultipartPart>) => {
    queue.push(part)
    notify()
  }
  const fail = (error: MultipartError) => {
    failure ??= error
    notify()
  }

  const pushField = (field: MultipartField) => {
    options.onField?.(field)
    return field
  }
  parser.on('field', (name, value, info) =>
    push(pushField({ kind: 'field', name, value, truncated: info.valueTruncated })),
  )
  parser.on('file', (name, stream, info) => {
    // busboy may destroy a queued stream with an error before its consumer listens: keep that from being
    // an uncaught 'error'. Consumers still see it: iterating or piping an errored stream rejects.
    stream.on('error', () => undefined)
    if (options.isFile === undefined || options.isFile(name)) {
      const file: MultipartFile = {
        kind: 'file',
        name,
        filename: info.filename,
        contentType: info.mimeType,
        stream,
      }
      options.onFile?.(file)
      push(file)
      return
    }
    const field = readAsField(stream, fieldSize).then(
      ({ value, truncated }): MultipartPart =>
        pushField({
          kind: 'field',
          name,
          value,
          truncated,
          filename: info.filename,
        }),
    )
    // A failure here is the body's failure, reported through `fail`; keep the promise from being unhandled.
    field.catch(() => undefined)
    push(field)
  })
  parser.on('partsLimit', () => fail(new MultipartError('too-many-parts', 'The body has too many parts.')))
  parser.on('close', () => {
    finished = true
    notify()
  })
  parser.on('error', (error: Error) => fail(new MultipartError('malformed', error.message, { cause: error })))

  // A client that goes away mid-body: fail the open file stream so its consumer stops, and the iteration.
  const onClose = () => {
    if (body.readableEnded) return
    const error = new MultipartError('aborted', 'The client closed the connection before the body ended.')
    stopFeeding()
    parser.destroy(error)
    fail(error)
  }
  body.once('close', onClose)
  body.once('error', onClose)
  const rewriter = options.isFile === undefined ? undefined : new PartHeaderRewriter(boundary, options.isFile)
  // The body is fed to busboy by hand rather than piped (through the rewriter): one call per chunk, with
  // busboy's own buffer for backpressure.
  const countBytes = createYoungCollector()
  let waitingForDrain = false
  const onDrain = () => {
    waitingForDrain = false
    body.resume()
  }
  const onData = (chunk: Buffer) => {
    // A parser that failed (malformed body) takes no more; the rest is discarded.
    if (parser.destroyed) return
    countBytes(chunk.length)
    const bytes = rewriter === undefined ? chunk : rewriter.write(chunk)
    if (bytes.length === 0 || parser.write(bytes) || waitingForDrain) return
    waitingForDrain = true
    body.pause()
    parser.once('drain', onDrain)
  }
  const onEnd = () => {
    if (parser.destroyed) return
    const rest = rewriter?.end()
    if (rest !== undefined && rest.length > 0) parser.write(rest)
    parser.end()
  }
  body.on('data', onData)
  body.once('end', onEnd)
  const stopFeeding = () => {
    body.off('data', onData)
    body.off('end', onEnd)
    parser.off('drain', onDrain)
  }

  let current: MultipartFile | undefined
  try {
    for (;;) {
      if (current !== undefined && !current.stream.readableEnded) current.stream.resume()
      current = undefined
      const queued = queue.shift()
      if (queued !== undefined) {
        const next = await queued
        if (next.kind === 'file') current = next
        yield next
        continue
      }
      if (failure !== undefined) throw failure
      if (finished) return
      await new Promise<void>((resolve) => {
        wake = resolve
      })
    }
  } finally {
    body.off('close', onClose)
    body.off('error', onClose)
    // However the iteration ended (early stop by the consumer, a failure), the rest of the body, if any, is
    // read and discarded so that the answer can still be sent on the connection.
    stopFeeding()
    if (!finished) parser.destroy()
    if (!body.readableEnded) body.resume()
  }
}

async function readAsField(stream: Readable, limit: number): Promise<{ value: string; truncated: boolean }> {
  const chunks: Buffer[] = []
  let kept = 0
  let truncated = false
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (kept >= limit) {
      truncated = true
      continue
    }
    const slice = chunk.subarray(0, limit - kept)
    if (slice.length < chunk.length) truncated = true
    chunks.push(slice)
    kept += slice.length
  }
  return { value: Buffer.concat(chunks).toString('utf8'), truncated }
}
