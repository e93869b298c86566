import fc from 'fast-check'
import { compactJson } from './dump.js'
import type { ReadyInfo } from './mocks-process.js'
import { type RawResponse, requestHead, simpleRequest } from './raw-http.js'
import type { PreparedRequest, Settings } from './runner.js'
import {
  authorization,
  type Credentials,
  defaultSignedHeaders,
  EMPTY_SHA256,
  type QueryPair,
  queryString,
} from './sigv4.js'
import {
  describeTransport,
  type Framed,
  frame,
  HONEST,
  type Transport,
  transportArbitrary,
  wholeBodyBeforeClose,
  writePlan,
} from './transport.js'
import { without } from './upload-case.js'

// A case of the S3 emulator's header-signed operations (PutObject, DeleteObject, ListObjectsV2, GET/HEAD,
// and the operations it answers 501): a valid request, chosen by `base`, then named mutations of its target,
// headers, body and signature, then the transport. Each endpoint keeps a reference model of S3's rules and
// says, from the final request, what the answer must be: a success, or a refusal with one of a set of codes.

/** A named change to the valid request; `n` picks among the mutation's values. */
export interface Mutation {
  readonly m: string
  readonly n: number
}

export interface SignedCase {
  readonly base: number
  /** The payload's size (PutObject) or how many objects a case works on. */
  readonly size: number
  readonly seed: number
  /** An object is at the key before the request (PutObject replaces it, DeleteObject removes it). */
  readonly existing: boolean
  readonly mutations: readonly Mutation[]
  readonly transport: Transport
}

export function signedCaseArbitrary(
  settings: Settings,
  mutations: readonly string[],
  options: {
    readonly maxLength?: number
    readonly sizes?: fc.Arbitrary<number>
    readonly transportWeight?: number
  } = {},
): fc.Arbitrary<SignedCase> {
  const mutation = fc.record({ m: fc.constantFrom(...mutations), n: fc.nat(1000) })
  return fc.record({
    base: fc.nat(1000),
    size:
      options.sizes ??
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 100 }) },
        { weight: 8, arbitrary: fc.integer({ min: 101, max: 20_000 }) },
        { weight: 2, arbitrary: fc.integer({ min: 20_001, max: settings.long ? 1_500_000 : 300_000 }) },
      ),
    seed: fc.nat(),
    existing: fc.boolean(),
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 5, arbitrary: fc.array(mutation, { minLength: 1, maxLength: options.maxLength ?? 3 }) },
    ),
    transport: fc.oneof(
      { weight: options.transportWeight ?? 4, arbitrary: fc.constant(HONEST) },
      { weight: 1, arbitrary: transportArbitrary({ maxDelayMs: settings.long ? 20 : 4 }) },
    ),
  })
}

export function shrinkSignedCase(input: SignedCase): SignedCase[] {
  const out: SignedCase[] = []
  for (let i = 0; i < input.mutations.length; i++)
    out.push({ ...input, mutations: without(input.mutations, i) })
  if (compactJson(input.transport) !== compactJson(HONEST)) out.push({ ...input, transport: HONEST })
  if (input.size > 16) out.push({ ...input, size: 16 })
  if (input.existing) out.push({ ...input, existing: false })
  return out
}

/** The mutations of a case named `name` (a case may carry one twice). */
export const mutationsNamed = (input: SignedCase, name: string) => input.mutations.filter((m) => m.m === name)
export const has = (input: SignedCase, name: string) => input.mutations.some((m) => m.m === name)
export const pick = <T>(values: readonly T[], n: number): T => values[n % values.length] as T

/**
 * What the answer must be. `accept`: a success; `refuse`: an error whose Code is in `codes`; `either`: a
 * success or one of `codes` (S3's answer is not recorded for something the request does). A code marked
 * exclusive (an operation answered before anything else is looked at) is then the only one allowed.
 */
export class Expectation {
  #refusing = false
  #uncertain = false
  readonly codes = new Set<string>()
  #exclusive: string | undefined
  /** Why, for reproducers. */
  readonly reasons: string[] = []

  refuse(code: string, why: string): void {
    this.#refusing = true
    this.codes.add(code)
    this.reasons.push(`${why} → ${code}`)
  }

  either(code: string, why: string): void {
    this.#uncertain = true
    this.codes.add(code)
    this.reasons.push(`${why} → ${code} or success`)
  }

  /**
   * An answer the emulator is known to give wrongly to what the request does (`src/known-issues.ts`): that
   * answer is reported under the issue's id, which the bounded run lists without failing.
   */
  knownIssue(id: string, code: string): void {
    this.known.set(code, id)
  }

  readonly known = new Map<string, string>()

  /** Answered before any other check (the operation itself is not emulated, the path cannot be read). */
  exclusive(code: string, why: string): void {
    this.#exclusive ??= code
    this.refuse(code, why)
  }

  get outcome(): 'accept' | 'refuse' | 'either' {
    return this.#refusing ? 'refuse' : this.#uncertain ? 'either' : 'accept'
  }

  /** The codes an error answer may carry. */
  allowed(): ReadonlySet<string> {
    return this.#exclusive === undefined ? this.codes : new Set([this.#exclusive])
  }

  describe(): string {
    return this.reasons.length === 0 ? 'valid' : this.reasons.join('; ')
  }
}

// The signature and its sabotage, common to every header-signed endpoint.

/** Mutations of authentication, with what S3 answers to each. */
export const AUTH_MUTATIONS = [
  'sig-wrong',
  'bad-secret',
  'unsigned-amz-header',
  'no-auth',
  'skew',
  'region',
  'unknown-key',
  'scheme',
  'auth-component',
  'auth-spacing',
  'no-date',
  'date-header',
  'credential-date',
  'signed-header-changed',
  'unsigned-header-changed',
  'sign-fewer',
  'query-auth-too',
  'header-name-case',
  'duplicate-header',
] as const

/** A request before it is signed: what the endpoint built and mutated. */
export interface Unsigned {
  method: string
  /** The path as sent (escaped). */
  path: string
  query: QueryPair[]
  /** Headers besides Host, the date, `x-amz-content-sha256` and the framing ones. Values are byte strings. */
  headers: Array<[string, string]>
  /** `x-amz-content-sha256` (`undefined`: not sent). */
  contentSha256: string | undefined
  /** The body as sent, before the transport frames it. */
  body: Buffer
}

export interface SignedHead {
  /** Headers in order, Authorization included. */
  readonly headers: Array<[string, string]>
  readonly path: string
  readonly query: string
}

/**
 * Signs a request as a valid client would, then applies the case's authentication mutations, noting in
 * `expect` what S3 answers to them.
 */
export async function signRequest(
  info: ReadyInfo['s3'],
  port: number,
  request: Unsigned,
  input: Pick<SignedCase, 'mutations'> | undefined,
  expect: Expectation,
): Promise<SignedHead> {
  const auth = (name: (typeof AUTH_MUTATIONS)[number]) =>
    input === undefined ? [] : input.mutations.filter((m) => m.m === name)
  const one = (name: (typeof AUTH_MUTATIONS)[number]) => auth(name)[0]
  let now = new Date()
  if (one('skew') !== undefined) {
    const minutes = pick([16, 20, 60, 24 * 60, -16, -30], (one('skew') as Mutation).n)
    now = new Date(now.getTime() - minutes * 60_000)
    expect.refuse('RequestTimeTooSkewed', `signed ${minutes} minutes off`)
  }
  const region =
    one('region') !== undefined
      ? pick(['us-east-1', 'us-west-2', 'EU-CENTRAL-1', ''], (one('region') as Mutation).n)
      : info.region
  if (region !== info.region)
    expect.refuse('AuthorizationHeaderMalformed', `credential region ${JSON.stringify(region)}`)
  let credentials: Credentials = info.credentials
  if (one('unknown-key') !== undefined) {
    credentials = { ...credentials, accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }
    expect.refuse('InvalidAccessKeyId', 'an unknown access key')
  }
  if (one('bad-secret') !== undefined) {
    credentials = { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` }
    expect.refuse('SignatureDoesNotMatch', 'signed with another secret')
  }
  const query = [...request.query]
  if (one('query-auth-too') !== undefined) {
    query.push(['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'])
    expect.refuse('InvalidArgument', 'query authentication as well as the header')
  }
  const dateMode = one('no-date') !== undefined ? 'none' : one('date-header') !== undefined ? 'date' : 'amz'
  const headers: Array<[string, string]> = [['Host', `127.0.0.1:${port}`]]
  if (dateMode === 'amz')
    headers.push([one('header-name-case') === undefined ? 'x-amz-date' : 'X-AMZ-DATE', amzDate(now)])
  if (dateMode === 'date') headers.push(['Date', now.toUTCString()])
  if (dateMode === 'none') expect.refuse('AccessDenied', 'no x-amz-date nor Date')
  if (request.contentSha256 !== undefined)
    headers.push([
      one('header-name-case') === undefined ? 'x-amz-content-sha256' : 'X-Amz-Content-SHA256',
      request.contentSha256,
    ])
  headers.push(...request.headers)
  if (one('duplicate-header') !== undefined) {
    // A header sent twice, both signed: SigV4 joins the values with a comma, and so must the emulator.
    headers.push(
      ['X-Fuzz-Twice', 'one'],
      ['X-Fuzz-Twice', pick(['two', ' two  words ', ''], (one('duplicate-header') as Mutation).n)],
    )
  }
  const queryText = queryString(query)
  const wire = { method: request.method, path: request.path, query: queryText, headers }
  let signed = defaultSignedHeaders(headers)
  if (one('sign-fewer') !== undefined) {
    // Only the host and the date: every x-amz-* header then goes unsigned.
    signed = signed.filter((name) => name === 'host' || name === 'x-amz-date' || name === 'date')
    if (
      headers.some(
        ([name]) => name.toLowerCase().startsWith('x-amz-') && !signed.includes(name.toLowerCase()),
      )
    )
      expect.refuse('AccessDenied', 'x-amz-* headers present but not signed')
    else expect.either('SignatureDoesNotMatch', 'fewer headers signed')
  }
  let value = await authorization(wire, {
    credentials,
    region,
    now,
    payloadHash: request.contentSha256 ?? 'UNSIGNED-PAYLOAD',
    signedHeaders: signed,
  })
  const sabotage = one('sig-wrong')
  if (sabotage !== undefined) {
    const at = value.length - 1 - (sabotage.n % 64)
    const c = value[at] === '0' ? '1' : '0'
    value = `${value.slice(0, at)}${c}${value.slice(at + 1)}`
    expect.refuse('SignatureDoesNotMatch', 'a signature digit changed')
  }
  const component = one('auth-component')
  if (component !== undefined) {
    const parts = value.slice('AWS4-HMAC-SHA256 '.length).split(', ')
    const variants = [
      parts.slice(1),
      [parts[0], parts[2]],
      parts.slice(0, 2),
      [...parts, parts[2]],
      [parts[0], parts[1], 'Signature='],
      [parts[0], parts[1], parts[2], 'Extra=1'],
    ]
    value = `AWS4-HMAC-SHA256 ${(pick(variants, component.n) as string[]).join(', ')}`
    expect.refuse('AuthorizationHeaderMalformed', 'an Authorization component missing, repeated or empty')
  }
  const spacing = one('auth-spacing')
  if (spacing !== undefined && component === undefined) {
    const parts = value.slice('AWS4-HMAC-SHA256 '.length).split(', ')
    const joined = pick(
      [parts.join(','), parts.join(' ,  '), [parts[2], parts[0], parts[1]].join(', '), parts.join(',\t')],
      spacing.n,
    )
    value = `AWS4-HMAC-SHA256 ${pick(['', ' ', '  '], spacing.n >> 2)}${joined}`
  }
  const credentialDate = one('credential-date')
  if (credentialDate !== undefined && dateMode !== 'none') {
    const other = amzDate(new Date(now.getTime() - 86_400_000)).slice(0, 8)
    value = value.replace(/\/\d{8}\//, `/${other}/`)
    expect.refuse('AuthorizationHeaderMalformed', 'the credential date is not the date signed')
  }
  const scheme = one('scheme')
  if (scheme !== undefined) {
    const variant = scheme.n % 4
    if (variant === 0) {
      value = `Bearer ${credentials.accessKeyId}`
      expect.refuse('InvalidArgument', 'a Bearer Authorization')
    } else if (variant === 1) {
      value = `AWS ${credentials.accessKeyId}:c2lnbmF0dXJl`
      expect.refuse('InvalidRequest', 'a SigV2 Authorization')
    } else if (variant === 2) {
      value = value.replace('AWS4-HMAC-SHA256', 'aws4-hmac-sha256')
      expect.refuse('InvalidArgument', 'the scheme in lower case')
    } else {
      value = value.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')
      expect.refuse('InvalidArgument', 'the ECDSA (SigV4a) scheme')
    }
  }
  const out: Array<[string, string]> = [...headers]
  if (one('no-auth') === undefined) out.push(['Authorization', value])
  else if (one('query-auth-too') !== undefined)
    expect.refuse('AuthorizationQueryParametersError', 'query authentication with X-Amz-Algorithm alone')
  else expect.refuse('AccessDenied', 'no signature at all')
  if (one('unsigned-amz-header') !== undefined) {
    out.push(['x-amz-meta-late', 'added after signing'])
    expect.refuse('AccessDenied', 'an x-amz-* header added after signing')
  }
  if (one('signed-header-changed') !== undefined) {
    out[0] = ['Host', `localhost:${port}`]
    expect.refuse('SignatureDoesNotMatch', 'the signed Host changed after signing')
  }
  if (one('unsigned-header-changed') !== undefined)
    out.push(['User-Agent', 'crmkit-fuzz changed after signing'])
  else out.push(['User-Agent', 'crmkit-fuzz'])
  return { headers: out, path: request.path, query: queryText }
}

export const amzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/** A request signed and framed for the wire, with what the checks need. */
export interface PreparedSigned extends PreparedRequest {
  readonly expect: Expectation
  /** The answer may carry CORS headers only when asked (an Origin header was sent). */
  readonly origin: boolean
  readonly method: string
  /** The body the server reads as the body, when the transport lets it be known. */
  readonly bodySeen: Buffer | undefined
}

/**
 * Frames a signed request's body with the case's transport: the request as it goes on the wire, and what
 * the transport means for the answer.
 */
export function frameSigned(options: {
  readonly service: PreparedRequest['service']
  readonly head: SignedHead
  readonly method: string
  readonly body: Buffer
  readonly transport: Transport
  readonly expect: Expectation
  readonly description: string
  /** A Content-Length to declare instead of the body's (with the body sent as it is, no half-close). */
  readonly declaredLength?: string | undefined
}): PreparedSigned {
  const { head, transport, body } = options
  const framed: Framed = frame(body, transport)
  const headers: Array<readonly [string, string]> = [...head.headers]
  if (options.declaredLength !== undefined) headers.push(['Content-Length', options.declaredLength])
  else if (
    !(body.length === 0 && transport.framing === 'length' && !['PUT', 'POST'].includes(options.method))
  )
    headers.push(...framed.headers)
  const target = head.query === '' ? head.path : `${head.path}?${head.query}`
  const requestHeadBytes = requestHead(options.method, target, headers)
  const wire = options.declaredLength !== undefined ? body : framed.wire
  const plan = writePlan(transport, requestHeadBytes.length + wire.length, requestHeadBytes.length)
  const seen =
    options.declaredLength !== undefined || framed.bodySeen === undefined
      ? undefined
      : body.subarray(0, framed.bodySeen)
  return {
    service: options.service,
    head: requestHeadBytes,
    wire,
    plan,
    // A declared length past what the server drains (64 MiB) is answered and the connection closed while the
    // client may still be sending: the reset can lose the answer.
    cutShort: options.declaredLength !== undefined || framed.cutShort || transport.earlyClose !== null,
    framingBroken: options.declaredLength === undefined && framed.framingBroken,
    bodyIncomplete: options.declaredLength === undefined && framed.bodyIncomplete,
    mayHaveSucceeded:
      options.declaredLength === undefined &&
      framed.cutShort &&
      !framed.bodyIncomplete &&
      wholeBodyBeforeClose(plan, requestHeadBytes.length, framed.bodySeen),
    description: `${options.description}; ${describeTransport(transport)}`,
    expect: options.expect,
    origin: headers.some(([name]) => name.toLowerCase() === 'origin'),
    method: options.method,
    bodySeen: seen,
  }
}

/** A valid header-signed request (setup and read-backs), sent whole with `Connection: close`. */
export async function signedCall(
  info: ReadyInfo['s3'],
  port: number,
  options: {
    readonly method: string
    readonly path: string
    readonly query?: QueryPair[]
    readonly headers?: Array<[string, string]>
    readonly body?: Buffer
    readonly contentSha256?: string
  },
): Promise<RawResponse> {
  const body = options.body ?? Buffer.alloc(0)
  const head = await signRequest(
    info,
    port,
    {
      method: options.method,
      path: options.path,
      query: options.query ?? [],
      headers: options.headers ?? [],
      contentSha256: options.contentSha256 ?? (body.length === 0 ? EMPTY_SHA256 : 'UNSIGNED-PAYLOAD'),
      body,
    },
    undefined,
    new Expectation(),
  )
  const target = head.query === '' ? head.path : `${head.path}?${head.query}`
  return simpleRequest(port, options.method, target, {
    headers: head.headers.filter(([name]) => name.toLowerCase() !== 'host'),
    body,
  })
}
