import { request } from 'node:http'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { addAdminRoutes } from './admin-routes.js'
import { createFaultInjector, injectFaults } from './faults.js'
import { journalRequests } from './journal-middleware.js'
import { createRequestJournal } from './request-journal.js'
import { type RunningServer, startServer } from './start-server.js'

function faultyApp() {
  const injector = createFaultInjector()
  const app = new Hono()
  const reached: string[] = []
  const journal = createRequestJournal()
  app.use('*', journalRequests(journal, { service: 'api', clock: () => new Date('2026-03-01T12:00:00Z') }))
  addAdminRoutes(app, {
    journal,
    reset: async () => {},
    seed: async () => ({ ok: false, error: 'no seeds here' }),
    faults: { injector, answers: { api: ['busy'] } },
  })
  app.use('*', injectFaults(injector, 'api', { busy: (fault, c) => c.text(`busy ${fault.id}`, 503) }))
  app.post('/upload', async (c) => {
    reached.push(await c.req.text())
    return c.text('stored')
  })
  return { app, reached, journal }
}

const arm = (app: Hono, fault: unknown) =>
  app.request('/__admin/faults', {
    method: 'POST',
    body: JSON.stringify(fault),
    headers: { 'content-type': 'application/json' },
  })

describe('faults', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('answers a named fault the given number of times, then lets requests through', async () => {
    const { app, reached } = faultyApp()
    expect((await arm(app, { fault: 'busy', path: '/upload', times: 2 })).status).toBe(201)
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await app.request('/upload', { method: 'POST', body: 'x' })).status)
    expect(statuses).toEqual([503, 503, 200])
    expect(reached).toEqual(['x'])
  })

  it('marks the journal entries a fault answered, and only those', async () => {
    const { app, journal } = faultyApp()
    await arm(app, { fault: 'busy', path: '/upload', times: 1 })
    await app.request('/upload', { method: 'POST', body: 'x' })
    await app.request('/upload', { method: 'POST', body: 'x' })
    expect(journal.entries().map((entry) => [entry.status, entry.fault])).toEqual([
      [503, 'busy'],
      [200, undefined],
    ])
  })

  it('refuses an unknown fault, field or service, naming what is allowed', async () => {
    const { app } = faultyApp()
    expect(await (await arm(app, { fault: 'explode' })).json()).toEqual({
      error: 'fault must be one of: reset, busy.',
    })
    expect((await arm(app, { fault: 'busy', when: 'now' })).status).toBe(400)
    expect(await (await arm(app, { fault: 'busy', service: 's3' })).json()).toEqual({
      error: 'service must be one of: api.',
    })
    expect((await arm(app, { fault: 'busy', times: 0 })).status).toBe(400)
  })

  it('lists armed faults and clears them', async () => {
    const { app } = faultyApp()
    await arm(app, { fault: 'busy', method: 'post' })
    const listed = (await (await app.request('/__admin/faults')).json()) as {
      faults: Array<{ method: string; service: string }>
    }
    expect(listed.faults).toEqual([expect.objectContaining({ method: 'POST', service: 'api', remaining: 1 })])
    await app.request('/__admin/faults', { method: 'DELETE' })
    expect((await app.request('/upload', { method: 'POST', body: 'x' })).status).toBe(200)
  })

  it('drops the connection mid-body on a real socket, and the route never sees the request', async () => {
    const { app, reached } = faultyApp()
    server = await startServer(app)
    await arm(app, { fault: 'reset', path: '/upload', afterBytes: 1000 })
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${server?.url}/upload`, {
        method: 'POST',
        headers: { 'content-length': '100000' },
      })
      req.on('response', (res) => resolve(`answered ${res.statusCode}`))
      req.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message))
      req.write(Buffer.alloc(50_000))
      setTimeout(() => req.end(Buffer.alloc(50_000)), 50)
    })
    expect(outcome).toMatch(/ECONNRESET|EPIPE/)
    expect(reached).toEqual([])
  })
})
