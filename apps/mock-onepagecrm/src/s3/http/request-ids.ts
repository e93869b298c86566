import type { RandomBytes } from '@crmkit/mock-kit'
import type { MiddlewareHandler } from 'hono'
import type { S3Env } from './context.js'

/**
 * Gives every answer S3's request id headers: `x-amz-request-id` (16 upper-case hex digits) and
 * `x-amz-id-2` (base64), the same values the error XML carries as RequestId and HostId.
 */
export function requestIds(random: RandomBytes): MiddlewareHandler<S3Env> {
  return async function requestIdsMiddleware(c, next) {
    const requestId = Buffer.from(random(8)).toString('hex').toUpperCase()
    const hostId = Buffer.from(random(57)).toString('base64')
    c.set('requestId', requestId)
    c.set('hostId', hostId)
    await next()
    c.res.headers.set('x-amz-request-id', requestId)
    c.res.headers.set('x-amz-id-2', hostId)
  }
}
