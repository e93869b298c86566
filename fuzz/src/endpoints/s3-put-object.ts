import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
// AWS's documented lists of canned ACLs and storage classes (the PutObject API reference).
import { CANNED_ACLS, STORAGE_CLASSES } from '@crmkit/s3-post-policy'
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
  type Unsigned,
} from '../signed-case.js'
import { EMPTY_SHA256, objectPath, type QueryPair, sha256Hex, utf8Header } from '../sigv4.js'
import { fileBytes } from '../upload-case.js'

/** "Upload an object in a single operation … up to 5 GB in size." */
export const MAX_PUT_BYTES = 5 * 1024 ** 3

const PUT_MUTATIONS = [
  ...AUTH_MUTATIONS,
  // Integrity claims: Content-MD5, x-amz-content-sha256, x-amz-checksum-*.
  'md5-good',
  'md5-wrong',
  'md5-malformed',
  'sha256-wrong',
  'sha256-upper',
  'sha256-garbage',
  'sha256-missing',
  'sha256-streaming-signed',
  'checksum-good',
  'checksum-wrong',
  'checksum-malformed',
  'checksum-unimplemented',
  'checksum-unknown',
  'checksum-two',
  'sdk-algorithm',
  // Conditional writes.
  'if-none-match-star',
  'if-none-match-other',
  'if-match',
  // What is stored with the object, and what is not emulated.
  'content-type',
  'stored-header',
  'meta',
  'meta-size',
  'acl',
  'storage-class',
  'tagging',
  'sse',
  'unhonoured-header',
  'request-payer',
  // Lengths.
  'declared-huge',
  'decoded-length-lie',
  'decoded-length-garbage',
  // aws-chunked framing and trailers.
  'chunks-split',
  'chunk-ext',
  'hex-form',
  'size-not-hex',
  'no-crlf-after-data',
  'no-final-chunk',
  'no-final-crlf',
  'bytes-after-end',
  'lf-only',
  'chunk-too-long',
  'trailer-wrong',
  'trailer-malformed',
  'trailer-missing',
  'trailer-extra',
  'trailer-name-case',
  // The payload's bytes after the claims were made.
  'flip',
  'truncate',
  'append',
  // The target and the rest.
  'bucket-unknown',
  'key-special',
  'key-too-long',
  'subresource',
  'copy-source',
  'ignored-param',
  'origin',
  'expect-continue',
  // After the case: conditional PutObjects racing for one key.
  'race',
] as const

type Mode = 'signed' | 'unsigned' | 'chunked'
type Algorithm = 'crc32' | 'sha1' | 'sha256'

function digest(algorithm: Algorithm, bytes: Buffer): string {
  if (algorithm === 'crc32') {
    const out = Buffer.alloc(4)
    out.writeUInt32BE(crc32(bytes) >>> 0)
    return out.toString('base64')
  }
  return createHash(algorithm).update(bytes).digest('base64')
}

const md5Base64 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64')
const md5Hex = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

/** Headers S3 documents for PutObject that the emulator does not honour: 501 NotImplemented. */
const UNHONOURED: ReadonlyArray<readonly [string, string]> = [
  ['x-amz-server-side-encryption-customer-algorithm', 'AES256'],
  ['x-amz-server-side-encryption-customer-key', Buffer.alloc(32, 7).toString('base64')],
  ['x-amz-server-side-encryption-customer-key-MD5', md5Base64(Buffer.alloc(32, 7))],
  ['x-amz-server-side-encryption-aws-kms-key-id', 'arn:aws:kms:eu-central-1:111122223333:key/x'],
  ['x-amz-server-side-encryption-context', Buffer.from('{"a":"b"}').toString('base64')],
  ['x-amz-server-side-encryption-bucket-key-enabled', 'true'],
  ['x-amz-grant-read', 'uri="http://acs.amazonaws.com/groups/global/AllUsers"'],
  ['x-amz-grant-full-control', 'id="1234"'],
  ['x-amz-object-lock-mode', 'GOVERNANCE'],
  ['x-amz-object-lock-retain-until-date', '2030-01-01T00:00:00Z'],
  ['x-amz-object-lock-legal-hold', 'ON'],
  ['x-amz-website-redirect-location', '/other'],
  ['x-amz-write-offset-bytes', '0'],
  ['x-amz-expected-bucket-owner', '111122223333'],
  ['x-amz-security-token', 'FwoGZXIvYXdzEXAMPLE'],
]

const SUBRESOURCES: readonly QueryPair[][] = [
  [['acl', null]],
  [['tagging', null]],
  [['retention', null]],
  [['legal-hold', null]],
  [
    ['partNumber', '1'],
    ['uploadId', 'abc'],
  ],
  [['uploadId', 'abc']],
  [['partNumber', '1']],
  [['renameObject', null]],
  [['tagging', '']],
]

const STORED: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'max-age=60'],
  ['Content-Disposition', 'attachment; filename="report.bin"'],
  ['Content-Language', 'de-DE'],
  ['Expires', 'Thu, 01 Dec 2044 16:00:00 GMT'],
  ['Content-Encoding', 'gzip'],
  ['Cache-Control', 'no-store, private'],
]

const CONTENT_TYPES = [
  'text/plain; charset=utf-8',
  'application/pdf',
  'image/png',
  'application/octet-stream',
  'x/y',
  '',
  'text/html;charset=ISO-8859-1',
]

/** Metadata values: ASCII, raw UTF-8, RFC 2047 words. The decoded text is what S3 keeps. */
const META: ReadonlyArray<readonly [string, string, string]> = [
  // name, value as sent (byte string), value as S3 keeps it
  ['note', 'hello world', 'hello world'],
  ['Mixed-Case', 'x', 'x'],
  ['empty', '', ''],
  ['utf8', utf8Header('grüße 文件'), 'grüße 文件'],
  ['word', '=?UTF-8?B?Z3LDvMOfZQ==?=', 'grüße'],
  ['q', '=?UTF-8?Q?gr=C3=BC=C3=9Fe_x?=', 'grüße x'],
  ['spaces', '  padded  ', 'padded'],
]

const ACLS = [
  'private',
  'public-read',
  'bucket-owner-full-control',
  'authenticated-read',
  'PRIVATE',
  'nope',
  '',
]
const STORAGE = ['STANDARD', 'REDUCED_REDUNDANCY', 'GLACIER', 'STANDARD_IA', 'standard', 'COLD', '']
const TAGGINGS = [
  'a=b',
  'a=b&c=d',
  'k%20ey=v%2Fal',
  '',
  Array.from({ length: 10 }, (_, i) => `t${i}=v`).join('&'),
  Array.from({ length: 11 }, (_, i) => `t${i}=v`).join('&'),
  'a=1&a=2',
  `${'k'.repeat(129)}=v`,
  `k=${'v'.repeat(257)}`,
  `${'k'.repeat(128)}=${'v'.repeat(256)}`,
  '=v',
]

/** The x-amz-tagging rules: URL-encoded, ≤ 10 tags, keys 1-128 and values ≤ 256 characters, distinct keys. */
function taggingValid(text: string): boolean {
  if (text === '') return true
  const keys = new Set<string>()
  let count = 0
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === '' || [...key].length > 128 || [...value].length > 256 || keys.has(key)) return false
    keys.add(key)
    count++
  }
  return count <= 10
}

/** How an aws-chunked body is written, and what is wrong with it. */
interface ChunkPlan {
  sizes: number[]
  hexForm: 'lower' | 'upper' | 'zeros'
  extension: string
  trailers: Array<[string, string]>
  broken: string[]
  /** Breakage S3's answer to is not recorded. */
  doubtful: string[]
  flips: Array<(wire: Buffer) => Buffer>
}

function encodeChunked(payload: Buffer, plan: ChunkPlan): Buffer {
  const out: Buffer[] = []
  const hex = (n: number) => {
    const text = n.toString(16)
    return plan.hexForm === 'upper' ? text.toUpperCase() : plan.hexForm === 'zeros' ? `000${text}` : text
  }
  let offset = 0
  let index = 0
  while (offset < payload.length) {
    const size = Math.max(1, plan.sizes[Math.min(index, plan.sizes.length - 1)] ?? 65_536)
    const data = payload.subarray(offset, offset + size)
    offset += data.length
    out.push(Buffer.from(`${hex(data.length)}${plan.extension}\r\n`, 'latin1'), data, Buffer.from('\r\n'))
    index++
  }
  out.push(Buffer.from(`0${plan.extension}\r\n`, 'latin1'))
  for (const [name, value] of plan.trailers) out.push(Buffer.from(`${name}:${value}\r\n`, 'latin1'))
  out.push(Buffer.from('\r\n'))
  let wire: Buffer = Buffer.concat(out)
  for (const flip of plan.flips) wire = flip(wire)
  return wire
}

/** Sets a header, replacing one of the same name: a signed header sent twice is the `duplicate-header` mutation's. */
function setHeader(headers: Array<[string, string]>, name: string, value: string): void {
  const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase())
  if (at >= 0) headers.splice(at, 1)
  headers.push([name, value])
}

const header_ = (headers: ReadonlyArray<readonly [string, string]>, name: string) =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]

interface PreparedPut extends PreparedSigned {
  readonly bucket: string
  readonly key: string
  /** What the object must read back as when the answer is a success (undefined: not knowable). */
  readonly stored: Buffer | undefined
  /** The object that was at the key before (its bytes), if any. */
  readonly previous: Buffer | undefined
  /** Headers GET must answer with, for a success. */
  readonly answerHeaders: ReadonlyArray<readonly [string, string]>
  readonly checksum: { readonly name: string; readonly value: string } | undefined
  readonly readWithChecksumMode: boolean
  /** Also HEAD the object after a success (it must answer what GET does, without the body). */
  readonly alsoHead: boolean
  /** Then race conditional PutObjects for a new key: `If-None-Match: *` or `If-Match` its ETag. */
  readonly race: 'if-none-match' | 'if-match' | undefined
}

let attempt = 0

/** `PUT /{bucket}/{key}`: PutObject, header-signed, plain or aws-chunked, with every header it takes. */
export const s3PutObject: Endpoint<SignedCase, PreparedPut> = {
  id: 's3.put-object',
  label: 'S3 PUT /<bucket>/<key> (PutObject, SigV4 header)',
  kind: 'upload',
  service: 's3',
  arbitrary: (settings: Settings) => signedCaseArbitrary(settings, PUT_MUTATIONS),
  shrink: shrinkSignedCase,

  async prepare(ctx: FuzzContext, input: SignedCase, index: number): Promise<PreparedPut> {
    const s3 = ctx.proc.info.s3
    const port = ctx.port('s3')
    attempt++
    const expect = new Expectation()
    const one = (name: (typeof PUT_MUTATIONS)[number]): Mutation | undefined => mutationsNamed(input, name)[0]
    const mode: Mode = (['signed', 'unsigned', 'chunked'] as const)[input.base % 3] as Mode
    const trailerAlgorithm =
      mode === 'chunked'
        ? ([undefined, 'crc32', 'sha1', 'sha256'] as const)[(input.base >> 2) % 4]
        : undefined
    const intended = fileBytes(input.seed, input.size)

    // The target.
    let bucket = s3.bucket
    if (one('bucket-unknown') !== undefined) {
      bucket = pick(
        ['nope', s3.bucket.toUpperCase(), `${s3.bucket}-2`],
        (one('bucket-unknown') as Mutation).n,
      )
      expect.refuse('NoSuchBucket', 'an unknown bucket')
    }
    let key = `put/${ctx.tag}-${index}-${attempt}/obj-${input.seed % 1000}.bin`
    const special = one('key-special')
    if (special !== undefined) key = `put/${ctx.tag}-${index}-${attempt}/${pick(SPECIAL_NAMES, special.n)}`
    if (one('key-too-long') !== undefined)
      key = `put/${ctx.tag}-${attempt}/${'k'.repeat(1024 + ((one('key-too-long') as Mutation).n % 3) - 1)}`
    // Node's parser would refuse raw control characters on the request line; encoded they are a key's.
    key = key.replace(/[\ud800-\udfff]/g, '\ufffd')
    const keyBytes = Buffer.byteLength(key)
    if (keyBytes > 1024) expect.refuse('KeyTooLongError', `a key of ${keyBytes} bytes`)

    // An object already at the key, put there the same way (a valid request: its refusal is the service's).
    let previous: Buffer | undefined
    if (input.existing && bucket === s3.bucket && keyBytes <= 1024) {
      previous = fileBytes(input.seed ^ 0x5a5a, (input.size % 997) + 1)
      const put = await signedCall(s3, port, {
        method: 'PUT',
        path: objectPath(bucket, key),
        body: previous,
        contentSha256: sha256Hex(previous),
      })
      if (put.status !== 200)
        throw new Error(`a valid PutObject of the object to replace was refused: ${show(put)}`)
    }

    // The payload as the server will decode it, once the wire mutations are done.
    let sent: Buffer = intended
    const flip = one('flip')
    if (flip !== undefined && intended.length > 0) {
      sent = Buffer.from(intended)
      const at = flip.n % sent.length
      sent[at] = (sent[at] as number) ^ (1 << (flip.n % 8))
    }
    const truncate = one('truncate')
    if (truncate !== undefined && sent.length > 0)
      sent = sent.subarray(0, sent.length - 1 - (truncate.n % sent.length))
    const append = one('append')
    if (append !== undefined)
      sent = Buffer.concat([sent, Buffer.from(pick(['x', '\r\n', '\0', 'tail bytes'], append.n))])

    // Headers, as a valid client signs them.
    const headers: Array<[string, string]> = []
    const query: QueryPair[] = []
    let contentSha256: string | undefined =
      mode === 'signed'
        ? sha256Hex(intended)
        : mode === 'unsigned'
          ? 'UNSIGNED-PAYLOAD'
          : 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
    if ((input.base >> 4) % 3 === 0) setHeader(headers, 'Content-Type', 'application/octet-stream')
    if (mode === 'chunked') {
      setHeader(headers, 'Content-Encoding', 'aws-chunked')
      setHeader(headers, 'x-amz-decoded-content-length', String(intended.length))
      if (trailerAlgorithm !== undefined) {
        setHeader(headers, 'x-amz-trailer', `x-amz-checksum-${trailerAlgorithm}`)
        if ((input.base >> 6) % 2 === 1)
          setHeader(headers, 'x-amz-sdk-checksum-algorithm', trailerAlgorithm.toUpperCase())
      }
    }

    if (one('md5-good') !== undefined) setHeader(headers, 'Content-MD5', md5Base64(intended))
    if (one('md5-wrong') !== undefined)
      setHeader(headers, 'Content-MD5', md5Base64(Buffer.concat([intended, Buffer.from('x')])))
    if (one('md5-malformed') !== undefined)
      setHeader(
        headers,
        'Content-MD5',
        pick(
          [
            '',
            'abc',
            md5Hex(intended),
            Buffer.alloc(15).toString('base64'),
            `${md5Base64(intended).slice(0, -2)}`,
            '!!!!!!!!!!!!!!!!!!!!!!==',
          ],
          (one('md5-malformed') as Mutation).n,
        ),
      )
    if (mode !== 'chunked') {
      if (one('sha256-wrong') !== undefined && mode === 'signed')
        contentSha256 = sha256Hex(Buffer.concat([intended, Buffer.from('?')]))
      if (one('sha256-wrong') !== undefined && mode === 'unsigned') contentSha256 = EMPTY_SHA256
      if (one('sha256-upper') !== undefined && mode === 'signed')
        contentSha256 = sha256Hex(intended).toUpperCase()
    }
    if (one('sha256-garbage') !== undefined)
      contentSha256 = pick(
        [
          '',
          'abc',
          'unsigned-payload',
          'g'.repeat(64),
          sha256Hex(intended).slice(1),
          'STREAMING-UNSIGNED-PAYLOAD',
        ],
        (one('sha256-garbage') as Mutation).n,
      )
    if (one('sha256-streaming-signed') !== undefined)
      contentSha256 = pick(
        [
          'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
          'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
        ],
        (one('sha256-streaming-signed') as Mutation).n,
      )
    if (one('sha256-missing') !== undefined) contentSha256 = undefined

    const algorithms: Algorithm[] = ['crc32', 'sha1', 'sha256']
    for (const m of mutationsNamed(input, 'checksum-good')) {
      const algorithm = pick(algorithms, m.n)
      setHeader(headers, `x-amz-checksum-${algorithm}`, digest(algorithm, intended))
    }
    for (const m of mutationsNamed(input, 'checksum-wrong')) {
      const algorithm = pick(algorithms, m.n)
      setHeader(
        headers,
        `x-amz-checksum-${algorithm}`,
        digest(algorithm, Buffer.concat([intended, Buffer.from('!')])),
      )
    }
    if (one('checksum-malformed') !== undefined) {
      const m = one('checksum-malformed') as Mutation
      const algorithm = pick(algorithms, m.n)
      setHeader(
        headers,
        `x-amz-checksum-${algorithm}`,
        pick(['', 'abc', '00000000', digest(algorithm, intended).slice(0, -1), 'AAAAAAAA'], m.n >> 2),
      )
    }
    if (one('checksum-unimplemented') !== undefined)
      setHeader(
        headers,
        pick(
          ['x-amz-checksum-crc32c', 'x-amz-checksum-crc64nvme'],
          (one('checksum-unimplemented') as Mutation).n,
        ),
        'AAAAAA==',
      )
    if (one('checksum-unknown') !== undefined)
      setHeader(
        headers,
        pick(
          ['x-amz-checksum-md5', 'x-amz-checksum-crc16', 'x-amz-checksum-'],
          (one('checksum-unknown') as Mutation).n,
        ),
        'AAAA',
      )
    if (one('checksum-two') !== undefined) {
      setHeader(headers, 'x-amz-checksum-crc32', digest('crc32', intended))
      setHeader(headers, 'x-amz-checksum-sha1', digest('sha1', intended))
    }
    if (one('sdk-algorithm') !== undefined) {
      const value = pick(
        ['CRC32', 'SHA1', 'SHA256', 'crc32', 'MD5', 'CRC32C'],
        (one('sdk-algorithm') as Mutation).n,
      )
      const at = headers.findIndex(([name]) => name.toLowerCase() === 'x-amz-sdk-checksum-algorithm')
      if (at >= 0) headers.splice(at, 1)
      setHeader(headers, 'x-amz-sdk-checksum-algorithm', value)
    }

    if (one('if-none-match-star') !== undefined)
      setHeader(headers, 'If-None-Match', pick(['*', ' * '], (one('if-none-match-star') as Mutation).n))
    if (one('if-none-match-other') !== undefined)
      setHeader(
        headers,
        'If-None-Match',
        pick(
          [`"${md5Hex(previous ?? intended)}"`, 'W/"x"', '"a", *', '**'],
          (one('if-none-match-other') as Mutation).n,
        ),
      )
    const ifMatch = one('if-match')
    if (ifMatch !== undefined) {
      const etag = md5Hex(previous ?? Buffer.from('none'))
      setHeader(
        headers,
        'If-Match',
        pick(
          [`"${etag}"`, etag, '*', `"${md5Hex(Buffer.from('other'))}"`, `"x", "${etag}"`, `W/"${etag}"`, ''],
          ifMatch.n,
        ),
      )
    }
    let contentType: string | undefined = header_(headers, 'content-type')
    if (one('content-type') !== undefined) {
      contentType = pick(CONTENT_TYPES, (one('content-type') as Mutation).n)
      const at = headers.findIndex(([name]) => name.toLowerCase() === 'content-type')
      if (at >= 0) headers.splice(at, 1)
      setHeader(headers, 'Content-Type', contentType)
    }
    const stored: Array<readonly [string, string]> = []
    if (one('stored-header') !== undefined) {
      const [name, value] = pick(STORED, (one('stored-header') as Mutation).n)
      if (name === 'Content-Encoding' && mode === 'chunked') {
        const at = headers.findIndex(([n]) => n === 'Content-Encoding')
        headers[at] = ['Content-Encoding', `aws-chunked,${value}`]
      } else setHeader(headers, name, value)
      stored.push([name, value])
    }
    const metadata: Array<readonly [string, string]> = []
    for (const m of mutationsNamed(input, 'meta')) {
      const [name, raw, kept] = pick(META, m.n)
      if (headers.some(([n]) => n.toLowerCase() === `x-amz-meta-${name.toLowerCase()}`)) continue
      setHeader(headers, `x-amz-meta-${name}`, raw)
      metadata.push([name.toLowerCase(), kept])
    }
    if (one('meta-size') !== undefined) {
      // The limit is 2 KB of names and values, counted in UTF-8: at it, one over, well over.
      const used = metadata.reduce(
        (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
        0,
      )
      const target = pick([2048, 2049, 4000, 2047], (one('meta-size') as Mutation).n)
      const room = Math.max(0, target - used - 'big'.length)
      setHeader(headers, 'x-amz-meta-big', 'm'.repeat(room))
      metadata.push(['big', 'm'.repeat(room)])
    }
    const metaBytes = metadata.reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0,
    )
    if (metaBytes > 2048) expect.refuse('MetadataTooLarge', `${metaBytes} bytes of metadata`)
    if (one('acl') !== undefined) {
      const acl = pick(ACLS, (one('acl') as Mutation).n)
      setHeader(headers, 'x-amz-acl', acl)
      if (!CANNED_ACLS.has(acl)) expect.refuse('InvalidArgument', `canned ACL ${JSON.stringify(acl)}`)
    }
    let storageClass = 'STANDARD'
    if (one('storage-class') !== undefined) {
      storageClass = pick(STORAGE, (one('storage-class') as Mutation).n)
      setHeader(headers, 'x-amz-storage-class', storageClass)
      if (!STORAGE_CLASSES.has(storageClass))
        expect.refuse('InvalidStorageClass', `storage class ${JSON.stringify(storageClass)}`)
    }
    let tagCount = 0
    if (one('tagging') !== undefined) {
      const tagging = pick(TAGGINGS, (one('tagging') as Mutation).n)
      setHeader(headers, 'x-amz-tagging', tagging)
      if (!taggingValid(tagging))
        expect.refuse('InvalidTag', `x-amz-tagging ${JSON.stringify(tagging.slice(0, 40))}`)
      else tagCount = [...new URLSearchParams(tagging)].length
    }
    if (one('sse') !== undefined) {
      const value = pick(['AES256', 'aws:kms', 'aws:kms:dsse', 'aes256'], (one('sse') as Mutation).n)
      setHeader(headers, 'x-amz-server-side-encryption', value)
      if (value !== 'AES256') expect.refuse('NotImplemented', `x-amz-server-side-encryption ${value}`)
    }
    if (one('unhonoured-header') !== undefined) {
      const [name, value] = pick(UNHONOURED, (one('unhonoured-header') as Mutation).n)
      setHeader(headers, name, value)
      expect.refuse('NotImplemented', `the ${name} header`)
    }
    if (one('request-payer') !== undefined) setHeader(headers, 'x-amz-request-payer', 'requester')
    if (one('origin') !== undefined) setHeader(headers, 'Origin', 'http://app.example.test')
    if (one('expect-continue') !== undefined) setHeader(headers, 'Expect', '100-continue')
    if (one('copy-source') !== undefined) {
      setHeader(headers, 'x-amz-copy-source', `/${s3.bucket}/some/other`)
      expect.exclusive('NotImplemented', 'x-amz-copy-source (CopyObject)')
    }
    if (one('subresource') !== undefined) {
      query.push(...pick(SUBRESOURCES, (one('subresource') as Mutation).n))
      expect.exclusive('NotImplemented', `a subresource ${JSON.stringify(query)}`)
    }
    if (one('ignored-param') !== undefined)
      query.push(
        pick<QueryPair>(
          [
            ['foo', 'bar'],
            ['x-id', 'PutObject'],
            ['versioning', null],
          ],
          (one('ignored-param') as Mutation).n,
        ),
      )
    if (one('decoded-length-lie') !== undefined && mode === 'chunked') {
      const lie = 1 + ((one('decoded-length-lie') as Mutation).n % 5000)
      const at = headers.findIndex(([name]) => name === 'x-amz-decoded-content-length')
      headers[at] = [
        'x-amz-decoded-content-length',
        String(intended.length >= lie && lie % 2 === 0 ? intended.length - lie : intended.length + lie),
      ]
    }
    if (one('decoded-length-garbage') !== undefined && mode === 'chunked') {
      const at = headers.findIndex(([name]) => name === 'x-amz-decoded-content-length')
      headers[at] = [
        'x-amz-decoded-content-length',
        pick(
          ['', 'abc', '-1', '1e3', '0x10', `${intended.length}.0`],
          (one('decoded-length-garbage') as Mutation).n,
        ),
      ]
    }
    const huge = one('declared-huge')
    if (huge !== undefined && mode === 'chunked') {
      const at = headers.findIndex(([name]) => name === 'x-amz-decoded-content-length')
      // Past 5 GB by a byte or by gigabytes; or exactly 5 GB, which is no EntityTooLarge (the body falls short).
      const declared = pick(
        [
          String(MAX_PUT_BYTES + 1),
          String(MAX_PUT_BYTES + 1_000_000_001),
          String(MAX_PUT_BYTES),
          '9999999999999999',
        ],
        huge.n,
      )
      headers[at] = ['x-amz-decoded-content-length', declared]
    }

    // The body on the wire.
    let body: Buffer = sent
    let plan: ChunkPlan | undefined
    if (mode === 'chunked') {
      plan = {
        sizes: [65_536],
        hexForm: 'lower',
        extension: '',
        trailers: [],
        broken: [],
        doubtful: [],
        flips: [],
      }
      if (one('chunks-split') !== undefined) {
        const n = (one('chunks-split') as Mutation).n
        plan.sizes = pick([[1], [7, 100], [8192], [(n % 5000) + 1], [3, 65_536]], n)
      }
      const form = one('hex-form')
      if (form !== undefined) plan.hexForm = pick(['upper', 'zeros'] as const, form.n)
      if (one('chunk-ext') !== undefined) {
        plan.extension = pick(
          [';chunk-signature=0000', ';a=b', ';', ';a;b=c'],
          (one('chunk-ext') as Mutation).n,
        )
        plan.doubtful.push(`chunk extension ${plan.extension}`)
      }
      if (trailerAlgorithm !== undefined && one('trailer-missing') === undefined) {
        const value =
          one('trailer-wrong') !== undefined
            ? digest(trailerAlgorithm, Buffer.concat([intended, Buffer.from('#')]))
            : one('trailer-malformed') !== undefined
              ? pick(['', 'abc', '0000', '!!!!'], (one('trailer-malformed') as Mutation).n)
              : digest(trailerAlgorithm, intended)
        const name =
          one('trailer-name-case') !== undefined
            ? `X-Amz-Checksum-${trailerAlgorithm.toUpperCase()}`
            : `x-amz-checksum-${trailerAlgorithm}`
        if (one('trailer-name-case') !== undefined) plan.doubtful.push('a trailer name in another case')
        plan.trailers.push([name, value])
      }
      if (one('trailer-extra') !== undefined) {
        plan.trailers.push(
          pick<[string, string]>(
            [
              ['x-amz-meta-extra', 'x'],
              ['x-amz-checksum-crc32c', 'AAAAAA=='],
              ['foo', 'bar'],
            ],
            (one('trailer-extra') as Mutation).n,
          ),
        )
        plan.doubtful.push('a trailer not announced in x-amz-trailer')
      }
      const breakage = (name: string, make: (wire: Buffer) => Buffer | undefined) => {
        // One breakage a body: two can mend each other (no final chunk, then one appended).
        if (one(name as (typeof PUT_MUTATIONS)[number]) === undefined || (plan?.broken.length ?? 0) > 0)
          return
        plan?.flips.push((wire) => make(wire) ?? wire)
        plan?.broken.push(name)
      }
      const sizeLine = pick(['zz', '-1', '0x10', '', 'g', ';1', '+1'], one('size-not-hex')?.n ?? 0)
      breakage('size-not-hex', (wire) =>
        Buffer.concat([Buffer.from(`${sizeLine}\r\n`), wire.subarray(wire.indexOf('\r\n') + 2)]),
      )
      if (sent.length > 0) {
        breakage('no-crlf-after-data', (wire) => {
          const start = wire.indexOf('\r\n') + 2
          const first = Math.min(sent.length, plan?.sizes[0] ?? 65_536)
          return Buffer.concat([wire.subarray(0, start + first), wire.subarray(start + first + 2)])
        })
        breakage('chunk-too-long', (wire) => {
          const start = wire.indexOf('\r\n') + 2
          const first = Math.min(sent.length, plan?.sizes[0] ?? 65_536)
          return Buffer.concat([
            wire.subarray(0, start + first),
            Buffer.from('X'),
            wire.subarray(start + first),
          ])
        })
      }
      breakage('no-final-chunk', (wire) => {
        const last = wire.lastIndexOf(Buffer.from(`\r\n0${plan?.extension}\r\n`))
        return wire.subarray(0, last === -1 ? 0 : last + 2)
      })
      breakage('no-final-crlf', (wire) => wire.subarray(0, wire.length - 2))
      breakage('bytes-after-end', (wire) =>
        Buffer.concat([wire, Buffer.from(pick(['x', '\r\n', '0\r\n\r\n'], one('bytes-after-end')?.n ?? 0))]),
      )
      breakage('lf-only', (wire) => Buffer.from(wire.toString('latin1').replaceAll('\r\n', '\n'), 'latin1'))
      body = encodeChunked(sent, plan)
    }

    // Sign, then frame with the transport.
    const unsigned: Unsigned = {
      method: 'PUT',
      path: objectPath(bucket, key),
      query,
      headers,
      contentSha256,
      body,
    }
    const head = await signRequest(s3, port, unsigned, input, expect)
    const declaredLength =
      huge !== undefined && mode !== 'chunked'
        ? String(MAX_PUT_BYTES + 1 + (huge.n % 3) * 1_000_000_000)
        : undefined
    const framed = frameSigned({
      service: 's3',
      head,
      method: 'PUT',
      body,
      transport: input.transport,
      expect,
      description: `${mode}${trailerAlgorithm === undefined ? '' : ` trailer ${trailerAlgorithm}`}, ${intended.length} B${input.existing ? ', replacing an object' : ''}; ${input.mutations.map((m) => `${m.m}:${m.n}`).join(' ') || 'no mutation'}`,
      declaredLength,
    })

    // The rules, on the request as it finally is (S3's order of checks aside: any failing rule's code goes).
    const wireHeaders = head.headers
    const get = (name: string) => header_(wireHeaders, name)
    const sha = get('x-amz-content-sha256')
    const modes = new Set([
      'UNSIGNED-PAYLOAD',
      'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
      'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
    ])
    if (sha === undefined) expect.refuse('InvalidRequest', 'no x-amz-content-sha256')
    else if (!modes.has(sha) && !/^[0-9a-f]{64}$/i.test(sha))
      expect.refuse('InvalidArgument', `x-amz-content-sha256 ${JSON.stringify(sha)}`)
    else if (sha.startsWith('STREAMING-AWS4-')) expect.refuse('NotImplemented', `signed chunks (${sha})`)
    const effective: Mode | undefined =
      sha === 'UNSIGNED-PAYLOAD'
        ? 'unsigned'
        : sha === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
          ? 'chunked'
          : sha !== undefined && /^[0-9a-f]{64}$/i.test(sha)
            ? 'signed'
            : undefined
    // What the server reads as the payload: the decoded chunks, or the body as framed.
    const transport = input.transport
    // Gone before the body it was promised arrived (a close after a shorter declared body may have been served).
    const incomplete = framed.bodyIncomplete || (transport.earlyClose !== null && !framed.mayHaveSucceeded)
    let serverPayload: Buffer | undefined = effective === 'chunked' ? sent : framed.bodySeen
    // Declared length.
    if (effective === 'chunked') {
      const text = get('x-amz-decoded-content-length')
      if (text === undefined || !/^\d{1,16}$/.test(text.trim()))
        expect.refuse('MissingContentLength', 'no usable x-amz-decoded-content-length')
      else if (Number(text.trim()) > MAX_PUT_BYTES)
        expect.refuse('EntityTooLarge', `x-amz-decoded-content-length ${text}`)
      else if (Number(text.trim()) !== sent.length)
        expect.refuse('IncompleteBody', 'the decoded length is not the payload’s')
      if (plan !== undefined && plan.broken.length > 0)
        expect.refuse('IncompleteBody', `a broken aws-chunked body (${plan.broken.join(', ')})`)
      if (plan !== undefined && plan.doubtful.length > 0)
        expect.either('IncompleteBody', plan.doubtful.join(', '))
      if (plan !== undefined && plan.doubtful.length > 0)
        expect.either('MalformedTrailerError', plan.doubtful.join(', '))
      if (framed.bodySeen === undefined || framed.bodySeen.length < body.length) {
        expect.refuse('IncompleteBody', 'the aws-chunked body did not arrive whole')
        serverPayload = undefined
      }
    } else if (effective !== undefined) {
      if (declaredLength !== undefined) expect.refuse('EntityTooLarge', `Content-Length ${declaredLength}`)
      else if (
        transport.framing === 'chunked' ||
        transport.framing === 'no-length' ||
        transport.framing === 'chunked-bad'
      )
        expect.refuse('MissingContentLength', 'no Content-Length')
    }
    if (incomplete) {
      expect.refuse('IncompleteBody', 'the body never arrived whole')
      serverPayload = undefined
    }
    const payload = serverPayload
    // Content-MD5.
    const md5 = get('content-md5')?.trim()
    if (md5 !== undefined) {
      if (!/^[A-Za-z0-9+/]{22}==$/.test(md5) || Buffer.from(md5, 'base64').length !== 16)
        expect.refuse('InvalidDigest', 'a Content-MD5 that is no MD5')
      else if (payload === undefined || md5 !== md5Base64(payload))
        expect.refuse('BadDigest', 'Content-MD5 not the payload’s')
    }
    // SHA-256.
    if (
      effective === 'signed' &&
      payload !== undefined &&
      (sha as string).toLowerCase() !== sha256Hex(payload)
    )
      expect.refuse('XAmzContentSHA256Mismatch', 'x-amz-content-sha256 not the payload’s')
    // Additional checksums.
    const checksumHeaders = wireHeaders
      .map(([name]) => name.toLowerCase())
      .filter(
        (name) =>
          name.startsWith('x-amz-checksum-') &&
          name !== 'x-amz-checksum-type' &&
          name !== 'x-amz-checksum-algorithm',
      )
    const known = new Set(['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'])
    const trailerNames = (get('x-amz-trailer') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '')
    let checksum: { name: string; value: string; algorithm: Algorithm } | undefined
    let checksumValid = true
    const bad = (why: string) => {
      checksumValid = false
      expect.refuse('InvalidRequest', why)
    }
    if (checksumHeaders.some((name) => !known.has(name.slice('x-amz-checksum-'.length))))
      bad('an unknown checksum algorithm')
    if (checksumHeaders.length > 1) bad('two checksum headers')
    if (
      trailerNames.some(
        (name) => !name.startsWith('x-amz-checksum-') || !known.has(name.slice('x-amz-checksum-'.length)),
      )
    )
      bad('an unknown trailer')
    if (trailerNames.length > 0 && effective !== 'chunked') bad('a trailer without a trailer payload')
    if (checksumHeaders.length + trailerNames.length > 1) bad('a checksum header and a trailer')
    const checksumName = checksumHeaders[0] ?? trailerNames[0]
    const sdk = get('x-amz-sdk-checksum-algorithm')
    if (checksumName === undefined && sdk !== undefined) bad('x-amz-sdk-checksum-algorithm alone')
    if (checksumName !== undefined && checksumValid) {
      const suffix = checksumName.slice('x-amz-checksum-'.length)
      if (sdk !== undefined && sdk.toLowerCase() !== suffix) bad('x-amz-sdk-checksum-algorithm disagrees')
      if (suffix === 'crc32c' || suffix === 'crc64nvme') {
        checksumValid = false
        expect.refuse('NotImplemented', `the ${checksumName} checksum`)
      }
      if (checksumValid && known.has(suffix)) {
        const algorithm = suffix as Algorithm
        const fromHeader = checksumHeaders.length === 1 ? (get(checksumName) ?? '') : undefined
        const isDigest = (value: string) =>
          /^[A-Za-z0-9+/]*={0,2}$/.test(value) &&
          value.length % 4 === 0 &&
          Buffer.from(value, 'base64').length === { crc32: 4, sha1: 20, sha256: 32 }[algorithm]
        if (fromHeader !== undefined && !isDigest(fromHeader)) bad(`a malformed ${checksumName}`)
        else {
          const trailer = plan?.trailers.find(([name]) => name.toLowerCase() === checksumName)?.[1]?.trim()
          const value = fromHeader ?? trailer
          if (value === undefined || !isDigest(value))
            expect.refuse('MalformedTrailerError', 'the trailer checksum missing or malformed')
          else if (payload === undefined || digest(algorithm, payload) !== value)
            expect.refuse('BadDigest', `${checksumName} not the payload’s`)
          else checksum = { name: checksumName, value, algorithm }
        }
      }
    }
    // Conditional writes.
    const ifNoneMatch = get('if-none-match')?.trim()
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*')
      expect.refuse('NotImplemented', `If-None-Match ${ifNoneMatch}`)
    if (ifNoneMatch === '*' && previous !== undefined)
      expect.refuse('PreconditionFailed', 'If-None-Match: * over an object')
    const ifMatchValue = get('if-match')
    if (ifMatchValue !== undefined) {
      if (previous === undefined) expect.refuse('NoSuchKey', 'If-Match without an object')
      else {
        const wanted = md5Hex(previous)
        const matches = ifMatchValue.split(',').some((raw) => {
          const tag = raw.trim()
          if (tag === '*') return true
          if (tag.startsWith('W/')) return false
          return (
            (tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"') ? tag.slice(1, -1) : tag) === wanted
          )
        })
        if (!matches) expect.refuse('PreconditionFailed', 'If-Match not the object’s ETag')
      }
    }

    const answerHeaders: Array<readonly [string, string]> = [
      ['content-type', contentType ?? 'binary/octet-stream'],
      ...stored.map(([name, value]) => [name.toLowerCase(), value] as const),
      ...metadata.map(([name, value]) => [`x-amz-meta-${name}`, value] as const),
    ]
    if (storageClass !== 'STANDARD' && STORAGE_CLASSES.has(storageClass))
      answerHeaders.push(['x-amz-storage-class', storageClass])
    if (tagCount > 0) answerHeaders.push(['x-amz-tagging-count', String(tagCount)])
    // A header sent twice (Cache-Control from two mutations) is not compared.
    return {
      ...framed,
      pristine: input.mutations.length === 0,
      bucket,
      key,
      stored: payload,
      previous,
      answerHeaders: answerHeaders.filter(([name], i, all) => all.findIndex(([n]) => n === name) === i),
      checksum: checksum === undefined ? undefined : { name: checksum.name, value: checksum.value },
      readWithChecksumMode: (input.base >> 8) % 2 === 1,
      alsoHead: (input.base >> 7) % 4 === 0,
      race:
        one('race') === undefined
          ? undefined
          : pick(['if-none-match', 'if-match'] as const, (one('race') as Mutation).n),
      description: `${framed.description}; expected: ${expect.describe()}`,
    } as PreparedPut
  },

  async check(
    ctx: FuzzContext,
    prepared: PreparedPut,
    outcome: RawOutcome,
    before: DiskBefore,
  ): Promise<Violation[]> {
    const found = await checkPut(ctx, prepared, outcome, before)
    if (prepared.race !== undefined && (await ctx.proc.healthy(['s3'])))
      found.push(...(await race(ctx, prepared.race)))
    return found
  },
}

let racing = 0

/**
 * Conditional writes "checked as the object is replaced, so two racing uploads cannot both pass": four
 * PutObjects of a key at once, each `If-None-Match: *` (no object yet) or `If-Match` the ETag of the object
 * there. Exactly one may succeed, the rest are 412, and the object is the winner's.
 */
async function race(ctx: FuzzContext, kind: 'if-none-match' | 'if-match'): Promise<Violation[]> {
  const s3 = ctx.proc.info.s3
  const port = ctx.port('s3')
  racing++
  const path = objectPath(s3.bucket, `race/${ctx.tag}-${racing}`)
  const headers: Array<[string, string]> = [['If-None-Match', '*']]
  if (kind === 'if-match') {
    const first = Buffer.from(`first ${racing}`)
    const put = await signedCall(s3, port, { method: 'PUT', path, body: first })
    if (put.status !== 200)
      return [violation('refused-valid', 'a valid PutObject (before a race) was refused', show(put))]
    headers[0] = ['If-Match', `"${md5Hex(first)}"`]
  }
  const bodies = [0, 1, 2, 3].map((i) => fileBytes(racing * 4 + i, 2000 + i * 50_000))
  const answers = await Promise.all(
    bodies.map((body) =>
      signedCall(s3, port, { method: 'PUT', path, body, headers, contentSha256: sha256Hex(body) }),
    ),
  )
  const won = answers.flatMap((answer, i) => (answer.status === 200 ? [i] : []))
  const lost = answers.filter(
    (answer) => answer.status === 412 && errorCode(answer) === 'PreconditionFailed',
  ).length
  const detail = `${kind}: ${answers.map((answer) => answer.status).join(', ')}`
  if (won.length !== 1 || lost !== 3)
    return [
      violation(
        'wrong-answer',
        `racing conditional PutObjects (${kind}): not exactly one success and three 412`,
        detail,
      ),
    ]
  const read = await signedCall(s3, port, { method: 'GET', path })
  if (read.status !== 200 || !read.body.equals(bodies[won[0] as number] as Buffer))
    return [
      violation(
        'readback',
        `the object after racing conditional PutObjects (${kind}) is not the winner's`,
        `${detail}; GET ${show(read)}`,
      ),
    ]
  return []
}

async function checkPut(
  ctx: FuzzContext,
  prepared: PreparedPut,
  outcome: RawOutcome,
  before: DiskBefore,
): Promise<Violation[]> {
  {
    const found: Violation[] = []
    const response = answerOf(outcome)
    const success = (r: RawResponse) => r.status === 200
    if (response !== undefined)
      found.push(...signedFormat(response, prepared), ...putAnswerFormat(response, prepared))
    found.push(...outcomeViolations(prepared, outcome, success))
    if (response === undefined && prepared.expect.outcome === 'accept' && !prepared.cutShort)
      found.push(
        violation(
          'refused-valid',
          'a valid PutObject got no answer',
          outcome.kind === 'no-answer' ? outcome.reason : '',
        ),
      )
    const ok = response !== undefined && success(response)
    const unknown = response === undefined && prepared.mayHaveSucceeded
    // Records: one more exactly for a success at a new key; blobs and records agree.
    const replaced = prepared.previous !== undefined
    const expected = before.s3.objects + (ok && !replaced ? 1 : 0)
    const disk = await s3DiskSettled(ctx.dataDir, expected, 300)
    if (disk.objects > expected && !unknown)
      found.push(
        violation(
          'partial-object',
          ok ? 'more objects than answers' : 'an object was stored for a PutObject not answered as a success',
          `objects ${before.s3.objects} → ${disk.objects} after ${response === undefined ? 'no answer' : `HTTP ${response.status}`}`,
        ),
      )
    if (disk.objects < expected)
      found.push(
        violation(
          'lost-object',
          'a PutObject answered 200 without a stored object',
          `objects ${before.s3.objects} → ${disk.objects}`,
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
    if (prepared.bucket !== ctx.proc.info.s3.bucket || Buffer.byteLength(prepared.key) > 1024) return found
    // Read back: the new object after a success, the previous one (or nothing) after a refusal.
    if (unknown) return found
    const s3 = ctx.proc.info.s3
    const read = await signedCall(s3, ctx.port('s3'), {
      method: 'GET',
      path: objectPath(prepared.bucket, prepared.key),
      headers: ok && prepared.readWithChecksumMode ? [['x-amz-checksum-mode', 'ENABLED']] : [],
      contentSha256: prepared.readWithChecksumMode ? 'UNSIGNED-PAYLOAD' : EMPTY_SHA256,
    })
    const key = escapeBytes(Buffer.from(prepared.key), 100)
    const wanted = ok ? prepared.stored : prepared.previous
    if (wanted === undefined) {
      if (ok) return found
      if (read.status !== 404 || errorCode(read) !== 'NoSuchKey')
        found.push(
          violation(
            'partial-object',
            'a refused PutObject left an object at its key',
            `GET ${key}: ${show(read)}`,
          ),
        )
      return found
    }
    if (read.status !== 200) {
      found.push(
        violation(
          ok ? 'readback' : 'lost-object',
          ok
            ? 'GET of an object PutObject stored does not answer 200'
            : 'a refused PutObject lost the object it would have replaced',
          `GET ${key}: ${show(read)}`,
        ),
      )
      return found
    }
    if (!read.body.equals(wanted))
      found.push(
        violation(
          'readback',
          ok
            ? 'the object read back is not the payload sent'
            : 'a refused PutObject changed the object it would have replaced',
          `GET ${key}: ${read.body.length} bytes (md5 ${md5Hex(read.body)}), wanted ${wanted.length} (md5 ${md5Hex(wanted)})`,
        ),
      )
    if (header(read, 'etag') !== `"${md5Hex(wanted)}"`)
      found.push(
        violation(
          'readback',
          'the ETag read back is not the MD5 of the object',
          `GET ${key}: ETag ${header(read, 'etag')}, wanted "${md5Hex(wanted)}"`,
        ),
      )
    if (ok) {
      for (const [name, value] of prepared.answerHeaders) {
        const got = header(read, name)
        // Values are compared as the bytes that came back: metadata as S3 encodes it (RFC 2047 for non-ASCII).
        const expectedValue = name.startsWith('x-amz-meta-') ? encodeMetadata(value) : value
        // An empty Content-Type may be kept as sent or not at all (then the default).
        const emptyType =
          name === 'content-type' && value === '' && (got === undefined || got === 'binary/octet-stream')
        if (got !== expectedValue && !emptyType)
          found.push(
            violation(
              'readback',
              `GET does not answer the ${name.startsWith('x-amz-meta-') ? 'x-amz-meta-*' : name} PutObject stored`,
              `GET ${key}: ${name}: ${JSON.stringify(got)}, wanted ${JSON.stringify(expectedValue)}`,
            ),
          )
      }
      if (prepared.alsoHead) {
        const headed = await signedCall(s3, ctx.port('s3'), {
          method: 'HEAD',
          path: objectPath(prepared.bucket, prepared.key),
        })
        if (
          headed.status !== 200 ||
          headed.body.length > 0 ||
          header(headed, 'etag') !== header(read, 'etag') ||
          header(headed, 'content-length') !== String(wanted.length) ||
          header(headed, 'content-type') !== header(read, 'content-type')
        )
          found.push(
            violation(
              'readback',
              'HEAD does not answer what GET does for an object PutObject stored',
              `HEAD ${key}: HTTP ${headed.status}, ETag ${header(headed, 'etag')}, Content-Length ${header(headed, 'content-length')}, Content-Type ${header(headed, 'content-type')}; GET: ETag ${header(read, 'etag')}, ${wanted.length} bytes`,
            ),
          )
      }
      if (
        prepared.checksum !== undefined &&
        prepared.readWithChecksumMode &&
        header(read, prepared.checksum.name) !== prepared.checksum.value
      )
        found.push(
          violation(
            'readback',
            'GET with x-amz-checksum-mode does not answer the checksum stored',
            `GET ${key}: ${prepared.checksum.name}: ${header(read, prepared.checksum.name)}, wanted ${prepared.checksum.value}`,
          ),
        )
    }
    return found
  }
}

/** The bytes S3 answers for a metadata value: printable ASCII as is, anything else an RFC 2047 word. */
function encodeMetadata(value: string): string {
  if (/^[\t\x20-\x7e]*$/.test(value)) return value
  const bytes = Buffer.from(value, 'utf8')
  if (/[\p{C}\uFFFD]/u.test(value)) return `=?UTF-8?B?${bytes.toString('base64')}?=`
  let out = ''
  for (const byte of bytes) {
    if (byte === 0x20) out += '_'
    else if (byte > 0x20 && byte < 0x7f && byte !== 0x3d && byte !== 0x3f && byte !== 0x5f)
      out += String.fromCharCode(byte)
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return `=?UTF-8?Q?${out}?=`
}

/** PutObject's success: 200, no body, the MD5 ETag, `x-amz-server-side-encryption`, the checksum verified. */
function putAnswerFormat(response: RawResponse, prepared: PreparedPut): Violation[] {
  if (response.status !== 200) return []
  const found: Violation[] = []
  const fail = (key: string) => found.push(violation('format', key, show(response)))
  if (response.body.length > 0) fail('PutObject 200 with a body')
  if (!/^"[0-9a-f]{32}"$/.test(header(response, 'etag') ?? ''))
    fail('PutObject 200 without a quoted MD5 ETag')
  else if (prepared.stored !== undefined && header(response, 'etag') !== `"${md5Hex(prepared.stored)}"`)
    found.push(
      violation(
        'readback',
        'the ETag answered is not the MD5 of the payload sent',
        `ETag ${header(response, 'etag')}, payload md5 ${md5Hex(prepared.stored)}`,
      ),
    )
  if (header(response, 'x-amz-server-side-encryption') !== 'AES256')
    fail('PutObject 200 without x-amz-server-side-encryption: AES256')
  if (prepared.checksum !== undefined && header(response, prepared.checksum.name) !== prepared.checksum.value)
    fail(`PutObject 200 without the ${prepared.checksum.name} it verified`)
  return found
}
