import { type ListObjectsDeps, listObjectsV2 } from '../domain/list-objects-v2.js'
import { type S3Context, s3Error } from './context.js'
import { signedRequestOf } from './signed-request.js'
import { renderListBucketResult } from './xml.js'

/** `GET /{bucket}?list-type=2`: ListObjectsV2, header-signed or pre-signed. */
export function listObjectsRoute(deps: ListObjectsDeps): (c: S3Context) => Promise<Response> {
  return async function handleListObjects(c) {
    const request = signedRequestOf(c)
    const result = await listObjectsV2(request, request.path.bucket, deps)
    if (!result.ok) return s3Error(c, result.error)
    return new Response(renderListBucketResult(result.page), {
      status: 200,
      headers: { 'Content-Type': 'application/xml', 'x-amz-bucket-region': deps.config.region },
    })
  }
}
