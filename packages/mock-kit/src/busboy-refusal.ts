import { MultipartError } from './multipart-error.js'

/** busboy 1.6's fixed limit on one part's header block (Node's default for request headers). */
export const busboyPartHeaderBytes = 16 * 1024

/**
 * The plain Errors busboy 1.6 raises while reading a body (the only ones: its constructor's throws are
 * checked before it is built), with what they tell the client. Found by reading lib/types/multipart.js.
 */
const BUSBOY_FAILURES: Readonly<Record<string, string>> = {
  'Unexpected end of form': 'The body ended before its closing boundary.',
  'Unexpected end of file': 'The body ended inside a file part.',
  'Malformed part header': `A part's headers are malformed or longer than ${busboyPartHeaderBytes / 1024} KiB.`,
}

// Each busboy error becomes one MultipartError, so that a file stream and the iteration fail alike.
const refusals = new WeakMap<Error, MultipartError>()

/**
 * busboy's verdict on a body as the `malformed` MultipartError it means; anything else (a MultipartError
 * already, a bug, an observer's throw) as it is.
 */
export function asRefusal(error: unknown): unknown {
  if (!(error instanceof Error) || Object.getPrototypeOf(error) !== Error.prototype) return error
  const message = BUSBOY_FAILURES[error.message]
  if (message === undefined) return error
  let refusal = refusals.get(error)
  if (refusal === undefined) {
    refusal = new MultipartError('malformed', message, { cause: error })
    refusals.set(error, refusal)
  }
  return refusal
}
