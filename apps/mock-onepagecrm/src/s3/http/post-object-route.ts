import {
  journalDetail,
  journalMultipart,
  type MultipartOptions,
  parseMultipart,
  requestBodyStream,
} from '@crmkit/mock-kit'
import { type PostObjectDeps, postObject } from '../domain/post-object.js'
import type { StoredObject } from '../domain/stored-object.js'
import { requestOrigin, type S3Context, s3Error } from './context.js'
import { renderPostResponseXml } from './xml.js'

/**
 * `POST /{bucket}` (or `POST /` to `<bucket>.s3.<region>.amazonaws.com`): a browser upload, streamed from the socket through busboy into storage. The bucket is
 * the request target's, read once by `readRequestTarget`. The journal entry gets the explanation of the
 * answer: the decoded policy and every check S3 makes, in its order.
 */
export function postObjectRoute(
  deps: PostObjectDeps,
  journal?: { digests: boolean },
): (c: S3Context) => Promise<Response> {
  return async function handlePostObject(c) {
    const { bucket } = c.get('target').path
    const options: MultipartOptions = {
      contentType: c.req.header('content-type'),
      // S3 takes the part named `file` as the file, with or without a filename (docs/s3-post-policy-rules.md,
      // "Form fields"); any other part, filename or not, is a field. A part may come without a name.
      isFile: (name) => typeof name === 'string' && name.toLowerCase() === 'file',
      // One byte over the pre-file limit is enough to know the limit was passed. A name is form data too:
      // one longer than all S3 takes before the file is refused as such, not as a malformed body.
      fieldSize: deps.config.maxPreDataBytes + 1,
      maxNameBytes: deps.config.maxPreDataBytes,
      maxFilenameBytes: deps.config.maxPreDataBytes,
    }
    const parts = parseMultipart(
      requestBodyStream(c),
      journal === undefined ? options : journalMultipart(c.req.raw, options, journal),
    )
    const result = await postObject({ bucket, contentType: c.req.header('content-type'), parts }, deps)
    // The S3 POST explainer: why the form was accepted or refused, check by check.
    journalDetail(c.req.raw, { explanation: result.explanation })
    if (result.ok)
      return renderSuccess(c, result.object, result.successActionStatus, result.successActionRedirect)
    // A client that left gets no answer; the socket is already gone.
    if ('aborted' in result) return new Response(null, { status: 400 })
    return s3Error(c, result.error)
  }
}

/**
 * 303 to a usable redirect URL, else 200 / 201 (with PostResponse) / 204 by success_action_status
 * (docs/s3-post-policy-rules.md, "Success answers").
 */
function renderSuccess(
  c: S3Context,
  object: StoredObject,
  status: string | undefined,
  redirect: string | undefined,
) {
  // The object's URL in the addressing the form was posted with.
  const bucketPath = c.get('target').path.addressing === 'virtual-hosted' ? '' : `/${object.bucket}`
  const location = `${requestOrigin(c)}${bucketPath}/${encodeURIComponent(object.key)}`
  const headers: Record<string, string> = {
    ETag: object.etag,
    Location: location,
    'x-amz-server-side-encryption': 'AES256',
  }
  const target = redirectTarget(redirect)
  if (target !== undefined) {
    target.searchParams.append('bucket', object.bucket)
    target.searchParams.append('key', object.key)
    target.searchParams.append('etag', object.etag)
    return new Response(null, { status: 303, headers: { ...headers, Location: target.href } })
  }
  if (status === '201') {
    return new Response(renderPostResponseXml(location, object.bucket, object.key, object.etag), {
      status: 201,
      headers: { ...headers, 'Content-Type': 'application/xml' },
    })
  }
  return new Response(null, { status: status === '200' ? 200 : 204, headers })
}

/**
 * Only an absolute http(s) URL redirects; S3 ignores one it cannot interpret ([LS][DOC]). `URL` serialises
 * what it keeps as ASCII (spaces, quotes, non-ASCII and control characters escaped), so the Location
 * header can always carry it.
 */
function redirectTarget(redirect: string | undefined): URL | undefined {
  if (redirect === undefined || !URL.canParse(redirect)) return undefined
  const url = new URL(redirect)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
}
