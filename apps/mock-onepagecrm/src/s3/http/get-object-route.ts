import { Readable } from 'node:stream'
import type { Handler } from 'hono'
import { type GetObjectDeps, getObject } from '../domain/get-object.js'
import type { StoredObject } from '../domain/stored-object.js'
import { type S3Env, s3Error } from './context.js'

// Query parameters that override answer headers on a signed GET (AWS, GetObject "Overriding response header values").
const OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
]

/** `GET` and `HEAD /{bucket}/{key}`, authorised by a SigV4 pre-signed query. */
export function getObjectRoute(deps: GetObjectDeps): Handler<S3Env> {
  return async function handleGetObject(c) {
    const url = new URL(c.req.url)
    const bucket = c.req.param('bucket') ?? ''
    const rawKey = url.pathname.slice(bucket.length + 2)
    const query = [...url.searchParams.entries()]
    const result = await getObject(
      {
        bucket,
        key: decodeURIComponent(rawKey),
        headOnly: c.req.method === 'HEAD',
        request: {
          method: c.req.method,
          path: url.pathname,
          query,
          header: (name) =>
            name.toLowerCase() === 'host' ? (c.req.header('host') ?? url.host) : c.req.header(name),
        },
      },
      deps,
    )
    if (!result.ok) return s3Error(c, result.error)
    const { object, range } = result
    const headers = objectHeaders(object)
    for (const [param, header] of OVERRIDES) {
      const value = url.searchParams.get(param)
      if (value !== null) headers[header] = value
    }
    let status = 200
    if (range !== undefined) {
      status = 206
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`
      headers['Content-Length'] = String(range.end - range.start + 1)
    }
    const body = result.body === undefined ? null : (Readable.toWeb(result.body) as ReadableStream)
    return new Response(body, { status, headers })
  }
}

function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': object.contentType,
    'Content-Length': String(object.size),
    ETag: object.etag,
    'Last-Modified': new Date(object.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
    ...object.headers,
  }
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value
  if (object.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = object.storageClass
  if (object.tags.length > 0) headers['x-amz-tagging-count'] = String(object.tags.length)
  return headers
}
