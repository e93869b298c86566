import { Agent, Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from 'undici'
import { fetchRealmGlobals } from './fetch-realm.js'
import type { InProcessConnections } from './in-process-connections.js'
import { type UnmatchedRequests, unmatchedHostError } from './unmatched-host.js'
import type { VendorRoute } from './vendor-hosts.js'

// Where undici (npm and Node's own, which fetch uses) keeps the global dispatcher. Node's fetch reads it at
// each request, so setting it takes effect at once; the property cannot be deleted, only set again.
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1')

/** The router installed as undici's global dispatcher, and how to put the previous one back. */
export interface InstalledRouter {
  readonly dispatcher: Dispatcher
  /** Puts the previous global dispatcher back, if the router is still the installed one. */
  uninstall(): Promise<void>
}

/**
 * Installs a Dispatcher that sends requests for the vendors' hosts to the mocks over in-process
 * connections (an undici Agent whose `connect` hands out `connections`), and the rest to the previous
 * global dispatcher or to an error. fetch, undici's `request`/`stream`/`fetch` and anything else on the
 * global dispatcher go through it.
 */
export function installUndiciRouter(
  route: VendorRoute,
  connections: InProcessConnections,
  unmatched: UnmatchedRequests,
): InstalledRouter {
  const inProcess = new Agent({
    connect(options, callback) {
      const https = options.protocol === 'https:'
      const server = route(options.hostname, Number(options.port) || (https ? 443 : 80))
      if (server === undefined) {
        const why = route.why(options.hostname, Number(options.port) || (https ? 443 : 80))
        process.nextTick(callback, unmatchedHostError(`${options.protocol}//${options.hostname}`, why), null)
        return
      }
      const socket = connections.open(server, https)
      // Called back on a later tick: undici 7 hangs on a connection handed over synchronously.
      process.nextTick(callback, null, socket as never)
    },
  })
  const previous =
    ((globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher | undefined) ??
    getGlobalDispatcher()

  class VendorRouter extends Dispatcher {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const origin = new URL(String(options.origin))
      const port = Number(origin.port) || (origin.protocol === 'https:' ? 443 : 80)
      if (route(origin.hostname, port) !== undefined) return inProcess.dispatch(options, handler)
      if (unmatched === 'passthrough') return previous.dispatch(options, handler)
      failRequest(handler, unmatchedHostError(origin.origin, route.why(origin.hostname, port)))
      return true
    }
    override async close(): Promise<void> {
      await inProcess.close()
    }
    override async destroy(): Promise<void> {
      await inProcess.destroy()
    }
  }

  const router = new VendorRouter()
  setGlobalDispatcher(router)
  // The realm of a fetch that is not this realm's own (a vm context's tests): its dispatcher too, put
  // back on restore. A realm whose fetch never ran has none yet, and gets a plain Agent back.
  const elsewhere = fetchRealmGlobals()
    .filter((realm) => realm !== (globalThis as unknown))
    .map((realm) => ({ realm, before: realm[GLOBAL_DISPATCHER] as Dispatcher | undefined }))
  for (const { realm } of elsewhere) setDispatcherOf(realm, router)
  let uninstalled: Promise<void> | undefined
  return {
    dispatcher: router,
    uninstall() {
      uninstalled ??= (async () => {
        // Only our own: another library may have installed its dispatcher since.
        if ((globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] === router)
          setGlobalDispatcher(previous)
        for (const { realm, before } of elsewhere)
          if (realm[GLOBAL_DISPATCHER] === router) setDispatcherOf(realm, before ?? new Agent())
        await inProcess.destroy().catch(() => {})
      })()
      return uninstalled
    },
  }
}

/** undici's own `setGlobalDispatcher`, on another realm's global: the property it defines, or sets again. */
function setDispatcherOf(realm: Record<symbol, unknown>, dispatcher: Dispatcher): void {
  if (Object.hasOwn(realm, GLOBAL_DISPATCHER)) realm[GLOBAL_DISPATCHER] = dispatcher
  else
    Object.defineProperty(realm, GLOBAL_DISPATCHER, {
      value: dispatcher,
      writable: true,
      enumerable: false,
      configurable: false,
    })
}

/** Fails a request through whichever handler API it speaks: undici 7's, or the legacy one Node's fetch uses. */
function failRequest(handler: Dispatcher.DispatchHandler, error: Error): void {
  const modern = handler as { onResponseError?: (controller: unknown, error: Error) => void }
  const legacy = handler as { onError?: (error: Error) => void }
  if (typeof modern.onResponseError === 'function')
    modern.onResponseError({ abort() {}, pause() {}, resume() {}, aborted: false, paused: false }, error)
  else legacy.onError?.(error)
}
