import { authenticateRequest, checkEmptyPayload } from './authenticate-request.js'
import type { SignedRequest } from './canonical-request.js'
import type { S3Config } from './config.js'
import type { HostedBuckets } from './hosted-buckets.js'
import { checkObjectKey } from './object-key.js'
import type { ObjectStore } from './object-store.js'
import { noSuchBucket, type S3Failure } from './s3-failures.js'
import { unsupportedParameter } from './unsupported-parameters.js'

export interface DeleteObjectDeps {
  readonly config: S3Config
  /** The buckets hosted now (configured, or added while it runs). */
  readonly buckets: HostedBuckets
  readonly store: ObjectStore
  readonly now: () => Date
}

/**
 * DeleteObject on an unversioned bucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html):
 * the object is gone, and a key that names nothing is no error ("If there isn't a null version, Amazon S3
 * does not remove any objects but will still respond that the command was successful"). Checked in this
 * order (inferred): bucket, key, signature, unsupported parameters.
 */
export async function deleteObject(
  request: SignedRequest,
  deps: DeleteObjectDeps,
): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: S3Failure }> {
  const { bucket, key } = request.path
  if (!deps.buckets.has(bucket)) return { ok: false, error: noSuchBucket(bucket) }
  const keyRefusal = checkObjectKey(key)
  if (keyRefusal !== undefined) return { ok: false, error: keyRefusal }
  const auth = await authenticateRequest(request, deps.config, deps.now())
  if (!auth.ok) return auth
  const refusal = checkEmptyPayload(auth) ?? unsupportedParameter('DeleteObject', request)
  if (refusal !== undefined) return { ok: false, error: refusal }
  await deps.store.delete(bucket, key)
  return { ok: true }
}
