import { createServer } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createManualClock } from './clock.js'
import { createMockHost, type MockHost } from './mock-host.js'
import type { MockService } from './mock-service.js'

function service(name: string, log: string[]): MockService {
  const app = new Hono()
  app.get('/hello', (c) => c.text(`hello from ${name}`))
  return {
    name,
    app,
    faultAnswers: { busy: (_fault, c) => c.text('busy', 503) },
    reset: async () => {
      log.push(`reset ${name}`)
    },
    seed: async (body) => ({ ok: true, created: { [name]: body } }),
    close: async () => {
      log.push(`close ${name}`)
    },
  }
}

describe('createMockHost', () => {
  let host: MockHost | undefined
  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  it('serves each service on its port with health, one journal and one reset for all', async () => {
    const log: string[] = []
    host = createMockHost()
    const a = await host.serve(service('alpha', log))
    const b = await host.serve(service('beta', log))
    expect(await (await fetch(`${b.url}/__admin/health`)).json()).toEqual({
      status: 'ok',
      service: 'beta',
      services: ['alpha', 'beta'],
    })
    expect(await (await fetch(`${a.url}/hello`)).text()).toBe('hello from alpha')
    expect(await (await fetch(`${b.url}/hello`)).text()).toBe('hello from beta')
    const journal = (await (await fetch(`${a.url}/__admin/requests`)).json()) as {
      requests: Array<{ service: string }>
    }
    expect(journal.requests.map((r) => r.service)).toEqual(['alpha', 'beta'])
    const seeded = await fetch(`${b.url}/__admin/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    })
    expect(await seeded.json()).toEqual({ created: { beta: { x: 1 } } })
    await fetch(`${b.url}/__admin/reset`, { method: 'POST' })
    expect(log).toEqual(['reset alpha', 'reset beta'])
    expect(await (await fetch(`${a.url}/__admin/requests`)).json()).toMatchObject({ requests: [] })
    await host.close()
    expect(log.slice(2)).toEqual(['close beta', 'close alpha'])
  })

  it('moves one clock for every service over /__admin/clock, and a reset puts it back on its base', async () => {
    const log: string[] = []
    host = createMockHost({ clock: createManualClock(new Date('2026-03-01T12:00:00Z')) })
    const a = await host.serve(service('alpha', log))
    const b = await host.serve(service('beta', log))
    const post = (url: string, body: unknown) =>
      fetch(`${url}/__admin/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect(await (await fetch(`${b.url}/__admin/clock`)).json()).toEqual({
      now: '2026-03-01T12:00:00.000Z',
      frozen: false,
      offsetMs: 0,
    })
    expect(await (await post(a.url, { advance: 'PT1H' })).json()).toMatchObject({
      now: '2026-03-01T13:00:00.000Z',
    })
    // The services' runtime reads the same clock: moved from one port, it has moved for all.
    expect(host.runtime.clock().toISOString()).toBe('2026-03-01T13:00:00.000Z')
    expect(await (await post(b.url, { set: '2030-01-01T00:00:00+01:00' })).json()).toMatchObject({
      now: '2029-12-31T23:00:00.000Z',
    })
    expect(await (await post(b.url, { freeze: true })).json()).toMatchObject({ frozen: true })
    for (const bad of [
      {},
      { advance: 'PT1H30' },
      { advance: '-PT1H' },
      { set: '2030-01-01' },
      { freeze: true, real: true },
      { real: false },
      [],
    ]) {
      const refused = await post(a.url, bad)
      expect(refused.status, JSON.stringify(bad)).toBe(400)
      expect(((await refused.json()) as { error: string }).error).toMatch(/.+/)
    }
    expect(host.runtime.clock().toISOString()).toBe('2029-12-31T23:00:00.000Z')
    await fetch(`${a.url}/__admin/reset`, { method: 'POST' })
    expect(await (await fetch(`${a.url}/__admin/clock`)).json()).toEqual({
      now: '2026-03-01T12:00:00.000Z',
      frozen: false,
      offsetMs: 0,
    })
  })

  it('answers POST /__admin/provider-states with the states installed, for the service of the port', async () => {
    host = createMockHost()
    const a = await host.serve(service('alpha', []))
    const post = (body: string, type = 'application/json') =>
      fetch(`${a.url}/__admin/provider-states`, { method: 'POST', headers: { 'content-type': type }, body })
    const change = JSON.stringify({ state: 'a lead {id} exists', params: { id: 1 }, action: 'setup' })
    expect((await post(change)).status).toBe(404)
    const seen: Array<[string, unknown]> = []
    host.provideStates(async (name, body) => {
      seen.push([name, body])
      return { status: 200, body: { id: 1 } }
    })
    const answer = await post(change)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ id: 1 })
    expect(seen).toEqual([['alpha', JSON.parse(change)]])
    // The admin guard and the body limit still apply.
    expect((await post(change, 'text/plain')).status).toBe(415)
    expect((await post('not json')).status).toBe(400)
    expect((await post(JSON.stringify({ state: 'x'.repeat(70 * 1024) }))).status).toBe(413)
  })

  it('names the service whose port is taken, and closes that service', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as { port: number }).port
    const log: string[] = []
    host = createMockHost()
    try {
      await expect(host.serve(service('alpha', log), { port })).rejects.toMatchObject({
        message: expect.stringContaining(`alpha cannot listen on 127.0.0.1:${port}`),
        code: 'EADDRINUSE',
      })
      expect(log).toEqual(['close alpha'])
    } finally {
      taken.close()
    }
  })

  it('bounds its journal by the limits it is given', () => {
    host = createMockHost({ journalLimit: 5, journalMaxBytes: 4096 })
    expect(host.journal.bounds).toMatchObject({ limit: 5, maxBytes: 4096 })
  })
})
