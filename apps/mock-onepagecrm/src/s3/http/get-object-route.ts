import { Readable } from 'node:stream'
import { type GetObjectDeps, getObject } from '../domain/get-object.js'
import { type S3Context, s3Error } from './context.js'
import { signedRequestOf } from './signed-request.js'

/**
 * `GET` and `HEAD /{bucket}/{key}` (GetObject, HeadObject), authorised by a SigV4 header or pre-signed query. The bucket, key and query are
 * the request target read once by `readRequestTarget`, the same ones the signature is checked over.
 */
export function getObjectRoute(deps: GetObjectDeps): (c: S3Context) => Promise<Response> {
  return async function handleGetObject(c) {
    const result = await getObject({ headOnly: c.req.method === 'HEAD', request: signedRequestOf(c) }, deps)
    if (!result.ok) return s3Error(c, result.error)
    try {
      const body = result.body === undefined ? null : (Readable.toWeb(result.body) as ReadableStream)
      return new Response(body, { status: result.status, headers: result.headers })
    } catch (error) {
      // Never leave the object's file open behind a failed answer.
      result.body?.destroy()
      throw error
    }
  }
}
