import { createServer } from 'node:net'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
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
