import type { Context, Env, Hono } from 'hono'
import { guardAdminRequests } from './admin-guard.js'
import { readBoundedBody } from './bounded-body.js'
import type { FaultInjector } from './faults.js'
import type { RequestJournal } from './request-journal.js'

/** The most bytes an admin request's body may have, by route; a longer one is refused with 413. */
export const ADMIN_BODY_LIMITS = {
  /** `POST /__admin/seed`: 10 MiB of seed document. */
  seed: 10 * 1024 * 1024,
  /** `POST /__admin/faults`: 16 KiB, a fault being a few short fields. */
  faults: 16 * 1024,
} as const

/** Faults armed at once at most: each is kept until it has caught its requests or is cleared. */
export const MAX_ARMED_FAULTS = 1000

export interface AdminHandlers {
  readonly journal: RequestJournal
  /** Serves `GET /__admin/health` with this JSON when given. */
  readonly health?: (() => unknown) | undefined
  /** Back to the state the mock started with: records, stored files and the journal. */
  reset(): Promise<void>
  /** Adds a seed document; an error message when it cannot be used (nothing is added then). */
  seed(body: unknown): Promise<{ ok: true; created: unknown } | { ok: false; error: string }>
  /** Serves `/__admin/faults` when given: the injector and the vendor answers its apps offer. */
  readonly faults?:
    | { readonly injector: FaultInjector; readonly answers: Readonly<Record<string, readonly string[]>> }
    | undefined
}

/**
 * The admin API every crmkit mock serves beside the vendor's (WireMock's `/__admin` convention):
 * `GET /__admin/health`, `GET /__admin/requests` (filters `service`, `method`, `path` prefix, `limit`),
 * `POST /__admin/reset`, `POST /__admin/seed`, and `GET|POST|DELETE /__admin/faults`. Answers are
 * crmkit's own JSON, never the vendor's envelope. Only same-origin JSON requests are answered
 * (`guardAdminRequests`); add these routes before any other `/__admin` route so the guard covers it.
 */
export function addAdminRoutes<E extends Env>(app: Hono<E>, handlers: AdminHandlers): void {
  app.use('/__admin/*', guardAdminRequests())
  const health = handlers.health
  if (health !== undefined) app.get('/__admin/health', (c) => c.json(health()))
  app.get('/__admin/requests', (c) => {
    const limit = c.req.query('limit')
    const requests = handlers.journal.entries({
      service: c.req.query('service'),
      method: c.req.query('method'),
      pathPrefix: c.req.query('path'),
      limit: limit === undefined || !/^\d+$/.test(limit) ? undefined : Number(limit),
    })
    return c.json({ requests, dropped: handlers.journal.dropped })
  })
  app.post('/__admin/reset', async (c) => {
    handlers.faults?.injector.clear()
    await handlers.reset()
    return c.json({ reset: true })
  })
  app.post('/__admin/seed', async (c) => {
    const body = await readJson(c, ADMIN_BODY_LIMITS.seed)
    if (!body.ok) return body.refusal ?? c.json({ error: 'The body must be a JSON seed document.' }, 400)
    const result = await handlers.seed(body.value)
    return result.ok ? c.json({ created: result.created }, 201) : c.json({ error: result.error }, 400)
  })
  const faults = handlers.faults
  if (faults !== undefined) {
    app.get('/__admin/faults', (c) => c.json({ faults: faults.injector.list(), answers: faults.answers }))
    app.post('/__admin/faults', async (c) => {
      const body = await readJson(c, ADMIN_BODY_LIMITS.faults)
      if (!body.ok)
        return (
          body.refusal ??
          c.json(
            { error: 'The body must be a JSON fault: {"fault": "reset", "path": "/…", "times": 1}.' },
            400,
          )
        )
      if (faults.injector.list().length >= MAX_ARMED_FAULTS)
        return c.json(
          { error: `${MAX_ARMED_FAULTS} faults are armed already; DELETE /__admin/faults clears them.` },
          400,
        )
      const added = faults.injector.add(body.value, faults.answers)
      return added.ok ? c.json({ fault: added.fault }, 201) : c.json({ error: added.error }, 400)
    })
    app.delete('/__admin/faults', (c) => {
      faults.injector.clear()
      return c.json({ cleared: true })
    })
  }
  app.all('/__admin/*', (c) =>
    c.json(
      {
        error: `No admin route ${c.req.method} ${new URL(c.req.url).pathname}; see GET /__admin/health, GET /__admin/requests, POST /__admin/reset, POST /__admin/seed, GET|POST|DELETE /__admin/faults.`,
      },
      404,
    ),
  )
}

/**
 * The body as JSON, read up to `limit` bytes (`readBoundedBody`): a longer one is refused with 413 and the
 * connection closed; a body that is not JSON gives no refusal, for the route to say what it expected.
 */
async function readJson(
  c: Context,
  limit: number,
): Promise<{ ok: true; value: unknown } | { ok: false; refusal?: Response }> {
  const body = await readBoundedBody(c, { limit })
  if (!body.ok) {
    if (body.reason === 'aborted') return { ok: false }
    c.header('Connection', 'close')
    return {
      ok: false,
      refusal: c.json({ error: `The body is larger than this route takes (${body.limit} bytes).` }, 413),
    }
  }
  try {
    return { ok: true, value: JSON.parse(body.bytes.toString('utf8')) }
  } catch {
    return { ok: false }
  }
}
