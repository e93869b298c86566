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
    const body = detached(requestBodyStream(c))
    let result: Awaited<ReturnType<typeof putObject>>
    try {
      result = await putObject({ request: signedRequestOf(c), body: body.stream }, deps)
    } finally {
      body.release()
    }
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
 *
 * The stream has an error listener from the start: a client can go away while the signature is still being
 * checked, before anything reads the body (or after a refusal, when nothing ever will), and an `'error'`
 * with no listener would take the process down. Whoever reads the body still sees the error through
 * `pipeline`. `release` detaches it once the operation is over, whatever it read.
 */
function detached(source: Readable): { readonly stream: Readable; release(): void } {
  const body = new PassThrough()
  body.on('error', () => {})
  const onError = (error: Error) => body.destroy(error)
  const onClose = () => {
    if (!source.readableEnded) body.destroy(new Error('The client went away before the end of the body.'))
  }
  source.pipe(body)
  source.once('error', onError)
  source.once('close', onClose)
  return {
    stream: body,
    release() {
      source.unpipe(body)
      source.off('error', onError)
      source.off('close', onClose)
      if (!body.destroyed) body.destroy()
    },
  }
}
