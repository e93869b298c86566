import fc from 'fast-check'
import { compactJson } from './dump.js'
import { type Extra, extrasArbitrary } from './extras-arbitrary.js'
import { type JsonMutation, type JsonTree, jsonMutationArbitrary, mutateJson } from './json-mutations.js'
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
import { without } from './upload-case.js'

/** A JSON request case: a valid call (chosen by `base`) and what is done to it. */
export interface JsonCase {
  readonly base: number
  readonly extras: readonly Extra[]
  readonly mutations: readonly JsonMutation[]
  readonly transport: Transport
}

export function jsonCaseArbitrary(
  settings: Settings,
  roles: readonly string[],
  extra?: fc.Arbitrary<JsonMutation>,
): fc.Arbitrary<JsonCase> {
  const mutation = jsonMutationArbitrary({ maxLargeBytes: settings.long ? 12_000_000 : 1_500_000, extra })
  return fc.record({
    base: fc.nat(1000),
    extras: extrasArbitrary(roles, { weight: 6, maxLength: 1 }),
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 5, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
    ),
    transport: fc.oneof(
      { weight: 5, arbitrary: fc.constant(HONEST) },
      { weight: 1, arbitrary: transportArbitrary({ maxDelayMs: settings.long ? 20 : 4 }) },
    ),
  })
}

export function shrinkJsonCase(input: JsonCase): JsonCase[] {
  const out: JsonCase[] = []
  for (let i = 0; i < input.mutations.length; i++)
    out.push({ ...input, mutations: without(input.mutations, i) })
  for (let i = 0; i < input.extras.length; i++) out.push({ ...input, extras: without(input.extras, i) })
  if (compactJson(input.transport) !== compactJson(HONEST)) out.push({ ...input, transport: HONEST })
  return out
}

export interface PreparedJson extends PreparedRequest {
  /** The body as the server decodes it when the framing is honest (undefined otherwise). */
  readonly text: string | undefined
  readonly pristine: boolean
}

export function buildJson(options: {
  readonly input: JsonCase
  readonly service: PreparedRequest['service']
  readonly port: number
  readonly method: string
  readonly target: string
  readonly base: JsonTree
  readonly headers?: ReadonlyArray<readonly [string, string]>
  readonly extrasDescription: string
}): PreparedJson {
  const { input } = options
  const body = mutateJson(options.base, input.mutations)
  const framed = frame(body.bytes, input.transport)
  const headers: Array<readonly [string, string]> = [
    ['Host', `127.0.0.1:${options.port}`],
    ['User-Agent', 'crmkit-fuzz'],
    ...(options.headers ?? []),
  ]
  if (body.contentType !== undefined) headers.push(['Content-Type', body.contentType])
  headers.push(...framed.headers)
  const head = requestHead(options.method, options.target, headers)
  const changes = [
    ...input.mutations.map((mutation) => compactJson(mutation)),
    ...(options.extrasDescription === '' ? [] : [options.extrasDescription]),
  ]
  const transport = describeTransport(input.transport)
  const plan = writePlan(input.transport, head.length + framed.wire.length, head.length)
  const honest = input.transport.framing === 'length' || input.transport.framing === 'chunked'
  return {
    service: options.service,
    head,
    wire: framed.wire,
    plan,
    cutShort: framed.cutShort || input.transport.earlyClose !== null,
    framingBroken: framed.framingBroken,
    bodyIncomplete: framed.bodyIncomplete,
    mayHaveSucceeded:
      framed.cutShort && !framed.bodyIncomplete && wholeBodyBeforeClose(plan, head.length, framed.bodySeen),
    description: `${changes.length === 0 ? 'no mutation' : changes.join(' ')}; ${transport}; ${body.bytes.length} B`,
    // As the server reads it: UTF-8, a leading BOM dropped (TextDecoder).
    // `ignoreBOM`: a byte-order mark stays in the text, as a server reading the bytes sees it.
    text: honest ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.bytes) : undefined,
    pristine: changes.length === 0 && honest,
  }
}
