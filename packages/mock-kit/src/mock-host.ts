import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import { addAdminRoutes, type ProviderStatesHandler } from './admin-routes.js'
import { type Clock, cryptoRandomBytes, type RandomBytes, systemClock } from './clock.js'
import { drainAfterAnswer } from './drain-after-answer.js'
import { createFaultInjector, type FaultInjector } from './faults.js'
import { hostFetch } from './host-fetch.js'
import { createHostInspection } from './host-inspection.js'
import { journalRequests } from './journal-middleware.js'
import type { MockService, ServiceRuntime } from './mock-service.js'
import { createRequestJournal, type RequestJournal } from './request-journal.js'
import { createNodeServer, type RunningServer, type StartServerOptions, startServer } from './start-server.js'
import { createVirtualClock, type VirtualClock } from './virtual-clock.js'

export interface MockHostOptions {
  /** The base the process's clock runs on (default the system's); `/__admin/clock` moves it from there. */
  readonly clock?: Clock | undefined
  readonly random?: RandomBytes | undefined
  /** Requests the journal keeps (default 1000). */
  readonly journalLimit?: number | undefined
  /** Bytes the journal's entries may take in all (default 16 MiB; see `createRequestJournal`). */
  readonly journalMaxBytes?: number | undefined
}

/** A service being served: its server's URL and port. */
export interface HostedService {
  readonly name: string
  readonly url: string
  readonly port: number
}

/** A service on a server that never listens: its connections are handed to it in process. */
export interface AttachedService {
  readonly name: string
  /**
   * Never listening: give it a connection with `server.emit('connection', duplex)`. Its connections are
   * destroyed when the host closes.
   */
  readonly server: Server
}

/**
 * The services of one process (the CLI's, or a test's `startMocks`), each on its own port. They share one
 * request journal, one fault registry and one clock, so `/__admin/*` on any port sees all of them and a
 * reset puts all of them back together.
 */
export interface MockHost {
  readonly runtime: ServiceRuntime
  readonly journal: RequestJournal
  readonly faults: FaultInjector
  /** The services' one clock: what `/__admin/clock` reads and moves. */
  readonly clock: VirtualClock
  /** Serves `service` on its own port, behind the health check, the journal and the admin API. */
  serve(service: MockService, options?: StartServerOptions): Promise<HostedService>
  /**
   * The same service, health check, journal and admin API as `serve`, on an `http.Server` that never
   * listens: no port, no socket; connections come in process.
   */
  attach(service: MockService, options?: StartServerOptions): Promise<AttachedService>
  /**
   * Every service back to its start (demo data and seed, no files), the journal empty, no fault armed, the
   * clock back on its base.
   */
  reset(): Promise<void>
  /** Installs what `POST /__admin/provider-states` on every port answers with (none: 404). */
  provideStates(handler: ProviderStatesHandler | undefined): void
  /** Closes every server, then every service, the last served first. Safe to call twice. */
  close(): Promise<void>
}

export function createMockHost(options: MockHostOptions = {}): MockHost {
  const journal = createRequestJournal({ limit: options.journalLimit, maxBytes: options.journalMaxBytes })
  const faults = createFaultInjector()
  const clock = createVirtualClock(options.clock ?? systemClock)
  const runtime: ServiceRuntime = {
    journal,
    faults,
    clock,
    random: options.random ?? cryptoRandomBytes,
  }
  const served: Array<{ service: MockService; server: RunningServer }> = []
  const journalRequestsOf = (service: MockService) => ({ service: service.name, clock: runtime.clock })
  // Filled as services are served; the admin API reads it at each request, so every port offers the faults
  // of every service of the process.
  const answers: Record<string, readonly string[]> = {}
  // Every port's inspector reads every service of the process, as its journal does.
  const inspection = createHostInspection(() => served.map((entry) => entry.service))
  let closing: Promise<void> | undefined
  let providerStates: ProviderStatesHandler | undefined

  const reset = async () => {
    faults.clear()
    clock.real()
    for (const { service } of served) await service.reset()
    journal.clear()
  }

  /** The service behind the health check, the journal and the admin API, as served or attached. */
  const hostApp = (service: MockService) => {
    if (closing !== undefined) throw new Error('This mock host is closed.')
    if (served.some((entry) => entry.service.name === service.name))
      throw new Error(`A service named ${service.name} is already served.`)
    const app = new Hono()
    // An answer given before the body was read (a refusal from the head, a fault, an admin body too large)
    // waits for nothing, and the rest of the body is read and dropped after it, within bounds, so that a
    // client still sending gets the answer rather than a reset connection.
    app.use('*', drainAfterAnswer())
    app.use('*', journalRequests(journal, journalRequestsOf(service)))
    addAdminRoutes(app, {
      health: () => ({ status: 'ok', service: service.name, services: served.map((s) => s.service.name) }),
      journal,
      reset,
      seed: (body) => service.seed(body),
      faults: { injector: faults, answers },
      clock,
      inspection,
      service: service.name,
      providerStates: () => providerStates,
    })
    app.all('*', (c) => service.app.fetch(c.req.raw, c.env as HttpBindings))
    // The vendor's requests skip the host's app (see `hostFetch`): each goes through one Hono app.
    return hostFetch(app, service.app, journal, journalRequestsOf(service))
  }

  return {
    runtime,
    journal,
    faults,
    clock,
    async serve(service, serverOptions = {}) {
      const app = hostApp(service)
      const server = await startServer(app, serverOptions).catch(async (error: NodeJS.ErrnoException) => {
        await service.close()
        const where = `${serverOptions.host ?? '127.0.0.1'}:${serverOptions.port ?? 0}`
        throw Object.assign(new Error(`${service.name} cannot listen on ${where}: ${error.message}`), {
          code: error.code,
          cause: error,
        })
      })
      answers[service.name] = Object.keys(service.faultAnswers)
      served.push({ service, server })
      return { name: service.name, url: server.url, port: server.port }
    },
    async attach(service, serverOptions = {}) {
      const server = createNodeServer(hostApp(service), serverOptions)
      // A server that never listened cannot be closed (ERR_SERVER_NOT_RUNNING): its connections are
      // tracked and destroyed instead.
      const connections = new Set<Duplex>()
      server.on('connection', (socket: Duplex) => {
        connections.add(socket)
        socket.once('close', () => connections.delete(socket))
      })
      const close = async () => {
        for (const socket of connections) socket.destroy()
      }
      answers[service.name] = Object.keys(service.faultAnswers)
      served.push({ service, server: { url: '', host: '', port: 0, close } })
      return { name: service.name, server }
    },
    reset,
    provideStates(handler) {
      providerStates = handler
    },
    close() {
      closing ??= (async () => {
        for (const { server } of [...served].reverse()) await server.close()
        for (const { service } of [...served].reverse()) await service.close()
      })()
      return closing
    },
  }
}
