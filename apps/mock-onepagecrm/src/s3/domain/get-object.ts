import type { Readable } from 'node:stream'
import { parseByteRange } from './byte-range.js'
import type { S3Config } from './config.js'
import type { ObjectRange, ObjectStore } from './object-store.js'
import { type SignedRequest, verifyPresignedRequest } from './presigned-request.js'
import { invalidRange, noSuchBucket, noSuchKey, type S3Failure } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'

export interface GetObjectInput {
  readonly bucket: string
  readonly key: string
  readonly request: SignedRequest
  /** Only the object's metadata is wanted (HEAD). */
  readonly headOnly: boolean
}

export interface GetObjectDeps {
  readonly config: S3Config
  readonly store: ObjectStore
  readonly now: () => Date
}

export type GetObjectResult =
  | {
      readonly ok: true
      readonly object: StoredObject
      /** The bytes to send; `undefined` for HEAD. */
      readonly body: Readable | undefined
      readonly range: ObjectRange | undefined
    }
  | { readonly ok: false; readonly error: S3Failure }

/** GET and HEAD Object for a private bucket: the request must carry a valid SigV4 query signature. */
export async function getObject(input: GetObjectInput, deps: GetObjectDeps): Promise<GetObjectResult> {
  if (!deps.config.buckets.includes(input.bucket)) return { ok: false, error: noSuchBucket(input.bucket) }
  const auth = await verifyPresignedRequest(input.request, deps.config, deps.now())
  if (!auth.ok) return auth
  const object = await deps.store.head(input.bucket, input.key)
  if (object === undefined) return { ok: false, error: noSuchKey(input.key) }
  const range = parseByteRange(input.request.header('range'), object.size)
  if (range === 'unsatisfiable') return { ok: false, error: invalidRange(object.size) }
  if (input.headOnly) return { ok: true, object, body: undefined, range }
  const opened = await deps.store.open(input.bucket, input.key, range)
  if (opened === undefined) return { ok: false, error: noSuchKey(input.key) }
  return { ok: true, object: opened.object, body: opened.body, range }
}
