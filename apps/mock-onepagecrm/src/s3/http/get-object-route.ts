import { Readable } from 'node:stream'
import { type GetObjectDeps, getObject } from '../domain/get-object.js'
import { type S3Context, s3Error } from './context.js'

/**
 * `GET` and `HEAD /{bucket}/{key}`, authorised by a SigV4 pre-signed query. The bucket, key and query are
 * the request target read once by `readRequestTarget`, the same ones the signature is checked over.
 */
export function getObjectRoute(deps: GetObjectDeps): (c: S3Context) => Promise<Response> {
  return async function handleGetObject(c) {
    const { path, query } = c.get('target')
    const result = await getObject(
      {
        headOnly: c.req.method === 'HEAD',
        request: {
          method: c.req.method,
          path,
          query,
          // Names come from X-Amz-SignedHeaders, which anyone can write: a name no header can have has no
          // value (the signature then fails), rather than the TypeError `Headers.get` throws for it.
          header: (name) => {
            if (!HEADER_NAME.test(name)) return undefined
            if (name.toLowerCase() === 'host') return c.req.header('host') ?? new URL(c.req.url).host
            return c.req.header(name)
          },
        },
      },
      deps,
    )
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

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
