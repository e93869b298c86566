import { Agent, createServer, request, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { inProcessConnections } from './in-process-connections.js'

// The in-memory connection as node:http's client and server see it: a socket's timeouts and closes.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const connections = inProcessConnections()
const servers: Server[] = []
afterEach(() => {
  connections.destroyAll()
  for (const server of servers.splice(0)) server.close()
})

/** A server that never listens, answering 'ok' (or never, for `/stall`), and an agent whose connections reach it in memory. */
function setup(options: { idleMs?: number } = {}) {
  // No keep-alive limit: the idle limit alone ends an unused connection (and no Keep-Alive hint is sent).
  const server = createServer({ keepAliveTimeout: 0 }, (req, res) => {
    if (req.url === '/stall') return
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  if (options.idleMs !== undefined) server.setTimeout(options.idleMs)
  servers.push(server)
  const agent = new Agent({ keepAlive: true })
  Object.assign(agent, { createConnection: () => connections.open(server, false) })
  const get = (path = '/', timeout?: number) =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = request({ host: 'vendor.test', path, agent, timeout }, (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }))
      })
      req.on('timeout', () => req.destroy(new Error('timed out')))
      req.on('error', reject)
      req.end()
    })
  return { agent, get }
}

describe('inProcessConnections', () => {
  it("a kept-alive connection the server closes for idling leaves the client's pool; the next request opens another", async () => {
    // Node's server destroys a connection idle for server.timeout, as the mocks' hosts do after idleMs.
    const { agent, get } = setup({ idleMs: 150 })
    expect(await get()).toEqual({ status: 200, reused: false })
    // Pooled once its request is sent, on a later turn.
    await sleep(10)
    expect(await get()).toEqual({ status: 200, reused: true })
    await sleep(400)
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(0)
    expect(await get()).toEqual({ status: 200, reused: false })
  })

  it("emits 'timeout' once nothing has moved for the time set, and not while bytes move", async () => {
    const { get } = setup()
    const started = Date.now()
    await expect(get('/stall', 100)).rejects.toThrow('timed out')
    expect(Date.now() - started).toBeGreaterThanOrEqual(95)
    // An answer within the time: no timeout.
    expect(await get('/', 100)).toMatchObject({ status: 200 })
  })
})
