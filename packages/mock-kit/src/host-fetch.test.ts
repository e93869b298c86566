import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { addAdminRoutes } from './admin-routes.js'
import { createManualClock } from './clock.js'
import { drainAfterAnswer } from './drain-after-answer.js'
import { hostFetch } from './host-fetch.js'
import { journalDetail, journalRequests } from './journal-middleware.js'
import { createRequestJournal, type RequestJournal } from './request-journal.js'
import type { FetchApp } from './start-server.js'

/** A vendor app with the answers that matter to a host: plain, refused, thrown, an HTTPException's. */
function vendorApp(): Hono {
  const app = new Hono()
  app.get('/contacts', (c) => c.json({ contacts: [] }))
  app.post('/rpc', (c) => {
    journalDetail(c.req.raw, { error: { code: '105', message: 'Invalid credentials' } })
    return c.json({ error: { code: 105 } })
  })
  app.get('/thrown', () => {
    throw new Error('a bug')
  })
  app.get('/refused', () => {
    throw new HTTPException(418, { message: 'teapot' })
  })
  app.get('/__vendor', (c) => c.text('a vendor path under /__'))
  return app
}

/** A service whose app lets failures escape, which a Hono app with its own error handler never does. */
function escaping(app: Hono): FetchApp {
  return {
    fetch: (request, env) => {
      const { pathname } = new URL(request.url)
      if (pathname === '/escaped') throw new Error('escaped')
      if (pathname === '/escaped-http') throw new HTTPException(409, { message: 'conflict' })
      return app.fetch(request, env)
    },
  }
}

/** The host's own app as `createMockHost` builds it: drain, journal, the admin API, then the service. */
function hostApp(service: FetchApp, journal: RequestJournal): Hono {
  const app = new Hono()
  app.use('*', drainAfterAnswer())
  app.use('*', journalRequests(journal, { service: 'api', clock: createManualClock(new Date(0)) }))
  addAdminRoutes(app, {
    journal,
    health: () => ({ status: 'ok' }),
    reset: async () => {},
    seed: async () => ({ ok: true, created: {} }),
  })
  app.all('*', (c) => service.fetch(c.req.raw, c.env as never))
  return app
}

async function answerOf(response: Response) {
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() }
}

describe('hostFetch', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('answers and journals every request as the host app alone does', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const requests: Array<[string, RequestInit?]> = [
      ['/contacts?secretKey=s&x=1'],
      ['/contacts', { method: 'HEAD' }],
      ['/rpc', { method: 'POST', body: '{}' }],
      ['/thrown'],
      ['/refused'],
      ['/missing'],
      ['/escaped'],
      ['/escaped-http'],
      ['/__vendor'],
      ['/__admin/health'],
      ['/__admin/nope'],
      // Hono decodes a path with a percent-encoded character before it routes: the admin API's to the host.
      ['/%5F%5Fadmin/health'],
      ['/__%61dmin/health'],
      ['/contacts%3F'],
      ['/__adminx'],
      ['//__admin/health'],
      ['/__admin'],
    ]
    const alone = createRequestJournal()
    const flat = createRequestJournal()
    const service = escaping(vendorApp())
    const reference = hostApp(service, alone)
    const served = hostFetch(hostApp(service, flat), service, flat, {
      service: 'api',
      clock: createManualClock(new Date(0)),
    })
    for (const [path, init] of requests) {
      const url = `http://127.0.0.1:4581${path}`
      const want = await answerOf(await reference.fetch(new Request(url, init)))
      const got = await answerOf(await served.fetch(new Request(url, init), {} as never))
      expect(got, path).toEqual(want)
    }
    const entries = (journal: RequestJournal) => journal.entries().map(({ durationMs: _, ...entry }) => entry)
    expect(entries(flat)).toEqual(entries(alone))
    expect(entries(flat).map((entry) => [entry.path, entry.status])).toEqual([
      ['/contacts?secretKey=[redacted]&x=1', 200],
      ['/contacts', 200],
      ['/rpc', 200],
      ['/thrown', 500],
      ['/refused', 418],
      ['/missing', 404],
      ['/escaped', 500],
      ['/escaped-http', 409],
      ['/__vendor', 200],
      ['/contacts%3F', 404],
      ['/__adminx', 404],
      ['//__admin/health', 404],
    ])
    expect(
      await (await served.fetch(new Request('http://127.0.0.1:4581/%5F%5Fadmin/health'), {} as never)).json(),
    ).toEqual({ status: 'ok' })
  })

  it('journals what is thrown that is not an Error as the 500 @hono/node-server answers, as the host app does', async () => {
    const app = new Hono()
    app.get('/odd', () => {
      throw 'not an Error'
    })
    const alone = createRequestJournal()
    const flat = createRequestJournal()
    const service: FetchApp = { fetch: (request, env) => app.fetch(request, env) }
    const reference = hostApp(service, alone)
    const served = hostFetch(hostApp(service, flat), service, flat, {
      service: 'api',
      clock: createManualClock(new Date(0)),
    })
    const url = 'http://127.0.0.1:4581/odd'
    await expect(reference.fetch(new Request(url))).rejects.toBe('not an Error')
    await expect(served.fetch(new Request(url), {} as never)).rejects.toBe('not an Error')
    expect(alone.entries().map((entry) => [entry.path, entry.status])).toEqual([['/odd', 500]])
    expect(flat.entries().map((entry) => [entry.path, entry.status])).toEqual([['/odd', 500]])
  })
})
