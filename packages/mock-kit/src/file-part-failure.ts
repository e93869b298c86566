import type { MultipartFile } from './multipart.js'
import { MultipartError } from './multipart-error.js'

/**
 * What a failure while reading a file part stands for, to throw in its place. A body cut short fails the
 * part's stream with the parser's MultipartError, or ends it early (a premature close): either is the
 * client's, a MultipartError. Anything else (the sink the part was piped to: the disk) is not the client's
 * doing and comes back as it is, a bug's 500.
 */
export function filePartFailure(part: MultipartFile, error: unknown): unknown {
  const cause = part.stream.errored ?? error
  if (cause instanceof MultipartError) return cause
  if ((cause as NodeJS.ErrnoException | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE')
    return new MultipartError('malformed', 'The body ended inside a file part.', { cause })
  return cause
}
