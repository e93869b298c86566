import type { Env, Hono } from 'hono'
import type { RequestJournal } from './request-journal.js'

export interface AdminHandlers {
  readonly journal: RequestJournal
  /** Back to the state the mock started with: records, stored files and the journal. */
  reset(): Promise<void>
  /** Adds a seed document; an error message when it cannot be used (nothing is added then). */
  seed(body: unknown): Promise<{ ok: true; created: unknown } | { ok: false; error: string }>
}

/**
 * The admin API every crmkit mock serves beside the vendor's (WireMock's `/__admin` convention):
 * `GET /__admin/requests` (filters `service`, `method`, `path` prefix, `limit`), `POST /__admin/reset`,
 * `POST /__admin/seed`. Answers are crmkit's own JSON, never the vendor's envelope.
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
  app.all('/__admin/*', (c) =>
    c.json(
      {
        error: `No admin route ${c.req.method} ${new URL(c.req.url).pathname}; see GET /__admin/requests, POST /__admin/reset, POST /__admin/seed.`,
      },
      404,
    ),
  )
}
