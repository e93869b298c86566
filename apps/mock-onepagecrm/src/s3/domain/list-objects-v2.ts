import { createHash } from 'node:crypto'
import { authenticateRequest, checkEmptyPayload } from './authenticate-request.js'
import type { SignedRequest } from './canonical-request.js'
import type { S3Config } from './config.js'
import type { HostedBuckets } from './hosted-buckets.js'
import type { ObjectStore } from './object-store.js'
import { invalidArgument, noSuchBucket, type S3Failure } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'
import { unsupportedParameter } from './unsupported-parameters.js'

export interface ListObjectsDeps {
  readonly config: S3Config
  /** The buckets hosted now (configured, or added while it runs). */
  readonly buckets: HostedBuckets
  readonly store: ObjectStore
  readonly now: () => Date
}

/** One page of a ListObjectsV2 answer, as S3 writes it in ListBucketResult. */
export interface ListPage {
  readonly bucket: string
  readonly prefix: string
  readonly delimiter: string | undefined
  readonly maxKeys: number
  readonly encodingType: 'url' | undefined
  readonly startAfter: string | undefined
  readonly continuationToken: string | undefined
  readonly nextContinuationToken: string | undefined
  readonly isTruncated: boolean
  readonly contents: readonly StoredObject[]
  readonly commonPrefixes: readonly string[]
  /** The owner's ID for each object, with `fetch-owner=true`. */
  readonly owner: string | undefined
}

export type ListObjectsResult =
  | { readonly ok: true; readonly page: ListPage }
  | { readonly ok: false; readonly error: S3Failure }

/** "Returns some or all (up to 1,000) of the objects in a bucket with each request." */
export const MAX_LIST_KEYS = 1000

/**
 * ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html): `prefix`,
 * `delimiter` (keys sharing the part up to the delimiter roll up into one CommonPrefixes entry, counted
 * like a key), `max-keys` (at most 1,000), `continuation-token` (which wins over `start-after`),
 * `start-after`, `fetch-owner`, `encoding-type=url`. Keys come in ascending order of their UTF-8 bytes.
 * Checked in this order (inferred): bucket, signature, unsupported parameters, the parameters' values.
 */
export async function listObjectsV2(
  request: SignedRequest,
  bucket: string,
  deps: ListObjectsDeps,
): Promise<ListObjectsResult> {
  if (!deps.buckets.has(bucket)) return fail(noSuchBucket(bucket))
  const auth = await authenticateRequest(request, deps.config, deps.now())
  if (!auth.ok) return auth
  const refusal = checkEmptyPayload(auth) ?? unsupportedParameter('ListObjectsV2', request)
  if (refusal !== undefined) return fail(refusal)

  const param = (name: string) => request.query.find(([parameter]) => parameter === name)?.[1]
  const maxKeysText = param('max-keys')
  let maxKeys = MAX_LIST_KEYS
  if (maxKeysText !== undefined) {
    if (
      !/^-?\d+$/.test(maxKeysText) ||
      !Number.isSafeInteger(Number(maxKeysText)) ||
      Number(maxKeysText) > 2 ** 31 - 1
    )
      return fail(
        invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText),
      )
    if (Number(maxKeysText) < 0)
      return fail(
        invalidArgument(
          'Argument maxKeys must be an integer between 0 and 2147483647',
          'max-keys',
          maxKeysText,
        ),
      )
    maxKeys = Math.min(Number(maxKeysText), MAX_LIST_KEYS)
  }
  const encodingText = param('encoding-type')
  if (encodingText !== undefined && encodingText !== 'url')
    return fail(
      invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingText),
    )
  const continuationToken = param('continuation-token')
  const resume = continuationToken === undefined ? undefined : readToken(continuationToken)
  if (resume === null)
    return fail(
      invalidArgument(
        'The continuation token provided is incorrect',
        'continuation-token',
        continuationToken ?? '',
      ),
    )
  const prefix = param('prefix') ?? ''
  const delimiter = param('delimiter') || undefined
  const startAfter = param('start-after')

  const contents: StoredObject[] = []
  const commonPrefixes: string[] = []
  let last: { after: string; rolledUp: boolean } | undefined
  let isTruncated = false
  const after = resume?.after ?? startAfter
  for (const object of deps.store.list(bucket, { prefix, after })) {
    if (resume?.rolledUp === true && object.key.startsWith(resume.after)) continue
    const rollUp = delimiter === undefined ? -1 : object.key.indexOf(delimiter, prefix.length)
    const common = rollUp === -1 ? undefined : object.key.slice(0, rollUp + (delimiter as string).length)
    if (common !== undefined && common === commonPrefixes.at(-1)) continue
    if (contents.length + commonPrefixes.length >= maxKeys) {
      isTruncated = maxKeys > 0
      break
    }
    if (common === undefined) {
      contents.push(object)
      last = { after: object.key, rolledUp: false }
    } else {
      commonPrefixes.push(common)
      last = { after: common, rolledUp: true }
    }
  }
  return {
    ok: true,
    page: {
      bucket,
      prefix,
      delimiter,
      maxKeys,
      encodingType: encodingText === 'url' ? 'url' : undefined,
      startAfter,
      continuationToken,
      nextContinuationToken: isTruncated && last !== undefined ? writeToken(last) : undefined,
      isTruncated,
      contents,
      commonPrefixes,
      owner: param('fetch-owner') === 'true' ? canonicalUserId(auth.accessKeyId) : undefined,
    },
  }
}

/**
 * The continuation token: opaque to clients, as S3's is; here the key (or rolled-up prefix) the page
 * ended on, so the next page starts after it.
 */
function writeToken(position: { after: string; rolledUp: boolean }): string {
  return Buffer.from(JSON.stringify([position.after, position.rolledUp])).toString('base64')
}

/** The position a token names; `null` for a token this emulator did not write. */
function readToken(token: string): { after: string; rolledUp: boolean } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return null
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'boolean'
    )
      return { after: value[0], rolledUp: value[1] }
  } catch {
    // Not JSON: not a token of ours.
  }
  return null
}

/**
 * The owner's canonical user ID: 64 lowercase hex digits, as S3's are; the emulator has no accounts, so it
 * is derived from the access key that owns the buckets (inferred).
 */
export function canonicalUserId(accessKeyId: string): string {
  return createHash('sha256').update(`crmkit canonical user ${accessKeyId}`).digest('hex')
}

const fail = (error: S3Failure): ListObjectsResult => ({ ok: false, error })
