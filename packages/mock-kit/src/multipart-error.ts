/**
 * Why a multipart body was refused. Apps map each kind to their vendor's own error:
 * - `not-multipart`: the Content-Type is not multipart/form-data.
 * - `malformed`: the Content-Type or the body breaks the multipart syntax, a part has no name, a field
 *   declares a charset that cannot be decoded, or the body ends early.
 * - `too-many-parts`: more than `maxParts` parts.
 * - `name-too-long`: a part's name or filename is longer than `maxNameBytes` / `maxFilenameBytes`.
 * - `aborted`: the client went away before the body ended (there is nobody left to answer).
 */
export type MultipartErrorKind =
  | 'not-multipart'
  | 'malformed'
  | 'too-many-parts'
  | 'name-too-long'
  | 'aborted'

/** A refusal of the body; any other error out of `parseMultipart` is a bug (or an observer's own throw). */
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
