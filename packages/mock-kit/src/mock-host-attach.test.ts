import { request } from 'node:http'
import { type Duplex, duplexPair } from 'node:stream'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createMockHost, type MockHost } from './mock-host.js'
import type { MockService } from './mock-service.js'

function service(name: string): MockService {
  const app = new Hono()
  app.get('/hello', (c) => c.text(`hello from ${name} at ${c.req.header('host')}`))
  return {
    name,
    app,
    faultAnswers: {},
    reset: async () => {},
    seed: async () => ({ ok: false, error: 'no seed' }),
    close: async () => {},
  }
}

/** A GET over an in-process connection handed to `server`, as a test would send it over a socket. */
function get(server: import('node:http').Server, path: string, keep: Duplex[] = []) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: 'api.example.test',
        path,
        createConnection: () => {
          const [client, serverEnd] = duplexPair()
          keep.push(client)
          server.emit('connection', serverEnd)
          return client as never
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('MockHost.attach: a service on a server that never listens', () => {
  let host: MockHost | undefined
  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  it('answers in-process connections with the service, the health check and the journal', async () => {
    host = createMockHost()
    const { server } = await host.attach(service('alpha'))
    expect(server.listening).toBe(false)
    expect(await get(server, '/hello')).toEqual({
      status: 200,
      text: 'hello from alpha at api.example.test:80',
    })
    const health = await get(server, '/__admin/health')
    expect(JSON.parse(health.text)).toEqual({ status: 'ok', service: 'alpha', services: ['alpha'] })
    // The journal records the vendor's requests, not the admin API's.
    expect(host.journal.entries({}).map((entry) => [entry.service, entry.path])).toEqual([
      ['alpha', '/hello'],
    ])
  })

  it('close() destroys its open connections; a second service of the same name is refused', async () => {
    host = createMockHost()
    const { server } = await host.attach(service('alpha'))
    await expect(host.attach(service('alpha'))).rejects.toThrow('already served')
    const open: Duplex[] = []
    await get(server, '/hello', open)
    await host.close()
    expect(open.every((socket) => socket.destroyed)).toBe(true)
  })
})
