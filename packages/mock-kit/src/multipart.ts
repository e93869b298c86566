import type { Readable } from 'node:stream'
import busboy from 'busboy'
import { asRefusal, busboyPartHeaderBytes } from './busboy-refusal.js'
import { parseHeaderParams } from './header-params.js'
import { isMultipartFormData, multipartBoundary } from './multipart-content-type.js'
import { MultipartError } from './multipart-error.js'
import { PartHeaderRewriter } from './part-header-rewriter.js'
import { truncateText } from './truncate-text.js'
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
  /**
   * The part's bytes. Read it to the end, or the next part never comes (it is drained if you move on). A
   * body that breaks inside the part fails it with a {@link MultipartError}.
   */
  readonly stream: Readable
}

export interface MultipartOptions {
  /** The request's Content-Type header. */
  readonly contentType: string | undefined
  /**
   * Which parts are files, by name, whatever their headers. Parts it rejects are delivered as fields even
   * with a filename (their bytes up to `fieldSize`, read as UTF-8). Default: busboy's rule (a filename or
   * octet-stream).
   */
  readonly isFile?: (name: string) => boolean
  /** Bytes kept of a field's value; the rest is counted out and `truncated` is set. Default 1 MiB. */
  readonly fieldSize?: number
  /** Most parts accepted; one more fails the body with `too-many-parts`. Default 1000. */
  readonly maxParts?: number
  /** Longest part name, in UTF-8 bytes; a longer one fails the body with `name-too-long`. Default 1 KiB. */
  readonly maxNameBytes?: number
  /** Longest `filename`, in UTF-8 bytes; a longer one fails the body with `name-too-long`. Default 4 KiB. */
  readonly maxFilenameBytes?: number
  /**
   * Called as each field is complete, in body order (for observers such as the request journal). A throw
   * fails this body's iteration with that error; it never escapes into the parser's events.
   */
  readonly onField?: (field: MultipartField) => void
  /** Called as each file part begins, before any of its bytes reach its stream. A throw fails like `onField`'s. */
  readonly onFile?: (file: MultipartFile) => void
}

/**
 * The limits `parseMultipart` applies unless told otherwise. `partHeaderBytes` is busboy's own and fixed:
 * a part whose header block is longer fails as `malformed`, like Node's limit on request headers.
 */
export const multipartLimits = {
  fieldSize: 1024 * 1024,
  maxParts: 1000,
  maxNameBytes: 1024,
  maxFilenameBytes: 4096,
  partHeaderBytes: busboyPartHeaderBytes,
} as const

/** A name short enough to quote in an error message (the message may reach a vendor-format answer). */
const quoted = (name: string) => JSON.stringify(truncateText(name, 100))

const ignore = () => undefined

/**
 * Parses a multipart/form-data body as it streams, part by part, with busboy. File bytes are never
 * buffered: each file part is a stream with backpressure on the body. Every refusal of the body (not
 * multipart, malformed, too many parts, a name too long, client gone) is thrown as a
 * {@link MultipartError} from the iteration, whichever busboy event or callback it came from; the only
 * other errors it throws are those `isFile`, `onField` or `onFile` threw (bugs), and then only from the
 * iteration of this body. Every part has a non-empty string `name`.
 */
export async function* parseMultipart(
  body: Readable,
  options: MultipartOptions,
): AsyncGenerator<MultipartPart> {
  const fieldSize = options.fieldSize ?? multipartLimits.fieldSize
  const maxParts = options.maxParts ?? multipartLimits.maxParts
  const maxNameBytes = options.maxNameBytes ?? multipartLimits.maxNameBytes
  const maxFilenameBytes = options.maxFilenameBytes ?? multipartLimits.maxFilenameBytes
  let parser: busboy.Busboy
  let boundary: string
  try {
    ;({ parser, boundary } = openParser(options.contentType ?? '', fieldSize, maxParts))
  } catch (error) {
    discard(body)
    throw error
  }

  // Parts in arrival order; a part with a filename that is not a file is read into a field first.
  const queue: Array<MultipartPart | Promise<MultipartPart>> = []
  let finished = false
  let failure: { readonly error: unknown } | undefined
  let wake: (() => void) | undefined
  let parts = 0
  // File streams busboy opened and has not ended yet.
  const unended = new Set<Readable>()
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const push = (part: MultipartPart | Promise<MultipartPart>) => {
    queue.push(part)
    notify()
  }

  const countBytes = createYoungCollector()
  let waitingForDrain = false
  const onDrain = () => {
    waitingForDrain = false
    body.resume()
  }
  const rewriter = options.isFile === undefined ? undefined : new PartHeaderRewriter(boundary, options.isFile)
  // The body is fed to busboy by hand rather than piped (through the rewriter): one call per chunk, with
  // busboy's own buffer for backpressure. Nothing thrown here may escape: this runs in the body's events.
  const onData = (chunk: Buffer) => {
    if (failure !== undefined) return
    countBytes(chunk.length)
    let bytes: Buffer
    let more: boolean
    try {
      bytes = rewriter === undefined ? chunk : rewriter.write(chunk)
      more = bytes.length === 0 || parser.write(bytes)
    } catch (error) {
      fail(asRefusal(error))
      return
    }
    if (more || waitingForDrain) return
    waitingForDrain = true
    body.pause()
    parser.once('drain', onDrain)
  }
  const onEnd = () => {
    if (failure !== undefined || parser.destroyed) return
    try {
      const rest = rewriter?.end()
      if (rest !== undefined && rest.length > 0) parser.write(rest)
      parser.end()
    } catch (error) {
      fail(asRefusal(error))
    }
  }
  // A client that goes away mid-body: fail the open file stream so its consumer stops, and the iteration.
  const onClose = () => {
    if (body.readableEnded) return
    fail(new MultipartError('aborted', 'The client closed the connection before the body ended.'))
  }
  const stopFeeding = () => {
    body.off('data', onData)
    body.off('end', onEnd)
    parser.off('drain', onDrain)
  }
  /**
   * The body's iteration ends with `error`, the first one only. busboy goes on parsing after some errors
   * (a malformed part header), so nothing it reports afterwards is taken as a part; the open file stream
   * fails with the same error.
   */
  const fail = (error: unknown) => {
    if (failure !== undefined) return
    failure = { error }
    stopFeeding()
    if (!parser.destroyed) parser.destroy(error instanceof Error ? error : new Error(String(error)))
    notify()
  }
  /** Runs a busboy event handler: whatever it throws fails this body, never the process. */
  const guarded = (handle: () => void) => {
    if (failure !== undefined) return
    try {
      handle()
    } catch (error) {
      fail(error)
    }
  }
  /** The part's name, checked: a part must have one, of bounded length; its filename too. */
  const checkPart = (name: string | undefined, filename: string | undefined): string => {
    parts += 1
    if (parts > maxParts)
      throw new MultipartError('too-many-parts', `The body has more than ${maxParts} parts.`)
    // A part without a name cannot be matched to any form field. Real S3 refuses such a form
    // (MalformedPOSTRequest) rather than ignore the part, and ignoring it would hide a broken client:
    // refused. busboy reports `name=""` as no name, so an empty name is refused too.
    if (typeof name !== 'string' || name === '')
      throw new MultipartError(
        'malformed',
        `Part ${parts} has no name (Content-Disposition: form-data; name="…").`,
      )
    if (Buffer.byteLength(name) > maxNameBytes)
      throw new MultipartError(
        'name-too-long',
        `The name of part ${parts} is longer than ${maxNameBytes} bytes: ${quoted(name)}.`,
      )
    if (filename !== undefined && Buffer.byteLength(filename) > maxFilenameBytes)
      throw new MultipartError(
        'name-too-long',
        `The filename of part ${parts} (${quoted(name)}) is longer than ${maxFilenameBytes} bytes.`,
      )
    return name
  }
  const deliverField = (field: MultipartField) => {
    options.onField?.(field)
    return field
  }

  parser.on('field', (name: string | undefined, value: string | undefined, info: busboy.FieldInfo) =>
    guarded(() => {
      const checked = checkPart(name, undefined)
      // busboy decodes a field by its part's charset and knows only UTF-8, the ISO-8859-1 family
      // (US-ASCII, Windows-1252) and UTF-16LE; for any other it hands over no value, and no bytes to decode
      // ourselves. Guessing (reading the bytes as UTF-8 or latin1) would hand a value the client never
      // sent to policy checks and the journal, so the body is refused, saying what to send instead.
      if (typeof value !== 'string')
        throw new MultipartError(
          'malformed',
          `The field ${quoted(checked)} declares a charset that cannot be decoded; send it as UTF-8 (or ISO-8859-1, US-ASCII, UTF-16LE).`,
        )
      push(deliverField({ kind: 'field', name: checked, value, truncated: info.valueTruncated }))
    }),
  )
  parser.on('file', (name: string | undefined, stream: Readable, info: busboy.FileInfo) => {
    // busboy may destroy a queued stream with an error before its consumer listens: keep that from being
    // an uncaught 'error'. Consumers still see it: iterating or piping an errored stream rejects.
    stream.on('error', ignore)
    failWithRefusals(stream)
    watchEnd(stream)
    if (failure !== undefined) {
      stream.resume()
      return
    }
    guarded(() => {
      const checked = checkPart(name, info.filename)
      if (options.isFile === undefined || options.isFile(checked)) {
        const file: MultipartFile = {
          kind: 'file',
          name: checked,
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
          deliverField({ kind: 'field', name: checked, value, truncated, filename: info.filename }),
      )
      // A failure here is the body's failure, reported through `fail` as well; keep the promise from being
      // unhandled when the iteration has stopped before it.
      field.catch(ignore)
      push(field)
    })
    // A part refused above is read by nobody; its bytes go, the parser's failure ends it.
    if (failure !== undefined) stream.resume()
  })
  // busboy counts every part, those it skips too (no Content-Disposition); it is told one more than
  // `maxParts` so that exactly `maxParts` parts pass (its event fires as the count is reached).
  parser.on('partsLimit', () =>
    fail(new MultipartError('too-many-parts', `The body has more than ${maxParts} parts.`)),
  )
  parser.on('close', () => {
    finished = true
    notify()
  })
  parser.on('error', (error: unknown) => fail(asRefusal(error)))
  // busboy 1.6 can take a closing delimiter for the end of the form while a file part it opened is still
  // open (headers that run straight into a boundary, with no blank line: the header parser finishes after
  // the delimiter). It then waits forever for that stream to end, and the iteration would hang. Its
  // `_final` runs once every byte is parsed, when no file part may still lack its end.
  const finalize = parser._final
  parser._final = (callback) => {
    finalize.call(parser, callback)
    // A form busboy found incomplete has already failed (and destroyed its file stream) by now.
    if (!parser.destroyed && unended.size > 0)
      fail(
        new MultipartError(
          'malformed',
          "A part's headers run into a boundary, leaving a file part without an end.",
        ),
      )
  }

  if (body.destroyed && !body.readableEnded) onClose()
  else {
    body.once('close', onClose)
    body.once('error', onClose)
    body.on('data', onData)
    // A body already read to its end gives no 'end' again.
    if (body.readableEnded) onEnd()
    else body.once('end', onEnd)
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
      if (failure !== undefined) throw failure.error
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
    if (!parser.destroyed) parser.destroy()
    discard(body)
  }

  /** Keeps `unended` up to date: busboy ends a file stream by pushing null; a destroyed one is over too. */
  function watchEnd(stream: Readable) {
    unended.add(stream)
    const push = stream.push.bind(stream)
    stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === null) unended.delete(stream)
      return push(chunk, encoding)
    }
    stream.once('close', () => unended.delete(stream))
  }

  /**
   * busboy fails the open file stream with its own plain Error (a body cut short); its consumer gets the
   * MultipartError that means instead, the same the iteration throws. Errors a consumer destroys the stream
   * with are left as they are.
   */
  function failWithRefusals(stream: Readable) {
    const destroy = stream.destroy.bind(stream)
    stream.destroy = (error?: Error) =>
      destroy(parser.destroyed ? (asRefusal(error) as Error | undefined) : error)
  }
}

/** busboy for this Content-Type, or the MultipartError that refuses it (busboy throws on some). */
function openParser(
  contentType: string,
  fieldSize: number,
  maxParts: number,
): { parser: busboy.Busboy; boundary: string } {
  if (!isMultipartFormData(contentType))
    throw new MultipartError('not-multipart', 'The body is not multipart/form-data.')
  if (parseHeaderParams(contentType) === undefined)
    throw new MultipartError('malformed', 'The parameters of the multipart Content-Type are malformed.')
  const boundary = multipartBoundary(contentType)
  if (boundary === undefined)
    throw new MultipartError('malformed', 'The multipart Content-Type has no boundary, or an empty one.')
  try {
    const parser = busboy({
      headers: { 'content-type': contentType },
      // UTF-8 file names (curl and browsers send them raw) instead of busboy's latin1 default.
      defParamCharset: 'utf8',
      preservePath: true,
      // `fields` and `files` are left unlimited: `parts` bounds both. Part headers are bounded by busboy
      // itself (multipartLimits.partHeaderBytes).
      limits: { fieldSize, parts: maxParts + 1 },
    })
    return { parser, boundary }
  } catch (error) {
    throw new MultipartError(
      'malformed',
      `The multipart Content-Type cannot be read: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    )
  }
}

/** Reads and drops the rest of a body; an error while doing so concerns nobody any more. */
function discard(body: Readable) {
  if (body.readableEnded) return
  body.on('error', ignore)
  body.resume()
}

async function readAsField(stream: Readable, limit: number): Promise<{ value: string; truncated: boolean }> {
  const chunks: Buffer[] = []
  let kept = 0
  let truncated = false
  try {
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
  } catch (error) {
    throw asRefusal(error)
  }
  return { value: Buffer.concat(chunks).toString('utf8'), truncated }
}
