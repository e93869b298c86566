import { answerOf, show, violation } from '../checks.js'
import { s3Records } from '../data-dir.js'
import { compactJson } from '../dump.js'
import { header, type RawOutcome, type RawResponse } from '../raw-http.js'
import type { Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { outcomeViolations, parseXml, signedFormat, type XmlNode } from '../s3-answers.js'
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
import { bodilessPayload, PAYLOAD_MUTATIONS } from './s3-delete-object.js'

/** The objects every listing case runs against (made once per reset), under `ls/` and at the top. */
export const LIST_KEYS: readonly string[] = [
  'ls/a',
  'ls/a/1',
  'ls/a/2',
  'ls/a/b/1',
  'ls/a/b/2',
  'ls/a//x',
  'ls/a+b',
  'ls/a b',
  'ls/b/',
  'ls/b/c',
  'ls/é/1',
  'ls/é/2',
  'ls/文/x',
  'ls/%41',
  'ls/a%2Fb',
  'ls/\u0001ctl',
  'ls/tab\tx',
  'ls/cr\rlf\n',
  'ls/~',
  'ls/.',
  'ls/..',
  'ls/../up',
  'ls/a&b<c>"d\'',
  'ls/🙂',
  'ls/Z',
  'top-1',
  'top-2',
]

const PREFIXES = [
  '',
  'ls/',
  'ls/a',
  'ls/a/',
  'ls/é',
  'ls/a/b/',
  'nope',
  'ls/%',
  'top',
  'ls/a ',
  'l',
  'ls/b/',
  'ls/..',
]
const DELIMITERS = ['/', 'a', '//', 'é', ' ', '%', '1', '', '/a', 'ls']
const MAX_KEYS_VALID = ['0', '1', '2', '3', '7', '1000', '1001', '2147483647', '01', '5']
const MAX_KEYS_BAD = ['-1', 'abc', '1.5', '', ' 1', '+1', '2147483648', '99999999999999999999', '1e3', '0x10']
const START_AFTER = ['', 'ls/a/', 'zzz', 'ls/b', 'ls/a/1', 'ls/é', 'ls/a/b/1', 'top-1', 'ls/\u0001', '~']
const BAD_TOKENS = ['', 'abc', '!!!!', 'bm90IGpzb24=', 'WyJ4Il0=', 'a'.repeat(300)]

const LIST_MUTATIONS = [
  ...AUTH_MUTATIONS,
  ...PAYLOAD_MUTATIONS,
  'prefix',
  'delimiter',
  'max-keys',
  'max-keys-bad',
  'start-after',
  'encoding',
  'encoding-bad',
  'fetch-owner',
  'token',
  'token-bad',
  'list-type',
  'subresource',
  'unhonoured-header',
  'ignored-param',
  'bucket-unknown',
  'origin',
] as const

interface Params {
  prefix: string
  delimiter: string | undefined
  maxKeys: number
  startAfter: string | undefined
  encoding: boolean
  owner: boolean
}

interface PreparedList extends PreparedSigned {
  readonly params: Params
  /** The page the answer must be (0: the first; 1 after a continuation token). */
  readonly page: number
  /** The query as sent, to follow NextContinuationToken with. */
  readonly query: QueryPair[]
  readonly walk: boolean
}

const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))

type Entry =
  | { readonly key: string; readonly etag?: string; readonly size: number }
  | { readonly prefix: string }

/** The listing S3's rules give for the objects stored: keys in UTF-8 order, rolled up by the delimiter. */
function expectedEntries(ctx: FuzzContext, bucket: string, params: Params): Entry[] {
  const records = s3Records(ctx.dataDir)
    .records.filter((record) => record.bucket === bucket)
    .sort((a, b) => utf8Compare(a.key, b.key))
  const entries: Entry[] = []
  for (const record of records) {
    if (!record.key.startsWith(params.prefix)) continue
    if (params.startAfter !== undefined && utf8Compare(record.key, params.startAfter) <= 0) continue
    const at =
      params.delimiter === undefined ? -1 : record.key.indexOf(params.delimiter, params.prefix.length)
    if (at === -1) {
      entries.push({ key: record.key, etag: record.etag, size: record.size })
      continue
    }
    const common = record.key.slice(0, at + (params.delimiter as string).length)
    const last = entries.at(-1)
    if (last !== undefined && 'prefix' in last && last.prefix === common) continue
    entries.push({ prefix: common })
  }
  return entries
}

/** `GET /{bucket}?list-type=2`: ListObjectsV2, header-signed, its query parameters mutated. */
export const s3ListObjects: Endpoint<SignedCase, PreparedList> = {
  id: 's3.list-objects-v2',
  label: 'S3 GET /<bucket>?list-type=2 (ListObjectsV2)',
  kind: 'json',
  service: 's3',
  runShare: 3,
  arbitrary: (settings: Settings) =>
    signedCaseArbitrary(settings, LIST_MUTATIONS, { maxLength: 4, transportWeight: 10 }),
  shrink: shrinkSignedCase,

  async prepare(ctx: FuzzContext, input: SignedCase, _index: number): Promise<PreparedList> {
    const s3 = ctx.proc.info.s3
    const port = ctx.port('s3')
    await ctx.fixture('s3.list-objects', async () => {
      for (const [i, key] of LIST_KEYS.entries()) {
        const put = await signedCall(s3, port, {
          method: 'PUT',
          path: objectPath(s3.bucket, key),
          body: Buffer.from(`object ${i}`),
        })
        if (put.status !== 200)
          throw new Error(`a valid PutObject of a listing fixture was refused: ${show(put)}`)
      }
    })
    const expect = new Expectation()
    const one = (name: (typeof LIST_MUTATIONS)[number]) => mutationsNamed(input, name)[0]
    const query: QueryPair[] = [['list-type', '2']]
    const params: Params = {
      prefix: '',
      delimiter: undefined,
      maxKeys: 1000,
      startAfter: undefined,
      encoding: false,
      owner: false,
    }
    // The valid request: a prefix, a delimiter and a small page now and then, as SDK callers list.
    const base = input.base
    const prefix =
      one('prefix') !== undefined
        ? pick(PREFIXES, (one('prefix') as Mutation).n)
        : base % 3 === 0
          ? 'ls/'
          : undefined
    if (prefix !== undefined) {
      query.push(['prefix', prefix])
      params.prefix = prefix
    }
    const delimiter =
      one('delimiter') !== undefined
        ? pick(DELIMITERS, (one('delimiter') as Mutation).n)
        : (base >> 2) % 2 === 0
          ? '/'
          : undefined
    if (delimiter !== undefined) {
      query.push(['delimiter', delimiter])
      params.delimiter = delimiter === '' ? undefined : delimiter
    }
    const maxKeys =
      one('max-keys') !== undefined
        ? pick(MAX_KEYS_VALID, (one('max-keys') as Mutation).n)
        : (base >> 3) % 3 === 0
          ? String(1 + (base % 4))
          : undefined
    if (maxKeys !== undefined) {
      query.push(['max-keys', maxKeys])
      params.maxKeys = Math.min(1000, Number(maxKeys))
    }
    if (one('max-keys-bad') !== undefined) {
      const at = query.findIndex(([name]) => name === 'max-keys')
      if (at >= 0) query.splice(at, 1)
      query.push(['max-keys', pick(MAX_KEYS_BAD, (one('max-keys-bad') as Mutation).n)])
      expect.refuse('InvalidArgument', `max-keys ${JSON.stringify(query.at(-1)?.[1])}`)
    }
    if (one('start-after') !== undefined) {
      params.startAfter = pick(START_AFTER, (one('start-after') as Mutation).n)
      query.push(['start-after', params.startAfter])
    }
    if (one('encoding') !== undefined) {
      query.push(['encoding-type', 'url'])
      params.encoding = true
    }
    if (one('encoding-bad') !== undefined) {
      // One encoding-type: S3's reading of a parameter given twice is not recorded.
      const at = query.findIndex(([name]) => name === 'encoding-type')
      if (at >= 0) query.splice(at, 1)
      query.push(['encoding-type', pick(['URL', 'xml', '', 'url '], (one('encoding-bad') as Mutation).n)])
      expect.refuse('InvalidArgument', 'an encoding-type other than url')
      params.encoding = false
    }
    if (one('fetch-owner') !== undefined) {
      const value = pick(['true', 'false', 'TRUE', ''], (one('fetch-owner') as Mutation).n)
      query.push(['fetch-owner', value])
      params.owner = value === 'true'
    }
    if (one('token-bad') !== undefined) {
      query.push(['continuation-token', pick(BAD_TOKENS, (one('token-bad') as Mutation).n)])
      expect.refuse('InvalidArgument', 'a continuation token the listing did not give')
    }
    if (one('list-type') !== undefined) {
      const variant = pick(['none', '1', '3', ''], (one('list-type') as Mutation).n)
      query.splice(0, 1)
      if (variant !== 'none') query.push(['list-type', variant])
      expect.exclusive('NotImplemented', `list-type ${variant} (ListObjects version 1)`)
    }
    if (one('subresource') !== undefined) {
      query.push(
        pick<QueryPair>(
          [
            ['versions', null],
            ['uploads', null],
            ['acl', null],
            ['policy', null],
            ['session', null],
            ['tagging', null],
          ],
          (one('subresource') as Mutation).n,
        ),
      )
      expect.exclusive('NotImplemented', `a bucket subresource ${JSON.stringify(query.at(-1))}`)
    }
    if (one('ignored-param') !== undefined)
      query.push(
        pick<QueryPair>(
          [
            ['foo', 'bar'],
            ['x-id', 'ListObjectsV2'],
            ['marker', 'ls/a'],
          ],
          (one('ignored-param') as Mutation).n,
        ),
      )
    const headers: Array<[string, string]> = []
    if (one('unhonoured-header') !== undefined) {
      headers.push(
        pick<[string, string]>(
          [
            ['x-amz-expected-bucket-owner', '111122223333'],
            ['x-amz-security-token', 'FwoGZXIvYXdzEXAMPLE'],
          ],
          (one('unhonoured-header') as Mutation).n,
        ),
      )
      expect.refuse('NotImplemented', `the ${headers.at(-1)?.[0]} header`)
    }
    if (one('origin') !== undefined) headers.push(['Origin', 'http://app.example.test'])
    if (params.maxKeys < 0 || !Number.isFinite(params.maxKeys)) params.maxKeys = 1000
    let bucket = s3.bucket
    if (one('bucket-unknown') !== undefined) {
      bucket = pick(['nope', s3.bucket.toUpperCase()], (one('bucket-unknown') as Mutation).n)
      expect.refuse('NoSuchBucket', 'an unknown bucket')
    }
    // A continuation token from a first page of the same listing: the answer is then its second page.
    let page = 0
    if (
      one('token') !== undefined &&
      expect.outcome === 'accept' &&
      params.maxKeys > 0 &&
      !query.some(([n]) => n === 'continuation-token')
    ) {
      const first = await signedCall(s3, port, { method: 'GET', path: objectPath(s3.bucket, ''), query })
      const token =
        first.status === 200
          ? /<NextContinuationToken>([^<]*)</.exec(first.body.toString('utf8'))?.[1]
          : undefined
      if (first.status !== 200) throw new Error(`a valid ListObjectsV2 was refused: ${show(first)}`)
      if (token !== undefined) {
        query.push(['continuation-token', token.replaceAll('&amp;', '&').replaceAll('&#x2B;', '+')])
        page = 1
      }
    }
    const contentSha256 = bodilessPayload(input, expect)
    const head = await signRequest(
      s3,
      port,
      { method: 'GET', path: objectPath(bucket, ''), query, headers, contentSha256, body: Buffer.alloc(0) },
      input,
      expect,
    )
    const framed = frameSigned({
      service: 's3',
      head,
      method: 'GET',
      body: Buffer.alloc(0),
      transport: input.transport,
      expect,
      description: `${compactJson(query)}; ${input.mutations.map((m) => `${m.m}:${m.n}`).join(' ') || 'no mutation'}`,
    })
    return {
      ...framed,
      params,
      page,
      query,
      walk: params.maxKeys > 0 && params.maxKeys <= 7 && page === 0 && (input.base >> 5) % 2 === 0,
      description: `${framed.description}; expected: ${expect.describe()}`,
    }
  },

  async check(ctx: FuzzContext, prepared: PreparedList, outcome: RawOutcome): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    const success = (r: RawResponse) => r.status === 200
    if (response !== undefined) found.push(...signedFormat(response, prepared))
    found.push(...outcomeViolations(prepared, outcome, success))
    if (response === undefined || !success(response)) return found
    const s3 = ctx.proc.info.s3
    const entries = expectedEntries(ctx, s3.bucket, prepared.params)
    found.push(...checkPage(response, prepared.params, entries, prepared.page))
    if (!prepared.walk || found.length > 0) return found
    // Follow NextContinuationToken to the end: every page as the rules give it, none lost or repeated.
    let current = response
    for (let page = 1; page < 40; page++) {
      const token = readToken(current)
      if (token === undefined) break
      const query = [
        ...prepared.query.filter(([name]) => name !== 'continuation-token'),
        ['continuation-token', token] as QueryPair,
      ]
      current = await signedCall(s3, ctx.port('s3'), {
        method: 'GET',
        path: objectPath(s3.bucket, ''),
        query,
      })
      if (current.status !== 200) {
        found.push(
          violation('wrong-answer', 'a NextContinuationToken the listing gave was refused', show(current)),
        )
        break
      }
      const problems = checkPage(current, prepared.params, entries, page)
      if (problems.length > 0) {
        found.push(...problems)
        break
      }
    }
    return found
  },
}

function readToken(response: RawResponse): string | undefined {
  const root = parseXml(response.body.toString('utf8'))
  return root?.children.find((child) => child.name === 'NextContinuationToken')?.text
}

const ORDER = [
  'Name',
  'Prefix',
  'ContinuationToken',
  'NextContinuationToken',
  'KeyCount',
  'MaxKeys',
  'Delimiter',
  'EncodingType',
  'IsTruncated',
  'StartAfter',
  'Contents',
  'CommonPrefixes',
]

/** One page of a listing against the rules: its elements, in S3's order, and the entries it must hold. */
function checkPage(
  response: RawResponse,
  params: Params,
  entries: readonly Entry[],
  page: number,
): Violation[] {
  const fail = (kind: 'format' | 'wrong-answer', key: string, detail: string) => [
    violation(kind, key, `${detail} — ${show(response)}`),
  ]
  if (!/^application\/xml/.test(header(response, 'content-type') ?? ''))
    return fail('format', 'a listing that is not application/xml', '')
  const root = parseXml(response.body.toString('utf8'))
  if (
    root === undefined ||
    root.name !== 'ListBucketResult' ||
    !response.body.includes('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">')
  )
    return fail('format', 'a listing that is not a ListBucketResult document', '')
  let last = -1
  for (const child of root.children) {
    const at = ORDER.indexOf(child.name)
    if (at === -1 || at < last)
      return fail('format', `ListBucketResult element ${child.name} unknown or out of S3's order`, '')
    last = at
  }
  const text = (name: string) => root.children.find((child) => child.name === name)?.text
  const decode = (value: string | undefined) =>
    value === undefined || !params.encoding ? value : decodeURIComponent(value.replaceAll('+', ' '))
  const found: Violation[] = []
  const contents = root.children.filter((child) => child.name === 'Contents')
  const prefixes = root.children.filter((child) => child.name === 'CommonPrefixes')
  if (text('KeyCount') !== String(contents.length + prefixes.length))
    found.push(
      ...fail(
        'format',
        'KeyCount is not the number of keys and common prefixes',
        `KeyCount ${text('KeyCount')}`,
      ),
    )
  if (text('MaxKeys') !== String(params.maxKeys))
    found.push(
      ...fail(
        'wrong-answer',
        'MaxKeys is not the page size asked for',
        `MaxKeys ${text('MaxKeys')}, asked ${params.maxKeys}`,
      ),
    )
  if (decode(text('Prefix')) !== params.prefix)
    found.push(
      ...fail(
        'wrong-answer',
        'Prefix is not the prefix asked for',
        `Prefix ${JSON.stringify(text('Prefix'))}`,
      ),
    )
  if (decode(text('Delimiter')) !== params.delimiter)
    found.push(
      ...fail(
        'wrong-answer',
        'Delimiter is not the delimiter asked for',
        `Delimiter ${JSON.stringify(text('Delimiter'))}`,
      ),
    )
  if ((text('EncodingType') === 'url') !== params.encoding)
    found.push(
      ...fail(
        'wrong-answer',
        'EncodingType is not what was asked for',
        `EncodingType ${text('EncodingType')}`,
      ),
    )
  const truncated = text('IsTruncated')
  if (
    (truncated === 'true') !== (text('NextContinuationToken') !== undefined) ||
    (truncated !== 'true' && truncated !== 'false')
  )
    found.push(
      ...fail('format', 'IsTruncated and NextContinuationToken disagree', `IsTruncated ${truncated}`),
    )
  // The page the rules give.
  const size = params.maxKeys
  const want = size === 0 ? [] : entries.slice(page * size, (page + 1) * size)
  const wantTruncated = size > 0 && entries.length > (page + 1) * size
  const got: string[] = []
  for (const child of root.children) {
    if (child.name === 'Contents') got.push(`key ${decode(field(child, 'Key'))}`)
    if (child.name === 'CommonPrefixes') got.push(`prefix ${decode(field(child, 'Prefix'))}`)
  }
  // S3 lists Contents before CommonPrefixes, each in key order: compare as sets in that order.
  const wanted = [
    ...want.filter((entry) => 'key' in entry).map((entry) => `key ${(entry as { key: string }).key}`),
    ...want
      .filter((entry) => 'prefix' in entry)
      .map((entry) => `prefix ${(entry as { prefix: string }).prefix}`),
  ]
  if (got.join('\n') !== wanted.join('\n') || (truncated === 'true') !== wantTruncated)
    found.push(
      ...fail(
        'wrong-answer',
        `a listing page is not the one the stored objects and ${page === 0 ? 'the parameters' : 'the continuation token'} give`,
        `page ${page} of ${JSON.stringify(params)}: got ${JSON.stringify(got)} truncated ${truncated}, wanted ${JSON.stringify(wanted)} truncated ${wantTruncated}`,
      ),
    )
  for (const child of contents) {
    const key = decode(field(child, 'Key'))
    const entry = want.find((candidate) => 'key' in candidate && candidate.key === key) as
      | { etag?: string; size: number }
      | undefined
    const names = child.children.map((c) => c.name).join(',')
    const shape = params.owner
      ? /^Key,LastModified,ETag,(ChecksumAlgorithm,ChecksumType,)?Size,Owner,StorageClass$/
      : /^Key,LastModified,ETag,(ChecksumAlgorithm,ChecksumType,)?Size,StorageClass$/
    if (!shape.test(names)) {
      found.push(
        ...fail(
          'format',
          `Contents elements not S3's (${params.owner ? 'with' : 'without'} fetch-owner)`,
          names,
        ),
      )
      break
    }
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(field(child, 'LastModified') ?? '')) {
      found.push(
        ...fail('format', 'LastModified not ISO 8601 with milliseconds', field(child, 'LastModified') ?? ''),
      )
      break
    }
    if (
      entry !== undefined &&
      (field(child, 'ETag') !== entry.etag || field(child, 'Size') !== String(entry.size))
    ) {
      found.push(
        ...fail(
          'wrong-answer',
          'a listed ETag or Size is not the stored object’s',
          `${key}: ${field(child, 'ETag')} ${field(child, 'Size')}, stored ${entry.etag} ${entry.size}`,
        ),
      )
      break
    }
  }
  return found
}

const field = (node: XmlNode, name: string) => node.children.find((child) => child.name === name)?.text
