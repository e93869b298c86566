import type { Readable } from 'node:stream'
import { authenticateRequest, checkEmptyPayload } from './authenticate-request.js'
import { parseByteRange } from './byte-range.js'
import type { SignedRequest } from './canonical-request.js'
import { evaluateConditions } from './conditional-request.js'
import type { S3Config } from './config.js'
import type { HostedBuckets } from './hosted-buckets.js'
import { notModifiedHeaders, objectHeaders, responseOverrides } from './object-headers.js'
import { checkObjectKey } from './object-key.js'
import type { ObjectRange, ObjectStore } from './object-store.js'
import { invalidRange, noSuchBucket, noSuchKey, preconditionFailed, type S3Failure } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'
import { operationHeader, unsupportedParameter } from './unsupported-parameters.js'

export interface GetObjectInput {
  /** The method, the parsed path (its bucket and key are the object read) and the query. */
  readonly request: SignedRequest
  /** Only the object's metadata is wanted (HEAD). */
  readonly headOnly: boolean
}

export interface GetObjectDeps {
  readonly config: S3Config
  /** The buckets hosted now (configured, or added while it runs). */
  readonly buckets: HostedBuckets
  readonly store: ObjectStore
  readonly now: () => Date
}

export type GetObjectResult =
  | {
      readonly ok: true
      readonly object: StoredObject
      /** Every header of the answer: the object's, the `response-*` overrides, the range's. */
      readonly headers: Record<string, string>
      /** 200, 206 for a range, 304 when a conditional header says the client's copy is current. */
      readonly status: 200 | 206 | 304
      /** The bytes to send; `undefined` for HEAD and 304. */
      readonly body: Readable | undefined
    }
  | { readonly ok: false; readonly error: S3Failure }

/**
 * GET and HEAD Object for a private bucket: the request must carry a valid SigV4 signature. Checked
 * in this order: bucket, key, signature, `response-*` values, object, conditional headers, range (the
 * order past the signature is inferred; conditions before the range as RFC 9110 §13.2.2 has it).
 */
export async function getObject(input: GetObjectInput, deps: GetObjectDeps): Promise<GetObjectResult> {
  const { bucket, key } = input.request.path
  if (!deps.buckets.has(bucket)) return fail(noSuchBucket(bucket))
  const keyRefusal = checkObjectKey(key)
  if (keyRefusal !== undefined) return fail(keyRefusal)
  const auth = await authenticateRequest(input.request, deps.config, deps.now())
  if (!auth.ok) return auth
  const refusal =
    checkEmptyPayload(auth) ??
    unsupportedParameter(input.headOnly ? 'HeadObject' : 'GetObject', input.request)
  if (refusal !== undefined) return fail(refusal)
  const overrides = responseOverrides(input.request.query)
  if (!overrides.ok) return overrides
  const stored = await deps.store.head(bucket, key)
  if (stored === undefined) return fail(noSuchKey(key))
  const header = input.request.header
  const condition = evaluateConditions(stored, {
    ifMatch: header('if-match'),
    ifNoneMatch: header('if-none-match'),
    ifModifiedSince: header('if-modified-since'),
    ifUnmodifiedSince: header('if-unmodified-since'),
  })
  if (condition.kind === 'precondition-failed') return fail(preconditionFailed(condition.condition))
  if (condition.kind === 'not-modified') {
    return { ok: true, object: stored, body: undefined, status: 304, headers: notModifiedHeaders(stored) }
  }
  const rangeHeader = input.request.header('range')
  const range = parseByteRange(rangeHeader, stored.size)
  if (range === 'unsatisfiable') return fail(invalidRange(rangeHeader ?? '', stored.size))
  let object = stored
  let body: Readable | undefined
  if (!input.headOnly) {
    const opened = await deps.store.open(bucket, key, range)
    if (opened === undefined) return fail(noSuchKey(key))
    object = opened.object
    body = opened.body
  }
  const answer = answerHeaders(object, overrides.headers, range)
  // "To retrieve the checksum, this mode must be enabled" (x-amz-checksum-mode): the checksum of the whole
  // object, so not with a range.
  if (
    range === undefined &&
    object.checksum !== undefined &&
    operationHeader(input.request, 'x-amz-checksum-mode') === 'ENABLED'
  ) {
    answer.headers[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value
    answer.headers['x-amz-checksum-type'] = 'FULL_OBJECT'
  }
  return { ok: true, object, body, ...answer }
}

function answerHeaders(
  object: StoredObject,
  overrides: Record<string, string>,
  range: ObjectRange | undefined,
): { headers: Record<string, string>; status: 200 | 206 } {
  const headers = { ...objectHeaders(object), ...overrides }
  if (range === undefined) return { headers, status: 200 }
  headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`
  headers['Content-Length'] = String(range.end - range.start + 1)
  return { headers, status: 206 }
}

const fail = (error: S3Failure): GetObjectResult => ({ ok: false, error })
