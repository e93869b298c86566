import { createHash } from 'node:crypto'
import { journalPart } from './journal-middleware.js'
import type { MultipartOptions } from './multipart.js'

/**
 * `parseMultipart` options that also report each part to the journal entry of `request`, in body order:
 * name, filename, content type, size and, unless `digests` is false, SHA-256 (the one per-byte cost the
 * journal adds). A file part's bytes are counted as the parser hands them to its stream, so the stream
 * stays the parser's: no extra stage, nothing held back. A part cut short is reported with what came.
 */
export function journalMultipart(
  request: Request,
  options: MultipartOptions,
  journal: { readonly digests: boolean },
): MultipartOptions {
  return {
    ...options,
    onField(field) {
      options.onField?.(field)
      journalPart(request, {
        name: field.name,
        ...(field.filename === undefined ? {} : { filename: field.filename }),
        size: Buffer.byteLength(field.value),
        ...(journal.digests ? { sha256: createHash('sha256').update(field.value).digest('hex') } : {}),
      })
    },
    onFile(file) {
      options.onFile?.(file)
      const { stream } = file
      const hash = journal.digests ? createHash('sha256') : undefined
      let size = 0
      let reported = false
      const report = () => {
        if (reported) return
        reported = true
        journalPart(request, {
          name: file.name,
          filename: file.filename,
          contentType: file.contentType,
          size,
          ...(hash === undefined ? {} : { sha256: hash.digest('hex') }),
        })
      }
      const push = stream.push.bind(stream)
      stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
        if (chunk === null) report()
        else if (Buffer.isBuffer(chunk)) {
          size += chunk.length
          hash?.update(chunk)
        }
        return push(chunk, encoding)
      }
      stream.once('close', report)
    },
  }
}
