import { createContext, runInContext } from 'node:vm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchRealmGlobals } from './fetch-realm.js'
import { inProcessConnections } from './in-process-connections.js'
import { installUndiciRouter } from './undici-router.js'

const DISPATCHER = Symbol.for('undici.globalDispatcher.1')

/** A fetch of another realm, as a vm context's tests see the worker's own. */
function otherRealm() {
  const context = createContext({})
  const fetch = runInContext('(function fetch() {})', context) as typeof globalThis.fetch
  const global = runInContext('globalThis', context) as Record<symbol, unknown>
  return { fetch, global }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('fetchRealmGlobals', () => {
  it("is this realm's global alone when fetch is this realm's", () => {
    expect(fetchRealmGlobals()).toEqual([globalThis])
  })

  it("adds the realm fetch comes from when that is another's", () => {
    const other = otherRealm()
    vi.stubGlobal('fetch', other.fetch)
    const globals = fetchRealmGlobals()
    expect(globals).toHaveLength(2)
    expect(globals[0]).toBe(globalThis)
    expect(globals[1]).toBe(other.global)
  })
})

describe('installUndiciRouter', () => {
  it("routes the realm of another realm's fetch too, and puts it back", async () => {
    const other = otherRealm()
    vi.stubGlobal('fetch', other.fetch)
    const connections = inProcessConnections()
    const router = installUndiciRouter(
      Object.assign(() => undefined, { why: () => undefined }),
      connections,
      'error',
    )
    try {
      expect(other.global[DISPATCHER]).toBe(router.dispatcher)
    } finally {
      await router.uninstall()
    }
    // The realm had none before: it gets a dispatcher of its own, not the router.
    expect(other.global[DISPATCHER]).toBeDefined()
    expect(other.global[DISPATCHER]).not.toBe(router.dispatcher)
    expect((globalThis as unknown as Record<symbol, unknown>)[DISPATCHER]).not.toBe(router.dispatcher)
  })
})
