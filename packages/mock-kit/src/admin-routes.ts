import type { Env, Hono } from 'hono'
import type { FaultInjector } from './faults.js'
import type { RequestJournal } from './request-journal.js'

export interface AdminHandlers {
  readonly journal: RequestJournal
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
 * `GET /__admin/requests` (filters `service`, `method`, `path` prefix, `limit`), `POST /__admin/reset`,
 * `POST /__admin/seed`, and `GET|POST|DELETE /__admin/faults`. Answers are crmkit's own JSON, never the
 * vendor's envelope.
 */
export function addAdminRoutes<E extends Env>(app: Hono<E>, handlers: AdminHandlers): void {
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
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return c.json({ error: 'The body must be a JSON seed document.' }, 400)
    }
    const result = await handlers.seed(body)
    return result.ok ? c.json({ created: result.created }, 201) : c.json({ error: result.error }, 400)
  })
  const faults = handlers.faults
  if (faults !== undefined) {
    app.get('/__admin/faults', (c) => c.json({ faults: faults.injector.list(), answers: faults.answers }))
    app.post('/__admin/faults', async (c) => {
      let body: unknown
      try {
        body = await c.req.json()
      } catch {
        return c.json(
          { error: 'The body must be a JSON fault: {"fault": "reset", "path": "/…", "times": 1}.' },
          400,
        )
      }
      const added = faults.injector.add(body, faults.answers)
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
