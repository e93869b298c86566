import { PassThrough, type Readable } from 'node:stream'
import { requestBodyStream } from '@crmkit/mock-kit'
import { type PutObjectDeps, putObject } from '../domain/put-object.js'
import { type S3Context, s3Error } from './context.js'
import { signedRequestOf } from './signed-request.js'

/**
 * `PUT /{bucket}/{key}`: PutObject, header-signed (the SDK's own command) or pre-signed (`getSignedUrl`), the
 * body streamed from the socket into storage.
 */
export function putObjectRoute(deps: PutObjectDeps): (c: S3Context) => Promise<Response> {
  return async function handlePutObject(c) {
    const result = await putObject(
      { request: signedRequestOf(c), body: detached(requestBodyStream(c)) },
      deps,
    )
    if (result.ok) {
      const { object } = result
      const headers: Record<string, string> = { ETag: object.etag, 'x-amz-server-side-encryption': 'AES256' }
      if (object.checksum !== undefined) {
        headers[`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`] = object.checksum.value
        headers['x-amz-checksum-type'] = 'FULL_OBJECT'
      }
      return new Response(null, { status: 200, headers })
    }
    // A client that left gets no answer; the socket is already gone.
    if ('aborted' in result) return new Response(null, { status: 400 })
    return s3Error(c, result.error)
  }
}

/**
 * The body behind a stream of its own, so that a refusal part-way (a broken `aws-chunked` frame) does not
 * destroy the socket's request: the answer goes out and the rest of the body is drained after it
 * (mock-kit's `drainAfterAnswer`). A client that goes away still ends the upload.
 */
function detached(source: Readable): Readable {
  const body = new PassThrough()
  source.pipe(body)
  source.once('error', (error) => body.destroy(error))
  source.once('close', () => {
    if (!source.readableEnded) body.destroy(new Error('The client went away before the end of the body.'))
  })
  return body
}
