import fc from 'fast-check'
import { compactJson } from './dump.js'
import { type Extra, extrasArbitrary } from './extras-arbitrary.js'
import { type MultipartBody, multipartContentType, type Part, renderMultipart } from './multipart.js'
import {
  applyByteMutations,
  applyPartMutation,
  type ByteMutation,
  byteMutationArbitrary,
  type PartMutation,
  partMutationArbitrary,
} from './multipart-mutations.js'
import { requestHead } from './raw-http.js'
import type { PreparedRequest, Settings } from './runner.js'
import {
  describeTransport,
  frame,
  HONEST,
  type Transport,
  transportArbitrary,
  wholeBodyBeforeClose,
  writePlan,
} from './transport.js'

/** A multipart upload case: a valid request (chosen by `base`) and what is done to it. */
export interface UploadCase {
  readonly base: number
  readonly files: number
  readonly fileSize: number
  readonly fileSeed: number
  /** Endpoint-specific changes (a key, an object type, credentials…): a role and an index into its values. */
  readonly extras: readonly Extra[]
  readonly parts: readonly PartMutation[]
  readonly bytes: readonly ByteMutation[]
  readonly transport: Transport
  /** Send an Origin header (the answer must then carry CORS headers, where the service has them). */
  readonly origin: boolean
}

export function uploadCaseArbitrary(settings: Settings, roles: readonly string[]): fc.Arbitrary<UploadCase> {
  const max = settings.long ? 1_600_000 : 1_200_000
  const size = fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 10, arbitrary: fc.integer({ min: 1, max: 64 }) },
    { weight: 14, arbitrary: fc.integer({ min: 65, max: 8192 }) },
    { weight: 6, arbitrary: fc.integer({ min: 8193, max: 200_000 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1_048_000, max: max }) },
  )
  return fc.record({
    base: fc.nat(1000),
    files: fc.integer({ min: 1, max: 3 }),
    fileSize: size,
    fileSeed: fc.nat(),
    extras: extrasArbitrary(roles, { weight: 4, maxLength: 2 }),
    parts: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 6, arbitrary: fc.array(partMutationArbitrary, { minLength: 1, maxLength: 3 }) },
    ),
    bytes: fc.oneof(
      { weight: 7, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(byteMutationArbitrary, { minLength: 1, maxLength: 2 }) },
    ),
    transport: fc.oneof(
      { weight: 3, arbitrary: fc.constant(HONEST) },
      { weight: 1, arbitrary: transportArbitrary({ maxDelayMs: settings.long ? 20 : 4 }) },
    ),
    origin: fc.boolean(),
  })
}

/** The list without its `index`th item. */
export const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index)

/** Simpler variants: one mutation fewer, honest transport, a small single file, no extras. */
export function shrinkUploadCase(input: UploadCase): UploadCase[] {
  const out: UploadCase[] = []
  for (let i = 0; i < input.parts.length; i++) out.push({ ...input, parts: without(input.parts, i) })
  for (let i = 0; i < input.bytes.length; i++) out.push({ ...input, bytes: without(input.bytes, i) })
  for (let i = 0; i < input.extras.length; i++) out.push({ ...input, extras: without(input.extras, i) })
  if (input.transport !== HONEST && compactJson(input.transport) !== compactJson(HONEST))
    out.push({ ...input, transport: HONEST })
  if (input.fileSize > 16) out.push({ ...input, fileSize: 16 })
  if (input.files > 1) out.push({ ...input, files: 1 })
  if (input.origin) out.push({ ...input, origin: false })
  return out
}

/** Deterministic file bytes; some cases carry CRLFs and dashes, which multipart parsers must not trip on. */
export function fileBytes(seed: number, size: number, head?: Buffer): Buffer {
  const bytes = Buffer.alloc(size)
  let x = seed | 0 || 0x9e3779b9
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  if (seed % 3 === 0) {
    for (let i = 7; i + 4 < size; i += 97) bytes.write('\r\n--', i, 'latin1')
  }
  head?.copy(bytes, 0, 0, Math.min(head.length, size))
  return bytes
}

export function boundaryFor(seed: number): string {
  const token = (seed >>> 0).toString(16).padStart(8, '0')
  switch (seed % 3) {
    case 0:
      return `----WebKitFormBoundary${token}Fz${token.slice(0, 6)}`
    case 1:
      return `------------------------${token}${token}`
    default:
      return `crmkit-fuzz-${token}`
  }
}

/** A part as sent, and whether its bytes reached the server unchanged. */
export interface SentPart {
  readonly name: string | undefined
  readonly filename: string | undefined
  readonly isFile: boolean
  readonly bytes: Buffer
  readonly intact: boolean
}

export interface PreparedUpload extends PreparedRequest {
  /** Every part, in body order. */
  readonly parts: readonly SentPart[]
  /** The file parts, in body order. */
  readonly files: readonly SentPart[]
  /** No mutation at all: the valid request as it was built. */
  readonly pristine: boolean
}

/**
 * Mutates the valid body, renders it, mutates the bytes and frames them: the request as it goes on the
 * wire, with what the checks need to know about it.
 */
export function buildUpload(options: {
  readonly input: UploadCase
  readonly service: PreparedRequest['service']
  readonly port: number
  readonly target: string
  readonly body: MultipartBody
  readonly headers?: ReadonlyArray<readonly [string, string]>
  readonly extrasDescription: string
}): PreparedUpload {
  const { input, body } = options
  for (const mutation of input.parts) applyPartMutation(body, mutation)
  const rendered = renderMultipart(body)
  const mutated = applyByteMutations(rendered, input.bytes)
  const framed = frame(mutated.bytes, input.transport)
  const headers: Array<readonly [string, string]> = [
    ['Host', `127.0.0.1:${options.port}`],
    ['User-Agent', 'crmkit-fuzz'],
    ...(options.headers ?? []),
  ]
  if (body.contentType !== undefined) headers.push(['Content-Type', body.contentType])
  if (mutated.declared !== undefined && input.transport.framing === 'length')
    headers.push(['Content-Length', String(mutated.declared)])
  else headers.push(...framed.headers)
  const head = requestHead('POST', options.target, headers)
  const truncatedLie = mutated.declared !== undefined && input.transport.framing === 'length'
  const cutShort = framed.cutShort || truncatedLie || input.transport.earlyClose !== null
  const framingBroken = framed.framingBroken || truncatedLie
  const seen = truncatedLie ? mutated.bytes.length : framed.bodySeen
  const parts: SentPart[] = body.parts.map((part: Part, index) => {
    const range = rendered.ranges[index] as readonly [number, number]
    const intact =
      part.bodyChanged !== true &&
      mutated.touched[index] !== true &&
      !framingBroken &&
      seen !== undefined &&
      // The bytes and the line break after them reached the server.
      range[1] + 2 <= seen
    return { name: part.name, filename: part.filename, isFile: part.isFile, bytes: part.body, intact }
  })
  const changes = [
    ...input.parts.map((mutation) => compactJson(mutation)),
    ...input.bytes.map((mutation) => compactJson(mutation)),
    ...(options.extrasDescription === '' ? [] : [options.extrasDescription]),
  ]
  const transport = describeTransport(input.transport)
  const plan = writePlan(input.transport, head.length + framed.wire.length, head.length)
  const description = `${changes.length === 0 ? 'no mutation' : changes.join(' ')}; ${transport}; file ${input.fileSize} B`
  return {
    service: options.service,
    head,
    wire: framed.wire,
    plan,
    cutShort,
    framingBroken,
    bodyIncomplete: framed.bodyIncomplete || truncatedLie,
    mayHaveSucceeded:
      cutShort && !(framed.bodyIncomplete || truncatedLie) && wholeBodyBeforeClose(plan, head.length, seen),
    description,
    parts,
    files: parts.filter((part) => part.isFile),
    pristine: changes.length === 0 && transport === 'length',
  }
}

export function multipartBody(boundary: string, parts: Part[]): MultipartBody {
  return {
    boundary,
    contentType: multipartContentType(boundary),
    parts,
    preamble: Buffer.alloc(0),
    epilogue: Buffer.alloc(0),
    eol: '\r\n',
    closing: 'normal',
  }
}

/** The value an extra of `role` picks, from `values` (undefined when the case has none for that role). */
export function extraValue<T>(
  input: UploadCase | { extras: UploadCase['extras'] },
  role: string,
  values: readonly T[],
): T | undefined {
  const extra = input.extras.find((candidate) => candidate.role === role)
  return extra === undefined ? undefined : values[extra.n % values.length]
}
