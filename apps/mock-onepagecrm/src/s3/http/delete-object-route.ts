import { type DeleteObjectDeps, deleteObject } from '../domain/delete-object.js'
import { type S3Context, s3Error } from './context.js'
import { signedRequestOf } from './signed-request.js'

/** `DELETE /{bucket}/{key}`: DeleteObject, 204 whether or not the key named an object. */
export function deleteObjectRoute(deps: DeleteObjectDeps): (c: S3Context) => Promise<Response> {
  return async function handleDeleteObject(c) {
    const result = await deleteObject(signedRequestOf(c), deps)
    return result.ok ? new Response(null, { status: 204 }) : s3Error(c, result.error)
  }
}
