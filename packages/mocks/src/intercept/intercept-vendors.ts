import { Agent as HttpAgent, type Server } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { createMockHost } from '@crmkit/mock-kit'
import type { Dispatcher } from 'undici'
import { buildServices } from '../build-services.js'
import type { MocksInfo, ServiceName } from '../mocks-info.js'
import { type RunningMocks, running, type StartMocksOptions } from '../start-mocks.js'
import { inProcessConnections } from './in-process-connections.js'
import { nodeHttpIntercepted, patchNodeHttp } from './node-http-patch.js'
import type { UnmatchedRequests } from './unmatched-host.js'
import { VENDOR_HOSTS, vendorRoute } from './vendor-hosts.js'

export interface InterceptVendorsOptions extends Omit<StartMocksOptions, 'host' | 'ports'> {
  /**
   * A request to a host crmkit does not mock: `'error'` (default) fails it, naming the host, code
   * `ECRMKIT_UNMATCHED`; `'passthrough'` sends it on to the network as if nothing were intercepted.
   */
  readonly unmatched?: UnmatchedRequests | undefined
}

/** The mocks answering at the vendors' real addresses: their info (real URLs), journal, clock, and the undo. */
export interface InterceptedVendors extends RunningMocks {
  /**
   * The undici Dispatcher that routes the vendors' hosts to the mocks, for a client given its own
   * (`fetch(url, { dispatcher })`, `new Client(…)`) which the global one does not reach.
   */
  readonly dispatcher: Dispatcher
  /** Agents for node:http and node:https; any agent works while intercepting, these are for clients that want one. */
  readonly agents: { readonly http: HttpAgent; readonly https: HttpsAgent }
  /**
   * Ends the interception: the previous global dispatcher and agents back, every in-process connection
   * closed, the services stopped and their temporary files removed. The same as `close()`; safe to call twice.
   */
  restore(): Promise<void>
}

/** This copy's interception, from the call until restore() ends; other copies are seen by their patch. */
let active = false

/**
 * Starts the mocks in this process without a port and routes the vendors' real addresses to them:
 * `https://api.sharpspring.com`, `https://app.onepagecrm.com` and the S3 buckets
 * (`https://<bucket>.s3.<region>.amazonaws.com`, and path-style `https://s3.<region>.amazonaws.com/<bucket>`),
 * for fetch and undici (the global dispatcher) and for node:http/https (axios, got, …). Code with the real
 * URLs built in reaches the mocks unchanged. Uploads stream both ways; nothing is buffered whole. One
 * interception at a time in the process, whichever copy of this package made it.
 */
export function interceptVendors(
  options?: InterceptVendorsOptions & { readonly services?: undefined },
): Promise<InterceptedVendors & Required<MocksInfo>>
export function interceptVendors(options?: InterceptVendorsOptions): Promise<InterceptedVendors>
export async function interceptVendors(options: InterceptVendorsOptions = {}): Promise<InterceptedVendors> {
  if (active || nodeHttpIntercepted())
    throw new Error('interceptVendors(): the vendors are already intercepted; restore() that first.')
  active = true
  try {
    return await intercept(options)
  } catch (error) {
    active = false
    throw error
  }
}

async function intercept(options: InterceptVendorsOptions): Promise<InterceptedVendors> {
  const host = createMockHost({ clock: options.clock })
  const servers: Partial<Record<ServiceName, Server>> = {}
  const info = await buildServices(options, host, {
    place: async (service, name) => {
      servers[name] = (await host.attach(service)).server
      return name === 's3' ? '' : `https://${VENDOR_HOSTS[name]}`
    },
    // OnePageCRM's forms post to the bucket's real virtual-hosted URL, as the vendor's do.
    s3PublicUrl: (s3) => bucketOrigin(s3.config.buckets[0] ?? '', s3.config.region),
    s3InfoUrl: (s3) => `https://s3.${s3.config.region}.amazonaws.com`,
  })
  const route = vendorRoute(servers, info.s3)
  const connections = inProcessConnections()
  const unmatched = options.unmatched ?? 'error'
  // Loaded here, not with the package: undici is large, and `import '@crmkit/mocks'` stays quick for the
  // tests that only start the mocks on ports.
  const { installUndiciRouter } = await import('./undici-router.js')
  const router = installUndiciRouter(route, connections, unmatched)
  const unpatch = patchNodeHttp(route, connections, unmatched)
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
  const mocks = running(info, host)
  let restoring: Promise<void> | undefined
  const restore = () => {
    restoring ??= (async () => {
      unpatch()
      await router.uninstall()
      agents.http.destroy()
      agents.https.destroy()
      connections.destroyAll()
      await mocks.close()
      active = false
    })()
    return restoring
  }
  return { ...mocks, dispatcher: router.dispatcher, agents, restore, close: restore }
}

/** A bucket's virtual-hosted origin: `https://<bucket>.s3.<region>.amazonaws.com`. */
export function bucketOrigin(bucket: string, region: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com`
}
