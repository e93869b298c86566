import type { Result, Router } from 'hono/router'
import { RegExpRouter } from 'hono/router/reg-exp-router'
import { SmartRouter } from 'hono/router/smart-router'
import { TrieRouter } from 'hono/router/trie-router'

/** Matches remembered at most, and the most characters of method and path they may hold in all. */
const MAX_MATCHES = 1024
const MAX_KEY_CHARS = 256 * 1024

/**
 * Hono's default router (a SmartRouter over RegExpRouter and TrieRouter, as `new Hono()` makes) that
 * remembers what it matched for each method and path: routes do not change once requests come, so the
 * same request line always matches the same routes, and a client repeats its request lines. For an app
 * of hundreds of routes with parameters, where Hono falls back to the TrieRouter, looking a path up again
 * costs more than the rest of a small request's routing. Hono only reads a match. What is remembered is
 * bounded in entries and in characters; past either bound it is forgotten and filled again.
 */
export class CachedRouter<T> implements Router<T> {
  readonly name = 'CachedRouter'
  readonly #router: Router<T>
  readonly #matches = new Map<string, Result<T>>()
  #keyChars = 0

  constructor(router: Router<T> = new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] })) {
    this.#router = router
  }

  add(method: string, path: string, handler: T): void {
    this.#forget()
    this.#router.add(method, path, handler)
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`
    let result = this.#matches.get(key)
    if (result === undefined) {
      result = this.#router.match(method, path)
      if (this.#matches.size >= MAX_MATCHES || this.#keyChars + key.length > MAX_KEY_CHARS) this.#forget()
      this.#matches.set(key, result)
      this.#keyChars += key.length
    }
    return result
  }

  #forget(): void {
    this.#matches.clear()
    this.#keyChars = 0
  }
}
