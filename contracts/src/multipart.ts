import { MatchersV3, type Rules } from '@pact-foundation/pact'

const { regex } = MatchersV3

/** A part of a recorded multipart body: a text field, or a file with its filename and Content-Type. */
export type RecordedPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly filename: string; readonly type: string; readonly content: Buffer }

/** A matcher for one text field, by its name; a field without one must be equal to the recorded value. */
export type FieldRule = ReturnType<typeof regex> | ReturnType<typeof MatchersV3.equal>

/**
 * A multipart/form-data request as Pact records it (contracts/README.md, "Multipart bodies"): the whole body
 * as a Buffer with a fixed boundary (a JS string would cut binary parts at the first NUL), a Content-Type
 * header matched by a pattern so the client's random boundary passes, and one body rule per text field.
 * Pact's own `multipartBody` helper takes file parts only, and `.body(…, Buffer)` adds a root content-type
 * rule that Pact would apply to every text part unless each has its own rule, hence a rule for every field.
 *
 * Parts are matched by name, in any order, and extra parts are ignored (pact_matching): the order S3 needs
 * (`file` last) is checked by the client's tests against the emulator, not here.
 */
export function recordedMultipart(
  parts: readonly RecordedPart[],
  rules: Record<string, FieldRule>,
  boundary = '----crmkit-contract-boundary',
) {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const head =
      'filename' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}`
        : `Content-Disposition: form-data; name="${part.name}"`
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`))
    chunks.push('filename' in part ? part.content : Buffer.from(part.value), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  const contentType = `multipart/form-data; boundary=${boundary}`
  const fields = parts.filter((part) => !('filename' in part)).map((part) => part.name)
  const missing = fields.filter((name) => rules[name] === undefined)
  if (missing.length > 0)
    throw new Error(`Give every text part a rule (see contracts/README.md): ${missing.join(', ')}`)
  const body = Buffer.concat(chunks)
  const header = regex('^multipart/form-data;\\s*boundary=\\S+$', contentType)
  const bodyRules = {
    body: fields.map((name) => ({ path: bodyPath(name), rules: [rules[name] as FieldRule] })),
  } satisfies Rules
  return {
    body,
    contentType,
    /** Sets the header, the body and its rules on a request builder (`withRequest`'s callback). */
    describe: <Builder extends MultipartRequestBuilder<Builder>>(request: Builder): Builder =>
      request.headers({ 'Content-Type': header }).body(contentType, body).matchingRules(bodyRules),
  }
}

/** What `describe` needs of Pact's V4 request builder. */
export interface MultipartRequestBuilder<Builder> {
  headers(headers: Record<string, unknown>): Builder
  body(contentType: string, body: Buffer): Builder
  matchingRules(rules: Rules): Builder
}

/** `$.id`, or `$['report.txt']` for names a dotted path cannot hold. */
const bodyPath = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `$.${name}` : `$['${name}']`)
