import { request } from 'node:http'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_BODY_LIMITS, addAdminRoutes, MAX_ARMED_FAULTS } from './admin-routes.js'
import { createFaultInjector } from './faults.js'
import { createMockHost, type HostedService, type MockHost } from './mock-host.js'
import type { MockService } from './mock-service.js'
import { createRequestJournal } from './request-journal.js'

const calls: string[] = []

const service: MockService = {
  name: 'alpha',
  app: new Hono().get('/hello', (c) => c.text('hello')),
  faultAnswers: { busy: (_fault, c) => c.text('busy', 503) },
  reset: async () => {
    calls.push('reset')
  },
  seed: async (body) => {
    calls.push(`seed ${JSON.stringify(body)}`)
    return { ok: true, created: body }
  },
  close: async () => {},
}

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** A raw HTTP/1.1 request, so that Host, Origin and the Sec-Fetch headers are exactly what a test says. */
function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

const JSON_TYPE = { 'content-type': 'application/json' }

describe('the admin API answers only same-origin JSON requests', () => {
  let host: MockHost
  let alpha: HostedService
  let origin: string
  beforeAll(async () => {
    host = createMockHost()
    alpha = await host.serve(service)
    origin = alpha.url
  })
  afterAll(() => host.close())
  beforeEach(() => {
    host.faults.clear()
    calls.length = 0
  })

  const armed = async () =>
    (JSON.parse((await send(`${origin}/__admin/faults`, 'GET')).body) as { faults: unknown[] }).faults

  it('refuses a text/plain POST (a cross-origin "simple" request), arming nothing', async () => {
    const fault = JSON.stringify({ fault: 'busy' })
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const answer = await send(`${origin}/__admin/faults`, 'POST', { 'content-type': type }, fault)
      expect(answer.status).toBe(415)
      expect(JSON.parse(answer.body)).toEqual({
        error:
          'The admin API takes JSON: send Content-Type: application/json (or no body and no Content-Type).',
      })
    }
    const seed = await send(`${origin}/__admin/seed`, 'POST', { 'content-type': 'text/plain' }, '{"x":1}')
    expect(seed.status).toBe(415)
    // A body without any Content-Type is not JSON either.
    expect((await send(`${origin}/__admin/reset`, 'POST', {}, 'x')).status).toBe(415)
    expect(await armed()).toEqual([])
    expect(calls).toEqual([])
  })

  it('refuses another Origin with 403, for reads and changes alike', async () => {
    const evil = { origin: 'http://evil.example', ...JSON_TYPE }
    const reset = await send(`${origin}/__admin/reset`, 'POST', evil)
    expect(reset.status).toBe(403)
    expect(JSON.parse(reset.body).error).toBe(
      `The admin API answers only same-origin requests: Origin "http://evil.example" is not ${origin}.`,
    )
    expect((await send(`${origin}/__admin/faults`, 'POST', evil, '{"fault":"busy"}')).status).toBe(403)
    expect((await send(`${origin}/__admin/seed`, 'POST', evil, '{"x":1}')).status).toBe(403)
    expect((await send(`${origin}/__admin/faults`, 'DELETE', evil)).status).toBe(403)
    expect((await send(`${origin}/__admin/requests`, 'GET', { origin: 'http://evil.example' })).status).toBe(
      403,
    )
    expect((await send(`${origin}/__admin/health`, 'GET', { origin: 'http://evil.example' })).status).toBe(
      403,
    )
    // Same host, another port or scheme, or an opaque origin: not this origin either.
    const port = new URL(origin).port
    for (const other of [`http://127.0.0.1:${Number(port) + 1}`, `https://127.0.0.1:${port}`, 'null'])
      expect((await send(`${origin}/__admin/reset`, 'POST', { origin: other })).status).toBe(403)
    expect(calls).toEqual([])
  })

  it('refuses Sec-Fetch-Site cross-site and same-site (another port of localhost is another origin)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await send(`${origin}/__admin/requests`, 'GET', { 'sec-fetch-site': site })).status).toBe(403)
      const reset = await send(`${origin}/__admin/reset`, 'POST', { 'sec-fetch-site': site, ...JSON_TYPE })
      expect(reset.status).toBe(403)
    }
    expect(calls).toEqual([])
  })

  it('refuses a Host that is not a loopback name on a loopback connection (DNS rebinding)', async () => {
    const port = new URL(origin).port
    const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` }
    const answer = await send(
      `${origin}/__admin/faults`,
      'POST',
      { ...rebound, ...JSON_TYPE },
      '{"fault":"busy"}',
    )
    expect(answer.status).toBe(403)
    expect(JSON.parse(answer.body).error).toContain('answers only loopback names')
    expect((await send(`${origin}/__admin/requests`, 'GET', { host: `evil.example:${port}` })).status).toBe(
      403,
    )
    expect(await armed()).toEqual([])
    // The vendor routes do not care about the Host.
    expect((await send(`${origin}/hello`, 'GET', { host: `evil.example:${port}` })).status).toBe(200)
  })

  it('answers a same-origin browser request, by 127.0.0.1 or by localhost', async () => {
    const port = new URL(origin).port
    for (const [hostHeader, pageOrigin] of [
      [`127.0.0.1:${port}`, origin],
      [`localhost:${port}`, `http://localhost:${port}`],
      [`LOCALHOST:${port}`, `http://localhost:${port}`],
    ] as const) {
      const browser = {
        host: hostHeader,
        origin: pageOrigin,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'cors',
      }
      const added = await send(
        `${origin}/__admin/faults`,
        'POST',
        { ...browser, ...JSON_TYPE },
        '{"fault":"busy"}',
      )
      expect(added.status).toBe(201)
      const read = await send(`${origin}/__admin/requests`, 'GET', browser)
      expect(read.status).toBe(200)
      expect(read.headers['access-control-allow-origin']).toBeUndefined()
    }
    // Typed in the address bar: no Origin, Sec-Fetch-Site none.
    expect((await send(`${origin}/__admin/faults`, 'GET', { 'sec-fetch-site': 'none' })).status).toBe(200)
    expect(await armed()).toHaveLength(3)
  })

  it('answers curl-style requests without Origin: a bare POST, JSON bodies, reads', async () => {
    expect((await send(`${origin}/__admin/reset`, 'POST')).status).toBe(200)
    expect((await send(`${origin}/__admin/reset`, 'POST', JSON_TYPE)).status).toBe(200)
    const seeded = await send(`${origin}/__admin/seed`, 'POST', JSON_TYPE, '{"x":1}')
    expect(seeded.status).toBe(201)
    const fault = await send(
      `${origin}/__admin/faults`,
      'POST',
      { 'content-type': 'application/json; charset=utf-8' },
      '{"fault":"busy"}',
    )
    expect(fault.status).toBe(201)
    expect((await send(`${origin}/__admin/faults`, 'DELETE')).status).toBe(200)
    expect((await send(`${origin}/__admin/requests`, 'GET')).status).toBe(200)
    expect(calls).toEqual(['reset', 'reset', 'seed {"x":1}'])
    // Node's own fetch, as the helpers and tests use it.
    expect((await fetch(`${origin}/__admin/reset`, { method: 'POST' })).status).toBe(200)
  })

  it('answers a CORS preflight without any CORS header, so a browser sends nothing after it', async () => {
    const preflight = await send(`${origin}/__admin/faults`, 'OPTIONS', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    })
    expect(preflight.status).toBe(403)
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([])
    expect(preflight.headers['x-content-type-options']).toBe('nosniff')
  })

  it('refuses a body over the route limit with 413, reading none of it', async () => {
    const declared = await send(
      `${origin}/__admin/seed`,
      'POST',
      { ...JSON_TYPE, 'content-length': String(ADMIN_BODY_LIMITS.seed + 1) },
      // Only the head is sent: the answer comes without waiting for the body.
    ).catch(() => undefined)
    expect(declared?.status).toBe(413)
    const big = JSON.stringify({ fault: 'busy', path: `/${'x'.repeat(ADMIN_BODY_LIMITS.faults)}` })
    const fault = await send(`${origin}/__admin/faults`, 'POST', JSON_TYPE, big)
    expect(fault.status).toBe(413)
    expect(JSON.parse(fault.body)).toEqual({
      error: `The body is larger than this route takes (${ADMIN_BODY_LIMITS.faults} bytes).`,
    })
    expect(await armed()).toEqual([])
    expect(calls).toEqual([])
  })
})

describe('addAdminRoutes', () => {
  function adminApp() {
    const app = new Hono()
    // A CORS middleware of the app's own, in front of everything: the admin answers still carry none.
    app.use('*', cors())
    const injector = createFaultInjector()
    addAdminRoutes(app, {
      journal: createRequestJournal(),
      reset: async () => {},
      seed: async () => ({ ok: false, error: 'no seeds' }),
      faults: { injector, answers: { api: ['busy'] } },
    })
    app.get('/vendor', (c) => c.text('vendor'))
    return app
  }

  it('strips CORS headers any middleware set, from admin answers only', async () => {
    const app = adminApp()
    const admin = await app.request('/__admin/requests', { headers: { origin: 'http://localhost' } })
    expect(admin.status).toBe(200)
    expect([...admin.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
    expect(admin.headers.get('cache-control')).toBe('no-store')
    const vendor = await app.request('/vendor', { headers: { origin: 'http://elsewhere.example' } })
    expect(vendor.headers.get('access-control-allow-origin')).toBe('*')
  })

  it(`keeps at most ${MAX_ARMED_FAULTS} armed faults`, async () => {
    const app = adminApp()
    const arm = () =>
      app.request('/__admin/faults', { method: 'POST', headers: JSON_TYPE, body: '{"fault":"busy"}' })
    for (let i = 0; i < MAX_ARMED_FAULTS; i++) expect((await arm()).status).toBe(201)
    const refused = await arm()
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      error: `${MAX_ARMED_FAULTS} faults are armed already; DELETE /__admin/faults clears them.`,
    })
  })
})
