import { createHash } from 'node:crypto'
import { answerOf, s3DiskSettled, show, violation } from '../checks.js'
import { escapeBytes } from '../dump.js'
import { SPECIAL_NAMES } from '../multipart-mutations.js'
import { header, type RawOutcome, type RawResponse } from '../raw-http.js'
import type { DiskBefore, Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { errorCode, outcomeViolations, signedFormat } from '../s3-answers.js'
import {
  AUTH_MUTATIONS,
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
import { fileBytes } from '../upload-case.js'

/** What a bodiless signed operation may say of its payload: the hash of no bytes, or another claim. */
export const PAYLOAD_MUTATIONS = [
  'sha256-other',
  'sha256-unsigned',
  'sha256-garbage',
  'sha256-missing',
] as const

/**
 * `x-amz-content-sha256` of a bodiless operation (GET, HEAD, DELETE, a listing), and what S3 answers to
 * it: the hash of no bytes or UNSIGNED-PAYLOAD is valid, another hash a mismatch.
 */
export function bodilessPayload(input: SignedCase, expect: Expectation): string | undefined {
  const one = (name: string) => mutationsNamed(input, name)[0]
  if (one('sha256-missing') !== undefined) {
    expect.refuse('InvalidRequest', 'no x-amz-content-sha256')
    return undefined
  }
  if (one('sha256-garbage') !== undefined) {
    const value = pick(
      ['', 'abc', 'g'.repeat(64), EMPTY_SHA256.slice(1), 'unsigned-payload'],
      (one('sha256-garbage') as Mutation).n,
    )
    expect.refuse('InvalidArgument', `x-amz-content-sha256 ${JSON.stringify(value)}`)
    return value
  }
  if (one('sha256-other') !== undefined) {
    expect.refuse('XAmzContentSHA256Mismatch', 'a payload hash other than that of no bytes')
    return sha256Hex('body')
  }
  if (one('sha256-unsigned') !== undefined) return 'UNSIGNED-PAYLOAD'
  return ((input.base >> 3) & 1) === 1 ? EMPTY_SHA256.toUpperCase() : EMPTY_SHA256
}

const DELETE_MUTATIONS = [
  ...AUTH_MUTATIONS,
  ...PAYLOAD_MUTATIONS,
  'bucket-unknown',
  'key-special',
  'key-too-long',
  'version-id',
  'subresource',
  'unhonoured-header',
  'ignored-param',
  'ignored-header',
  'body',
  'origin',
] as const

const DELETE_UNHONOURED: ReadonlyArray<readonly [string, string]> = [
  ['x-amz-mfa', '123456 000000'],
  ['x-amz-bypass-governance-retention', 'true'],
  ['If-Match', '"0123456789abcdef0123456789abcdef"'],
  ['x-amz-if-match-last-modified-time', 'Thu, 01 Dec 2044 16:00:00 GMT'],
  ['x-amz-if-match-size', '10'],
  ['x-amz-expected-bucket-owner', '111122223333'],
  ['x-amz-security-token', 'FwoGZXIvYXdzEXAMPLE'],
]

interface PreparedDelete extends PreparedSigned {
  readonly bucket: string
  readonly key: string
  readonly previous: Buffer | undefined
}

let attempt = 0

/** A key for the case: unique per attempt, or one of the names that trip path handling. */
export function caseKey(
  root: string,
  ctx: FuzzContext,
  index: number,
  input: SignedCase,
  expect: Expectation,
): string {
  attempt++
  const special = mutationsNamed(input, 'key-special')[0]
  let key = `${root}/${ctx.tag}-${index}-${attempt}/obj-${input.seed % 1000}`
  if (special !== undefined) key = `${root}/${ctx.tag}-${index}-${attempt}/${pick(SPECIAL_NAMES, special.n)}`
  const long = mutationsNamed(input, 'key-too-long')[0]
  if (long !== undefined) key = `${root}/${attempt}/${'k'.repeat(1020 + (long.n % 10))}`
  key = key.replace(/[\ud800-\udfff]/g, '\ufffd')
  const bytes = Buffer.byteLength(key)
  if (bytes > 1024) expect.refuse('KeyTooLongError', `a key of ${bytes} bytes`)
  return key
}

const md5Hex = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

/** `DELETE /{bucket}/{key}`: DeleteObject, header-signed; 204 whether or not the key named an object. */
export const s3DeleteObject: Endpoint<SignedCase, PreparedDelete> = {
  id: 's3.delete-object',
  label: 'S3 DELETE /<bucket>/<key> (DeleteObject)',
  kind: 'json',
  service: 's3',
  runShare: 2,
  arbitrary: (settings: Settings) => signedCaseArbitrary(settings, DELETE_MUTATIONS, { transportWeight: 8 }),
  shrink: shrinkSignedCase,

  async prepare(ctx: FuzzContext, input: SignedCase, index: number): Promise<PreparedDelete> {
    const s3 = ctx.proc.info.s3
    const port = ctx.port('s3')
    const expect = new Expectation()
    const one = (name: (typeof DELETE_MUTATIONS)[number]) => mutationsNamed(input, name)[0]
    let bucket = s3.bucket
    if (one('bucket-unknown') !== undefined) {
      bucket = pick(['nope', s3.bucket.toUpperCase()], (one('bucket-unknown') as Mutation).n)
      expect.refuse('NoSuchBucket', 'an unknown bucket')
    }
    const key = caseKey('del', ctx, index, input, expect)
    let previous: Buffer | undefined
    if (input.existing && Buffer.byteLength(key) <= 1024) {
      previous = fileBytes(input.seed, input.size % 5000)
      const put = await signedCall(s3, port, {
        method: 'PUT',
        path: objectPath(s3.bucket, key),
        body: previous,
      })
      if (put.status !== 200)
        throw new Error(`a valid PutObject of the object to delete was refused: ${show(put)}`)
    }
    const query: QueryPair[] = []
    const headers: Array<[string, string]> = []
    if (one('version-id') !== undefined) {
      query.push(['versionId', pick(['null', 'abc', ''], (one('version-id') as Mutation).n)])
      expect.refuse('NotImplemented', 'versionId')
    }
    if (one('subresource') !== undefined) {
      query.push(
        pick<QueryPair>(
          [
            ['tagging', null],
            ['uploadId', 'abc'],
            ['tagging', ''],
          ],
          (one('subresource') as Mutation).n,
        ),
      )
      expect.exclusive('NotImplemented', `DELETE with ${JSON.stringify(query.at(-1))}`)
    }
    if (one('unhonoured-header') !== undefined) {
      const [name, value] = pick(DELETE_UNHONOURED, (one('unhonoured-header') as Mutation).n)
      headers.push([name, value])
      expect.refuse('NotImplemented', `the ${name} header`)
    }
    if (one('ignored-param') !== undefined)
      query.push(
        pick<QueryPair>(
          [
            ['foo', 'bar'],
            ['x-id', 'DeleteObject'],
            ['acl-x', null],
          ],
          (one('ignored-param') as Mutation).n,
        ),
      )
    if (one('ignored-header') !== undefined)
      headers.push(
        pick<[string, string]>(
          [
            ['If-None-Match', '*'],
            ['x-amz-request-payer', 'requester'],
            ['Content-Type', 'text/plain'],
          ],
          (one('ignored-header') as Mutation).n,
        ),
      )
    if (one('origin') !== undefined) headers.push(['Origin', 'http://app.example.test'])
    let body = Buffer.alloc(0)
    if (one('body') !== undefined)
      body = Buffer.from(pick(['x', '<Delete/>', 'a'.repeat(70_000)], (one('body') as Mutation).n))
    const contentSha256 = bodilessPayload(input, expect)
    // S3's answer to a body under the hash of no bytes is not recorded (the emulator does not read it).
    if (body.length > 0 && contentSha256?.toLowerCase() === EMPTY_SHA256)
      expect.either('XAmzContentSHA256Mismatch', 'a body under the hash of no bytes')
    const head = await signRequest(
      s3,
      port,
      { method: 'DELETE', path: objectPath(bucket, key), query, headers, contentSha256, body },
      input,
      expect,
    )
    const framed = frameSigned({
      service: 's3',
      head,
      method: 'DELETE',
      body,
      transport: input.transport,
      expect,
      description: `${previous === undefined ? 'no object' : 'an object'} at the key; ${input.mutations.map((m) => `${m.m}:${m.n}`).join(' ') || 'no mutation'}`,
    })
    return {
      ...framed,
      bucket,
      key,
      previous,
      description: `${framed.description}; expected: ${expect.describe()}`,
    }
  },

  async check(
    ctx: FuzzContext,
    prepared: PreparedDelete,
    outcome: RawOutcome,
    before: DiskBefore,
  ): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    const success = (r: RawResponse) => r.status === 204
    if (response !== undefined) {
      found.push(...signedFormat(response, prepared))
      if (response.status === 204 && response.body.length > 0)
        found.push(violation('format', 'DeleteObject 204 with a body', show(response)))
      if (response.status >= 200 && response.status < 300 && response.status !== 204)
        found.push(violation('format', `DeleteObject answered ${response.status}, not 204`, show(response)))
    }
    found.push(...outcomeViolations(prepared, outcome, success))
    const deleted = response !== undefined && success(response)
    const unknown = response === undefined
    const expected = before.s3.objects - (deleted && prepared.previous !== undefined ? 1 : 0)
    const disk = await s3DiskSettled(ctx.dataDir, expected, 300)
    if (!unknown && disk.objects !== expected)
      found.push(
        violation(
          disk.objects > expected ? 'partial-object' : 'lost-object',
          disk.objects > expected
            ? 'a DeleteObject answered 204 left its object'
            : 'a DeleteObject removed objects it was not answered for',
          `objects ${before.s3.objects} → ${disk.objects} after HTTP ${response?.status}`,
        ),
      )
    if (disk.blobs !== disk.objects)
      found.push(
        violation(
          'partial-object',
          'blobs and object records differ',
          `${disk.blobs} blobs for ${disk.objects} records`,
        ),
      )
    if (prepared.previous === undefined || unknown) return found
    const s3 = ctx.proc.info.s3
    const read = await signedCall(s3, ctx.port('s3'), {
      method: 'GET',
      path: objectPath(s3.bucket, prepared.key),
    })
    const key = escapeBytes(Buffer.from(prepared.key), 100)
    if (deleted && !(read.status === 404 && errorCode(read) === 'NoSuchKey'))
      found.push(
        violation(
          'partial-object',
          'an object DeleteObject answered 204 for still reads back',
          `GET ${key}: ${show(read)}`,
        ),
      )
    if (
      !deleted &&
      (read.status !== 200 ||
        !read.body.equals(prepared.previous) ||
        header(read, 'etag') !== `"${md5Hex(prepared.previous)}"`)
    )
      found.push(
        violation(
          'lost-object',
          'a refused DeleteObject removed or changed its object',
          `GET ${key}: ${show(read)}`,
        ),
      )
    return found
  },
}
