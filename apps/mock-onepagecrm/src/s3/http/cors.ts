import type { Hono, MiddlewareHandler } from 'hono'
import { corsNotEnabled, corsOriginMissing } from '../domain/s3-failures.js'
import { type S3Env, s3Error } from './context.js'

const EXPOSED = 'ETag, Location, x-amz-request-id, x-amz-id-2, x-amz-version-id, x-amz-server-side-encryption'
const METHODS = 'GET, HEAD, POST, PUT, DELETE'

/**
 * CORS as a bucket with the rule `AllowedOrigin *, AllowedMethod GET/HEAD/POST/PUT/DELETE, AllowedHeader *` answers:
 * preflights succeed and answers to requests with an Origin carry `Access-Control-Allow-Origin: *`.
 * Switched off, preflights get S3's 403 CORSResponse, as on a bucket without CORS configuration.
 */
export function addCors(app: Hono<S3Env>, enabled: boolean): void {
  const decorate: MiddlewareHandler<S3Env> = async function corsHeaders(c, next) {
    await next()
    if (!enabled || c.req.header('origin') === undefined) return
    c.res.headers.set('Access-Control-Allow-Origin', '*')
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED)
    c.res.headers.append('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method')
  }
  app.use('*', decorate)
  app.options('*', (c) => {
    if (c.req.header('origin') === undefined) return s3Error(c, corsOriginMissing())
    if (!enabled) return s3Error(c, corsNotEnabled())
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': METHODS,
      'Access-Control-Max-Age': '3000',
    }
    const requested = c.req.header('access-control-request-headers')
    if (requested !== undefined) headers['Access-Control-Allow-Headers'] = requested
    return new Response(null, { status: 200, headers })
  })
}
