import { createHash } from 'node:crypto'
import { Transform } from 'node:stream'
import { journalPart } from './journal-middleware.js'
import type { MultipartPart } from './multipart.js'

/**
 * Passes multipart parts through, reporting each to the journal entry of `request` once read: name,
 * filename, content type, size and, unless `digests` is false, SHA-256 (the one per-byte cost the journal
 * adds). A file part's bytes go through a counting stage that holds nothing back; its errors carry over.
 */
export async function* journalParts(
  request: Request,
  parts: AsyncIterable<MultipartPart>,
  options: { digests: boolean },
): AsyncGenerator<MultipartPart> {
  for await (const part of parts) {
    if (part.kind === 'field') {
      journalPart(request, {
        name: part.name,
        size: Buffer.byteLength(part.value),
        ...(options.digests ? { sha256: createHash('sha256').update(part.value).digest('hex') } : {}),
      })
      yield part
      continue
    }
    const hash = options.digests ? createHash('sha256') : undefined
    let size = 0
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length
        hash?.update(chunk)
        callback(null, chunk)
      },
      flush(callback) {
        journalPart(request, {
          name: part.name,
          filename: part.filename,
          contentType: part.contentType,
          size,
          ...(hash === undefined ? {} : { sha256: hash.digest('hex') }),
        })
        callback()
      },
    })
    part.stream.once('error', (error) => counted.destroy(error))
    part.stream.pipe(counted)
    yield { ...part, stream: counted }
    // Moving on without reading the part (parseMultipart drains it then): drain ours too, or the pipe stalls.
    if (!counted.readableEnded) counted.resume()
  }
}
