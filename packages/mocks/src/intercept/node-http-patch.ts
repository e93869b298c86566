import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Duplex } from 'node:stream'
import type { InProcessConnections } from './in-process-connections.js'
import { type UnmatchedRequests, unmatchedHostError } from './unmatched-host.js'
import type { VendorRoute } from './vendor-hosts.js'

type CreateConnection = (
  options: Record<string, unknown>,
  callback?: (error: Error | null, socket?: Duplex) => void,
) => Duplex | undefined

/**
 * Marks crmkit's `createConnection`: node:http is one per process, shared by every copy of this module (a
 * second install of the package, a test runner's module registry per file), and the mark tells them all.
 */
const CRMKIT_PATCH = Symbol.for('crmkit.interceptVendors.createConnection')

/** Whether some copy of crmkit has patched node:http or node:https and not undone it. */
export function nodeHttpIntercepted(): boolean {
  return [HttpAgent.prototype, HttpsAgent.prototype].some((prototype) => {
    const connect = (prototype as unknown as { createConnection?: unknown }).createConnection
    return typeof connect === 'function' && CRMKIT_PATCH in connect
  })
}

/**
 * Patches `http.Agent.prototype.createConnection` and `https.Agent.prototype.createConnection`, so that
 * every request of node:http and node:https (axios, got, node-fetch, superagent… through the global agents,
 * their own agents, or `agent: false`) to a vendor's host gets an in-process connection to its mock. An
 * agent that brings its own `createConnection` (proxy agents) is not reached. Returns the undo.
 */
export function patchNodeHttp(
  route: VendorRoute,
  connections: InProcessConnections,
  unmatched: UnmatchedRequests,
): () => void {
  const undo: Array<() => void> = []
  for (const [prototype, defaultPort, encrypted] of [
    [HttpAgent.prototype, 80, false],
    [HttpsAgent.prototype, 443, true],
  ] as const) {
    const holder = prototype as unknown as { createConnection: CreateConnection }
    const original = holder.createConnection
    const patched: CreateConnection = function (this: unknown, options, callback) {
      const host = String(options.host ?? options.hostname ?? 'localhost')
      const port = Number(options.port) || defaultPort
      const server = route(host, port)
      if (server !== undefined) {
        const socket = connections.open(server, encrypted)
        // As net.connect() does with the request's or the agent's `timeout`.
        if (Number(options.timeout) > 0) socket.setTimeout(Number(options.timeout))
        return socket
      }
      if (unmatched === 'passthrough') return original.call(this, options, callback)
      // The origin as fetch's error names it: the port only when it is not the scheme's own.
      const origin = `${encrypted ? 'https' : 'http'}://${host}${port === defaultPort ? '' : `:${port}`}`
      const error = unmatchedHostError(origin, route.why(host, port))
      if (callback === undefined) throw error
      process.nextTick(callback, error)
      return undefined
    }
    Object.defineProperty(patched, CRMKIT_PATCH, { value: true })
    holder.createConnection = patched
    undo.push(() => {
      // Only our own: whatever patched it after us stays.
      if (holder.createConnection === patched) holder.createConnection = original
    })
  }
  return () => {
    for (const step of undo) step()
  }
}
