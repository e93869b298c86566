import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { answerOf, show, violation } from '../checks.js'
import { header, type RawOutcome, type RawResponse } from '../raw-http.js'
import type { Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { outcomeViolations, signedFormat } from '../s3-answers.js'
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
import { objectPath, type QueryPair } from '../sigv4.js'
import { fileBytes } from '../upload-case.js'
import { bodilessPayload, PAYLOAD_MUTATIONS } from './s3-delete-object.js'

/** The objects read (made once per reset): sizes around the edges of ranges, some with a CRC32 stored. */
const SIZES = [0, 1, 10, 100, 70_000]
const objectKey = (size: number) => `get/size-${size}.bin`
const objectBytes = (size: number) => fileBytes(size * 31 + 7, size)
const crc32Base64 = (bytes: Buffer) => {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(crc32(bytes) >>> 0)
  return out.toString('base64')
}

const GET_MUTATIONS = [
  ...AUTH_MUTATIONS,
  ...PAYLOAD_MUTATIONS,
  'head',
  'range',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'response-override',
  'response-override-bad',
  'checksum-mode',
  'unhonoured',
  'missing-key',
  'bucket-unknown',
  'origin',
] as const

/** What the answer must be when the request gets past authentication. */
type Answer =
  | { readonly status: 200 | 206; readonly start: number; readonly end: number }
  | { readonly status: 304 | 412 | 416 | 404 }

interface PreparedGet extends PreparedSigned {
  readonly size: number
  readonly answer: Answer
  readonly overrides: ReadonlyArray<readonly [string, string]>
  readonly checksum: string | undefined
}

/** RFC 9110 §14 as S3 applies it: one `bytes=` range; anything else (several, other units, nonsense) is the whole. */
function rangeOf(value: string, size: number): Answer {
  const whole: Answer = { status: 200, start: 0, end: size - 1 }
  const match = /^bytes=(\d*)-(\d*)$/.exec(value)
  if (match === null) return whole
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return whole
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { status: 416 }
    return { status: 206, start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return whole
  if (start >= size) return { status: 416 }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return { status: 206, start, end }
}

/** `GET` and `HEAD /{bucket}/{key}`, header-signed: ranges, conditions, overrides, checksums. */
export const s3GetObject: Endpoint<SignedCase, PreparedGet> = {
  id: 's3.get-object',
  label: 'S3 GET/HEAD /<bucket>/<key> (GetObject, HeadObject)',
  kind: 'json',
  service: 's3',
  runShare: 3,
  arbitrary: (settings: Settings) =>
    signedCaseArbitrary(settings, GET_MUTATIONS, { maxLength: 3, transportWeight: 12 }),
  shrink: shrinkSignedCase,

  async prepare(ctx: FuzzContext, input: SignedCase): Promise<PreparedGet> {
    const s3 = ctx.proc.info.s3
    const port = ctx.port('s3')
    const modified = await ctx.fixture('s3.get-object', async () => {
      const times = new Map<number, number>()
      for (const size of SIZES) {
        const bytes = objectBytes(size)
        const put = await signedCall(s3, port, {
          method: 'PUT',
          path: objectPath(s3.bucket, objectKey(size)),
          body: bytes,
          headers: size % 2 === 0 ? [['x-amz-checksum-crc32', crc32Base64(bytes)]] : [],
        })
        if (put.status !== 200)
          throw new Error(`a valid PutObject of a GetObject fixture was refused: ${show(put)}`)
        const head = await signedCall(s3, port, {
          method: 'HEAD',
          path: objectPath(s3.bucket, objectKey(size)),
        })
        times.set(size, Date.parse(header(head, 'last-modified') ?? ''))
      }
      return times
    })
    const expect = new Expectation()
    const one = (name: (typeof GET_MUTATIONS)[number]) => mutationsNamed(input, name)[0]
    const size = pick(SIZES, input.base)
    const lastModified = modified.get(size) as number
    const bytes = objectBytes(size)
    const etag = createHash('md5').update(bytes).digest('hex')
    const method = one('head') !== undefined ? 'HEAD' : 'GET'
    let bucket = s3.bucket
    if (one('bucket-unknown') !== undefined) {
      bucket = 'nope'
      expect.refuse('NoSuchBucket', 'an unknown bucket')
    }
    const missing = one('missing-key') !== undefined
    const headers: Array<[string, string]> = []
    const query: QueryPair[] = []
    // The conditions, in RFC 9110's order: If-Match, else If-Unmodified-Since (412); If-None-Match, else
    // If-Modified-Since (304); then the range.
    const future = new Date(lastModified + 86_400_000).toUTCString()
    const past = new Date(lastModified - 86_400_000).toUTCString()
    const same = new Date(lastModified).toUTCString()
    let failed: Answer | undefined
    const ifMatch = one('if-match')
    if (ifMatch !== undefined) {
      const [value, holds] = pick<[string, boolean]>(
        [
          [`"${etag}"`, true],
          [etag, true],
          ['*', true],
          ['"0000"', false],
          [`"x", "${etag}"`, true],
          [`W/"${etag}"`, false],
        ],
        ifMatch.n,
      )
      headers.push(['If-Match', value])
      if (!holds) failed = { status: 412 }
    }
    const ifUnmodified = one('if-unmodified-since')
    if (ifUnmodified !== undefined) {
      const [value, holds] = pick<[string, boolean]>(
        [
          [past, false],
          [future, true],
          [same, true],
          ['not a date', true],
        ],
        ifUnmodified.n,
      )
      headers.push(['If-Unmodified-Since', value])
      if (!holds && ifMatch === undefined) failed = { status: 412 }
    }
    const ifNoneMatch = one('if-none-match')
    if (ifNoneMatch !== undefined) {
      const [value, holds] = pick<[string, boolean]>(
        [
          [`"${etag}"`, false],
          ['"0000"', true],
          ['*', false],
          [`W/"${etag}"`, false],
          [etag, false],
        ],
        ifNoneMatch.n,
      )
      headers.push(['If-None-Match', value])
      if (!holds) failed ??= { status: 304 }
    }
    const ifModified = one('if-modified-since')
    if (ifModified !== undefined) {
      const [value, holds] = pick<[string, boolean]>(
        [
          [past, true],
          [future, false],
          [same, false],
          ['yesterday', true],
        ],
        ifModified.n,
      )
      headers.push(['If-Modified-Since', value])
      if (!holds && ifNoneMatch === undefined) failed ??= { status: 304 }
    }
    let answer: Answer = { status: 200, start: 0, end: size - 1 }
    const range = one('range')
    if (range !== undefined) {
      const value = pick(
        [
          'bytes=0-9',
          'bytes=5-',
          'bytes=-10',
          'bytes=-0',
          `bytes=${size}-`,
          `bytes=${Math.max(0, size - 1)}-${Math.max(0, size - 1)}`,
          `bytes=0-${2 * size + 5}`,
          'bytes=0-1,3-4',
          'items=0-1',
          'bytes=9-2',
          'bytes=abc',
          `bytes=1-${size}`,
        ],
        range.n,
      )
      // A range that ends before it starts (`bytes=9-2`), and starts past the object: RFC 9110 has it invalid,
      // which a server ignores or answers 416; S3's choice is not recorded.
      const reversed = /^bytes=(\d+)-(\d+)$/.exec(value)
      if (reversed !== null && Number(reversed[2]) < Number(reversed[1]) && Number(reversed[1]) >= size)
        expect.either('InvalidRange', 'an invalid range past the object')
      headers.push(['Range', value])
      answer = rangeOf(value, size)
    }
    if (failed !== undefined) answer = failed
    if (missing) answer = { status: 404 }
    if (answer.status === 412) expect.refuse('PreconditionFailed', 'a condition that does not hold')
    if (answer.status === 416) expect.refuse('InvalidRange', 'a range past the object')
    if (answer.status === 404) expect.refuse('NoSuchKey', 'no object at the key')
    const overrides: Array<readonly [string, string]> = []
    const override = one('response-override')
    if (override !== undefined) {
      const [name, headerName, value] = pick<[string, string, string]>(
        [
          ['response-content-type', 'content-type', 'text/x-fuzz'],
          ['response-content-disposition', 'content-disposition', 'attachment; filename="a b.txt"'],
          ['response-cache-control', 'cache-control', 'no-cache'],
          ['response-content-language', 'content-language', 'fr'],
          ['response-expires', 'expires', 'Thu, 01 Dec 2044 16:00:00 GMT'],
          ['response-content-encoding', 'content-encoding', 'identity'],
        ],
        override.n,
      )
      query.push([name, value])
      overrides.push([headerName, value])
    }
    if (one('response-override-bad') !== undefined) {
      // One value a parameter: S3's reading of one given twice is not recorded.
      const at = query.findIndex(([name]) => name === 'response-content-disposition')
      if (at >= 0) query.splice(at, 1)
      query.push([
        'response-content-disposition',
        pick(
          ['attachment; filename="文.txt"', 'a\u0001b', 'x\r\ny'],
          (one('response-override-bad') as Mutation).n,
        ),
      ])
      expect.refuse('InvalidArgument', 'a response-* value no header can carry')
    }
    if (one('checksum-mode') !== undefined) headers.push(['x-amz-checksum-mode', 'ENABLED'])
    if (one('unhonoured') !== undefined) {
      const variant = (one('unhonoured') as Mutation).n % 4
      if (variant === 0) query.push(['versionId', 'null'])
      if (variant === 1) query.push(['partNumber', '1'])
      if (variant === 2) headers.push(['x-amz-server-side-encryption-customer-algorithm', 'AES256'])
      if (variant === 3) headers.push(['x-amz-expected-bucket-owner', '111122223333'])
      expect.refuse('NotImplemented', 'a parameter GetObject does not honour')
    }
    if (one('origin') !== undefined) headers.push(['Origin', 'http://app.example.test'])
    const contentSha256 = bodilessPayload(input, expect)
    const key = missing ? `get/missing-${input.seed}` : objectKey(size)
    const head = await signRequest(
      s3,
      port,
      { method, path: objectPath(bucket, key), query, headers, contentSha256, body: Buffer.alloc(0) },
      input,
      expect,
    )
    const framed = frameSigned({
      service: 's3',
      head,
      method,
      body: Buffer.alloc(0),
      transport: input.transport,
      expect,
      description: `${method} ${key} (${size} B); ${input.mutations.map((m) => `${m.m}:${m.n}`).join(' ') || 'no mutation'}`,
    })
    return {
      ...framed,
      size,
      answer,
      overrides,
      checksum:
        one('checksum-mode') !== undefined && size % 2 === 0 && answer.status === 200
          ? crc32Base64(bytes)
          : undefined,
      description: `${framed.description}; expected: HTTP ${answer.status}${expect.describe() === 'valid' ? '' : `, ${expect.describe()}`}`,
    }
  },

  async check(_ctx: FuzzContext, prepared: PreparedGet, outcome: RawOutcome): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    const success = (r: RawResponse) => r.status === 200 || r.status === 206 || r.status === 304
    if (response !== undefined) found.push(...signedFormat(response, prepared))
    found.push(...outcomeViolations(prepared, outcome, success))
    if (response === undefined || found.length > 0 || prepared.expect.outcome !== 'accept') return found
    const answer = prepared.answer
    const fail = (key: string, detail: string) =>
      found.push(violation('wrong-answer', key, `${prepared.description}: ${detail} — ${show(response)}`))
    if (response.status !== answer.status) {
      fail(
        `HTTP ${response.status} where the object, its conditions and the range call for ${answer.status}`,
        '',
      )
      return found
    }
    const bytes = objectBytes(prepared.size)
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`
    if (header(response, 'etag') !== etag)
      fail(`a ${response.status} without the object's ETag`, `ETag ${header(response, 'etag')}`)
    if (answer.status === 304) {
      if (response.body.length > 0 || header(response, 'content-type') !== undefined)
        fail('a 304 with a body or a Content-Type', '')
      return found
    }
    if (answer.status !== 200 && answer.status !== 206) return found
    const want = bytes.subarray(answer.start, answer.end + 1)
    if (header(response, 'content-length') !== String(want.length))
      fail(
        'a Content-Length that is not the bytes asked for',
        `Content-Length ${header(response, 'content-length')}, wanted ${want.length}`,
      )
    if (prepared.method === 'GET' && !response.body.equals(want))
      fail(
        'bytes that are not the object’s (or the range’s)',
        `${response.body.length} bytes, wanted ${want.length}`,
      )
    if (
      answer.status === 206 &&
      header(response, 'content-range') !== `bytes ${answer.start}-${answer.end}/${prepared.size}`
    )
      fail(
        'a Content-Range that is not the range served',
        `Content-Range ${header(response, 'content-range')}`,
      )
    for (const [name, value] of prepared.overrides)
      if (header(response, name) !== value)
        fail(`a response-* override not answered (${name})`, `${name}: ${header(response, name)}`)
    if (prepared.checksum !== undefined && header(response, 'x-amz-checksum-crc32') !== prepared.checksum)
      fail(
        'x-amz-checksum-mode: ENABLED without the CRC32 stored',
        `x-amz-checksum-crc32: ${header(response, 'x-amz-checksum-crc32')}`,
      )
    return found
  },
}
