import { createHash } from 'node:crypto'
import { answerOf, s3DiskSettled, show, violation } from '../checks.js'
import { header, type RawOutcome, type RawResponse } from '../raw-http.js'
import type { DiskBefore, Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { errorCode, outcomeViolations, signedFormat } from '../s3-answers.js'
import {
  Expectation,
  frameSigned,
  type Mutation,
  mutationsNamed,
  type PreparedSigned,
  pick,
  type SignedCase,
  shrinkSignedCase,
  signedCall,
  signedCaseArbitrary,
  signRequest,
} from '../signed-case.js'
import { EMPTY_SHA256, objectPath, type QueryPair, sha256Hex } from '../sigv4.js'

/** The object every case could touch: it must read back unchanged after each. */
const FIXTURE_KEY = 'ni/fixture.bin'
const FIXTURE = Buffer.from('the object no 501 may change\n')

type Target = 'service' | 'bucket' | 'object' | 'fixture'

/**
 * An operation or a parameter the emulator does not emulate: 501 NotImplemented, nothing changed.
 * `dispatch`: answered from the method, path and subresource alone, before the bucket or the signature are
 * looked at; `header`: an emulated operation with a header or parameter it does not honour, answered after
 * the signature.
 */
interface Unemulated {
  readonly method: string
  readonly target: Target
  readonly query?: readonly QueryPair[]
  readonly headers?: ReadonlyArray<readonly [string, string]>
  readonly body?: string
  readonly level: 'dispatch' | 'header'
  /** Another answer than NotImplemented, where S3 has one (a POST to the service: 405). */
  readonly code?: string
  /** x-amz-content-sha256 when it is not the body's hash. */
  readonly contentSha256?: string
}

const DELETE_FIXTURE = `<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>${FIXTURE_KEY}</Key></Object></Delete>`

const OPERATIONS: readonly Unemulated[] = [
  // The service.
  { method: 'GET', target: 'service', level: 'dispatch' },
  { method: 'HEAD', target: 'service', level: 'dispatch' },
  { method: 'PUT', target: 'service', level: 'dispatch' },
  { method: 'DELETE', target: 'service', level: 'dispatch' },
  { method: 'POST', target: 'service', level: 'dispatch', code: 'MethodNotAllowed' },
  // Buckets.
  { method: 'GET', target: 'bucket', level: 'dispatch' },
  { method: 'GET', target: 'bucket', query: [['list-type', '1']], level: 'dispatch' },
  { method: 'GET', target: 'bucket', query: [['prefix', 'ni/']], level: 'dispatch' },
  ...[
    'versions',
    'uploads',
    'session',
    'acl',
    'cors',
    'policy',
    'location',
    'lifecycle',
    'tagging',
    'versioning',
    'website',
    'object-lock',
    'encryption',
    'notification',
  ].map(
    (name): Unemulated => ({
      method: 'GET',
      target: 'bucket',
      query: [
        ['list-type', '2'],
        [name, null],
      ],
      level: 'dispatch',
    }),
  ),
  { method: 'HEAD', target: 'bucket', level: 'dispatch' },
  { method: 'PUT', target: 'bucket', level: 'dispatch' },
  {
    method: 'PUT',
    target: 'bucket',
    query: [['cors', null]],
    body: '<CORSConfiguration/>',
    level: 'dispatch',
  },
  { method: 'PUT', target: 'bucket', query: [['policy', null]], body: '{}', level: 'dispatch' },
  {
    method: 'PUT',
    target: 'bucket',
    query: [['versioning', null]],
    body: '<VersioningConfiguration/>',
    level: 'dispatch',
  },
  { method: 'DELETE', target: 'bucket', level: 'dispatch' },
  { method: 'DELETE', target: 'bucket', query: [['cors', null]], level: 'dispatch' },
  { method: 'DELETE', target: 'bucket', query: [['policy', null]], level: 'dispatch' },
  { method: 'POST', target: 'bucket', query: [['delete', null]], body: DELETE_FIXTURE, level: 'dispatch' },
  { method: 'POST', target: 'bucket', query: [['cors', null]], level: 'dispatch' },
  { method: 'PATCH', target: 'bucket', level: 'dispatch' },
  // Objects.
  ...['acl', 'attributes', 'legal-hold', 'retention', 'tagging', 'torrent'].map(
    (name): Unemulated => ({ method: 'GET', target: 'fixture', query: [[name, null]], level: 'dispatch' }),
  ),
  { method: 'GET', target: 'fixture', query: [['uploadId', 'abc']], level: 'dispatch' },
  {
    method: 'PUT',
    target: 'fixture',
    query: [['acl', null]],
    headers: [['x-amz-acl', 'public-read']],
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'fixture',
    query: [['tagging', null]],
    body: '<Tagging><TagSet/></Tagging>',
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'fixture',
    query: [
      ['partNumber', '1'],
      ['uploadId', 'abc'],
    ],
    body: 'part bytes',
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'fixture',
    query: [['renameObject', null]],
    headers: [['x-amz-rename-source', '/other']],
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'object',
    headers: [['x-amz-copy-source', `/BUCKET/${FIXTURE_KEY}`]],
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'fixture',
    headers: [['x-amz-copy-source', `/BUCKET/${FIXTURE_KEY}`]],
    level: 'dispatch',
  },
  {
    method: 'PUT',
    target: 'object',
    query: [
      ['partNumber', '1'],
      ['uploadId', 'abc'],
    ],
    headers: [['x-amz-copy-source', `/BUCKET/${FIXTURE_KEY}`]],
    level: 'dispatch',
  },
  { method: 'DELETE', target: 'fixture', query: [['tagging', null]], level: 'dispatch' },
  { method: 'DELETE', target: 'fixture', query: [['uploadId', 'abc']], level: 'dispatch' },
  { method: 'POST', target: 'object', query: [['uploads', null]], level: 'dispatch' },
  {
    method: 'POST',
    target: 'fixture',
    query: [['uploadId', 'abc']],
    body: '<CompleteMultipartUpload/>',
    level: 'dispatch',
  },
  { method: 'POST', target: 'fixture', query: [['restore', null]], level: 'dispatch' },
  {
    method: 'POST',
    target: 'fixture',
    query: [
      ['select', null],
      ['select-type', '2'],
    ],
    level: 'dispatch',
  },
  { method: 'POST', target: 'fixture', level: 'dispatch' },
  { method: 'PATCH', target: 'fixture', body: 'patch', level: 'dispatch' },
  // Emulated operations with what they do not honour.
  { method: 'GET', target: 'fixture', query: [['versionId', 'null']], level: 'header' },
  { method: 'GET', target: 'fixture', query: [['partNumber', '1']], level: 'header' },
  { method: 'HEAD', target: 'fixture', query: [['versionId', 'abc']], level: 'header' },
  {
    method: 'GET',
    target: 'fixture',
    headers: [['x-amz-server-side-encryption-customer-algorithm', 'AES256']],
    level: 'header',
  },
  {
    method: 'HEAD',
    target: 'fixture',
    headers: [['x-amz-expected-bucket-owner', '111122223333']],
    level: 'header',
  },
  {
    method: 'GET',
    target: 'bucket',
    query: [['list-type', '2']],
    headers: [['x-amz-expected-bucket-owner', '1']],
    level: 'header',
  },
  { method: 'DELETE', target: 'fixture', query: [['versionId', 'null']], level: 'header' },
  { method: 'DELETE', target: 'fixture', headers: [['x-amz-mfa', '1 2']], level: 'header' },
  { method: 'DELETE', target: 'fixture', headers: [['If-Match', '*']], level: 'header' },
  {
    method: 'PUT',
    target: 'fixture',
    headers: [['x-amz-website-redirect-location', '/x']],
    body: 'replaced?',
    level: 'header',
  },
  {
    method: 'PUT',
    target: 'fixture',
    headers: [['x-amz-object-lock-mode', 'COMPLIANCE']],
    body: 'replaced?',
    level: 'header',
  },
  {
    method: 'PUT',
    target: 'fixture',
    headers: [['If-None-Match', '"abc"']],
    body: 'replaced?',
    level: 'header',
  },
  {
    method: 'PUT',
    target: 'fixture',
    headers: [['x-amz-checksum-crc32c', 'AAAAAA==']],
    body: 'replaced?',
    level: 'header',
  },
  {
    method: 'PUT',
    target: 'object',
    headers: [['x-amz-server-side-encryption', 'aws:kms']],
    body: 'new?',
    level: 'header',
  },
  {
    method: 'PUT',
    target: 'object',
    headers: [['x-amz-decoded-content-length', '4']],
    body: '4\r\nnew?\r\n0\r\n\r\n',
    contentSha256: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    level: 'header',
  },
]

const NI_MUTATIONS = [
  'no-auth',
  'sig-wrong',
  'skew',
  'unknown-key',
  'bucket-unknown',
  'origin',
  'unsigned-amz-header',
] as const

interface PreparedNotImplemented extends PreparedSigned {
  readonly operation: Unemulated
  readonly newKey: string | undefined
}

let attempt = 0

/** Every operation the emulator does not emulate, and emulated ones with what they do not honour: 501. */
export const s3NotImplemented: Endpoint<SignedCase, PreparedNotImplemented> = {
  id: 's3.not-implemented',
  label: 'S3 operations not emulated (501 NotImplemented)',
  kind: 'json',
  service: 's3',
  runShare: 3,
  arbitrary: (settings: Settings) =>
    signedCaseArbitrary(settings, NI_MUTATIONS, { maxLength: 2, transportWeight: 12 }),
  shrink: shrinkSignedCase,

  async prepare(ctx: FuzzContext, input: SignedCase, index: number): Promise<PreparedNotImplemented> {
    const s3 = ctx.proc.info.s3
    const port = ctx.port('s3')
    attempt++
    await ctx.fixture('s3.not-implemented', async () => {
      const put = await signedCall(s3, port, {
        method: 'PUT',
        path: objectPath(s3.bucket, FIXTURE_KEY),
        body: FIXTURE,
      })
      if (put.status !== 200) throw new Error(`a valid PutObject of the fixture was refused: ${show(put)}`)
    })
    const operation = pick(OPERATIONS, input.base + (input.seed % 7) * 1000)
    const expect = new Expectation()
    const one = (name: (typeof NI_MUTATIONS)[number]) => mutationsNamed(input, name)[0]
    let bucket = s3.bucket
    if (one('bucket-unknown') !== undefined && operation.target !== 'service') {
      bucket = pick(['nope', 'other-bucket'], (one('bucket-unknown') as Mutation).n)
      if (operation.level === 'header') expect.refuse('NoSuchBucket', 'an unknown bucket')
    }
    const newKey = operation.target === 'object' ? `ni/${ctx.tag}-${index}-${attempt}.bin` : undefined
    const path =
      operation.target === 'service'
        ? '/'
        : operation.target === 'bucket'
          ? objectPath(bucket, '')
          : objectPath(bucket, newKey ?? FIXTURE_KEY)
    const code = operation.code ?? 'NotImplemented'
    if (operation.level === 'dispatch')
      expect.exclusive(
        code,
        `${operation.method} ${operation.target} ${JSON.stringify(operation.query ?? [])}`,
      )
    else
      expect.refuse(
        code,
        `${operation.method} with ${JSON.stringify([...(operation.query ?? []), ...(operation.headers ?? [])])}`,
      )
    const body = Buffer.from(operation.body ?? '')
    // A PutObject without a Content-Length is refused for that before its headers are read (411).
    const noLength = ['chunked', 'no-length', 'chunked-bad'].includes(input.transport.framing)
    if (
      operation.method === 'PUT' &&
      operation.level === 'header' &&
      operation.contentSha256 === undefined &&
      noLength
    )
      expect.refuse('MissingContentLength', 'no Content-Length')
    const headers = (operation.headers ?? []).map(
      ([name, value]) => [name, value.replace('BUCKET', s3.bucket)] as [string, string],
    )
    if (one('origin') !== undefined) headers.push(['Origin', 'http://app.example.test'])
    const contentSha256 = operation.contentSha256 ?? (body.length === 0 ? EMPTY_SHA256 : sha256Hex(body))
    if (operation.method === 'PUT' && operation.level === 'header' && operation.contentSha256 === undefined)
      headers.push(['Content-Type', 'text/plain'])
    const head = await signRequest(
      s3,
      port,
      { method: operation.method, path, query: [...(operation.query ?? [])], headers, contentSha256, body },
      input,
      expect,
    )
    const framed = frameSigned({
      service: 's3',
      head,
      method: operation.method,
      body,
      transport: input.transport,
      expect,
      description: `${operation.method} ${path} ${JSON.stringify(operation.query ?? [])} (${operation.level}); ${input.mutations.map((m) => `${m.m}:${m.n}`).join(' ') || 'no mutation'}`,
    })
    return {
      ...framed,
      operation,
      newKey,
      description: `${framed.description}; expected: ${expect.describe()}`,
    }
  },

  async check(
    ctx: FuzzContext,
    prepared: PreparedNotImplemented,
    outcome: RawOutcome,
    before: DiskBefore,
  ): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    // Nothing here is a success: any 2xx is answered for something S3's emulator does not do.
    const success = (r: RawResponse) => r.status < 300
    if (response !== undefined) found.push(...signedFormat(response, prepared))
    found.push(...outcomeViolations(prepared, outcome, success))
    if (
      response !== undefined &&
      response.status === 501 &&
      prepared.method !== 'HEAD' &&
      errorCode(response) === 'NotImplemented'
    ) {
      const body = response.body.toString('utf8')
      if (!body.includes('<Message>A header you provided implies functionality that is not implemented'))
        found.push(violation('format', 'NotImplemented without S3’s message', show(response)))
    }
    // Nothing changed: as many objects, the fixture as it was, no object at a new key.
    const disk = await s3DiskSettled(ctx.dataDir, before.s3.objects, 300)
    if (disk.objects !== before.s3.objects)
      found.push(
        violation(
          disk.objects > before.s3.objects ? 'partial-object' : 'lost-object',
          'an operation not emulated changed the objects',
          `objects ${before.s3.objects} → ${disk.objects} after ${response === undefined ? 'no answer' : `HTTP ${response.status}`}`,
        ),
      )
    const s3 = ctx.proc.info.s3
    const read = await signedCall(s3, ctx.port('s3'), {
      method: 'GET',
      path: objectPath(s3.bucket, FIXTURE_KEY),
    })
    if (
      read.status !== 200 ||
      !read.body.equals(FIXTURE) ||
      header(read, 'etag') !== `"${createHash('md5').update(FIXTURE).digest('hex')}"`
    )
      found.push(
        violation(
          'lost-object',
          'an operation not emulated changed or removed an object',
          `GET ${FIXTURE_KEY}: ${show(read)}`,
        ),
      )
    if (prepared.newKey !== undefined) {
      const created = await signedCall(s3, ctx.port('s3'), {
        method: 'HEAD',
        path: objectPath(s3.bucket, prepared.newKey),
      })
      if (created.status !== 404)
        found.push(
          violation(
            'partial-object',
            'an operation not emulated created an object',
            `HEAD ${prepared.newKey}: HTTP ${created.status}`,
          ),
        )
    }
    return found
  },
}
