/**
 * The globals whose undici dispatcher Node's fetch reads: this realm's, and the realm `fetch` itself comes
 * from when that is another. vitest's `vmThreads` and `vmForks` pools run a test file in a `node:vm`
 * context that is handed the worker's own `fetch`: that fetch reads the worker's global, never the
 * context's, so a dispatcher set only here would leave it reaching the network.
 */
export function fetchRealmGlobals(): Record<symbol, unknown>[] {
  const here = globalThis as unknown as Record<symbol, unknown>
  const fetchFunction: unknown = globalThis.fetch
  if (typeof fetchFunction !== 'function') return [here]
  // Every function's `call` is its own realm's Function.prototype.call, whose constructor is that realm's
  // Function: the one way to reach a realm's global from a function of it.
  const RealmFunction = (fetchFunction as { call: { constructor: unknown } }).call
    .constructor as FunctionConstructor
  if (RealmFunction === Function) return [here]
  const there = RealmFunction('return globalThis')() as Record<symbol, unknown>
  return there === here ? [here] : [here, there]
}
