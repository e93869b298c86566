import type { ApiFailure, ApiResult } from '../domain/api-failures.js'
import { unixSeconds } from '../domain/time.js'
import type { ApiContext } from './api-env.js'
import { journalError, renderFailure } from './api-errors.js'

/**
 * `suppress_http_status=1` answers HTTP 200 whatever happened, the real status staying in the body
 * (FIDELITY.md, OnePageCRM "Basics"), for clients that cannot read a status code.
 */
function httpStatus(c: ApiContext, status: number): number {
  const suppress = c.req.query('suppress_http_status')
  return suppress === '1' || suppress === 'true' ? 200 : status
}

/**
 * The success envelope: body `status` 0, `message` `OK` or, for a 201, `Created` (the `Success` schema of
 * https://github.com/OnePageCRM/swagger).
 */
const UTF8 = new TextEncoder()

export function success(
  c: ApiContext,
  data: unknown,
  created = false,
  siblings: Readonly<Record<string, unknown>> = {},
): Response {
  const body = {
    status: 0,
    message: created ? 'Created' : 'OK',
    timestamp: unixSeconds(c.get('now')),
    data,
    ...siblings,
  }
  const status = httpStatus(c, created ? 201 : 200)
  // What `c.json` writes, encoded once: kept for a read route's next identical question
  // (`operation-routes.ts`), which is then answered without encoding it again.
  const bytes = UTF8.encode(JSON.stringify(body))
  c.set('rendered', { status, body: bytes })
  return c.body(bytes, status as 200, { 'Content-Type': 'application/json' })
}

export function failure(c: ApiContext, failure: ApiFailure): Response {
  const body = journalError(c.req.raw, renderFailure(failure))
  return c.json(body, httpStatus(c, body.status) as 400)
}

/**
 * Renders a result: its value through `view` on success, the failure table otherwise. `siblings` go beside
 * `data` (the bootstrap's lead sources, statuses, tags …).
 */
export async function respond<T>(
  c: ApiContext,
  result: ApiResult<T>,
  view: (value: T) => unknown | Promise<unknown>,
  created = false,
  siblings: Readonly<Record<string, unknown>> = {},
): Promise<Response> {
  if (!result.ok) return failure(c, result.failure)
  return success(c, await view(result.value), created, siblings)
}
