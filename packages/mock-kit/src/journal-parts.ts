import { createHash } from 'node:crypto'
import { journalPart } from './journal-middleware.js'
import { isSecretName, REDACTED } from './journal-redaction.js'
import type { MultipartOptions } from './multipart.js'

/**
 * `parseMultipart` options that also report each part to the journal entry of `request`, in body order:
 * name, filename, content type, size and, unless `digests` is false, SHA-256 (the one per-byte cost the
 * journal adds); a text part's value too (cut by the journal), but a secret's (`x-amz-signature`,
 * `secretKey`…: `journal-redaction.ts`), which is `[redacted]`. A file part's bytes are counted as the parser hands them to its stream, so the stream
 * stays the parser's: no extra stage, nothing held back. A part cut short is reported with what came.
 *
 * The journal only observes: its hooks never throw, whatever the part (they run inside the parser's
 * events and the stream's own `push`), and losing a part's record is preferred to failing the request. The
 * caller's own `onField`/`onFile` still run first, and a throw of theirs fails the body as it would alone.
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
      observe(() => {
        const value = text(field.value)
        const name = text(field.name)
        journalPart(request, {
          name,
          ...(typeof field.filename === 'string' ? { filename: field.filename } : {}),
          size: Buffer.byteLength(value),
          ...(journal.digests ? { sha256: createHash('sha256').update(value).digest('hex') } : {}),
          value: isSecretName(name) ? REDACTED : value,
        })
      })
    },
    onFile(file) {
      options.onFile?.(file)
      observe(() => {
        const { stream } = file
        const hash = journal.digests ? createHash('sha256') : undefined
        let size = 0
        let reported = false
        const report = () =>
          observe(() => {
            if (reported) return
            reported = true
            journalPart(request, {
              name: text(file.name),
              filename: typeof file.filename === 'string' ? file.filename : undefined,
              contentType: text(file.contentType),
              size,
              ...(hash === undefined ? {} : { sha256: hash.digest('hex') }),
            })
          })
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
      })
    },
  }
}

/** The parser types these as strings; the journal does not rely on it. */
const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Runs a journal observation; a failure of its own loses that record, never the request or the process. */
function observe(record: () => void): void {
  try {
    record()
  } catch {
    // Nothing to do: the journal is a witness, and the request's answer must not depend on it.
  }
}
