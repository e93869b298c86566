import type { RenderedAnswers } from '@crmkit/mock-kit'
import { urlSearch } from '@crmkit/mock-kit'
import type { Handler, Hono, Next } from 'hono'
import { notEmulated } from '../domain/api-failures.js'
import type { ApiContext, ApiEnv } from './api-env.js'
import { DOCUMENTED_OPERATIONS } from './documented-operations.js'
import { respond } from './envelope.js'
import type { DocumentedOperation, HttpMethod } from './operation-types.js'

/** What a route honours of what its operation documents. */
export interface Emulation {
  /**
   * The documented query parameters it honours; any other documented one is refused. `{ except }`: every
   * documented one (the portal's conventions included) but those, for a route that honours nearly all.
   */
  readonly query?: readonly string[] | { readonly except: readonly string[] }
  /** The documented JSON body fields it honours; any other documented one is refused. */
  readonly body?: readonly string[]
  /**
   * A pure read: its answer depends on the state, the caller, the URL and the request's second only, and it
   * changes nothing (mock-kit's `createRenderedAnswers` keeps its answers). Every other route counts as a change.
   */
  readonly read?: boolean
}

/**
 * Parameters the vendor documents for every operation of a kind, on its developer portal rather than per
 * operation (the document's introduction: "partial updates (partial=true) and undo deletion (undo=true) —
 * are documented on the developer portal"; http://developer.onepagecrm.com/).
 */
function conventionParameters(method: HttpMethod): readonly string[] {
  switch (method) {
    case 'GET':
      return ['fields']
    case 'PUT':
    case 'PATCH':
      return ['partial']
    case 'DELETE':
      return ['undo']
    default:
      return []
  }
}

interface Route {
  readonly method: HttpMethod
  readonly path: string
  readonly handler: Handler<ApiEnv>
  readonly operation?: DocumentedOperation
  readonly emulation?: Emulation
}

/**
 * The API's routes by the vendor's operation ids. Every operation of the vendor's OpenAPI document is
 * either emulated (`on`) or, at `mount`, answered with a 501 naming it as not emulated — never a 404 that
 * looks like a wrong path, never a 200 that ignores it. A documented query parameter or body field a route
 * does not honour is refused the same way (FIDELITY.md, "No silent yes").
 */
export class OperationRoutes {
  readonly #routes: Route[] = []
  readonly #answers: RenderedAnswers | undefined

  /** With `answers`, read routes' answers are kept between changes (none: every request renders). */
  constructor(answers?: RenderedAnswers) {
    this.#answers = answers
  }

  readonly #byId = new Map(DOCUMENTED_OPERATIONS.map((operation) => [operation.id, operation]))
  readonly #emulated = new Set<string>()

  /** Emulates the documented operation `id` with `handler`. */
  on(id: string, emulation: Emulation, handler: Handler<ApiEnv>): void {
    const operation = this.#byId.get(id)
    if (operation === undefined) throw new Error(`No operation ${id} in the vendor's OpenAPI document`)
    if (this.#emulated.has(id)) throw new Error(`Operation ${id} is emulated twice`)
    this.#emulated.add(id)
    this.#routes.push({ method: operation.method, path: operation.path, handler, operation, emulation })
  }

  /** A route the document does not list but the service has (FIDELITY.md says which and why). */
  extra(method: HttpMethod, path: string, handler: Handler<ApiEnv>): void {
    this.#routes.push({ method, path, handler })
  }

  /** The ids of the emulated operations. */
  get emulated(): ReadonlySet<string> {
    return this.#emulated
  }

  /**
   * Registers every route on `app`, each behind `front` (the app's checks before any route), the
   * documented operations crmkit does not emulate included, most specific paths first: Hono tries routes
   * in the order they were added, and `/contacts/delete` must not be taken for a contact whose id is
   * `delete`.
   */
  mount(
    app: Hono<ApiEnv>,
    front: (handler: Handler<ApiEnv>) => Handler<ApiEnv> = (handler) => handler,
  ): void {
    const refusals: Route[] = DOCUMENTED_OPERATIONS.filter(
      (operation) => !this.#emulated.has(operation.id),
    ).map((operation) => ({
      method: operation.method,
      path: operation.path,
      operation,
      handler: (c) => respond(c, notEmulated(`${operation.method} ${operation.path}`), () => ({})),
    }))
    const routes = [...this.#routes, ...refusals].sort((a, b) => comparePaths(a.path, b.path))
    const answers = this.#answers
    for (const route of routes) {
      const path = route.path.replaceAll(/\{(\w+)\}/g, ':$1')
      // One handler per route, the checks in front of it included: every middleware is a layer of promises
      // that each request of the route goes through (bench/README.md, JSON API throughput).
      app.on(route.method, path, front(routeHandler(route, answers)))
    }
  }
}

/** A route's handler behind its refusals of what it does not emulate, and its kept answers or change count. */
function routeHandler(route: Route, answers: RenderedAnswers | undefined): Handler<ApiEnv> {
  const { operation, emulation, handler } = route
  const refuse =
    operation === undefined || emulation === undefined ? undefined : refuseUnemulated(operation, emulation)
  const guarded =
    answers === undefined
      ? handler
      : emulation?.read === true
        ? keepReadAnswers(answers, handler)
        : countChange(answers, handler)
  if (refuse === undefined) return guarded
  return (c, next) => refuse(c) ?? guarded(c, next)
}

/**
 * The check in front of an emulated route: a 501 naming the documented query parameters it does not
 * honour, else it notes the documented body fields it does not honour (for `changeWithBody`) and lets the
 * route run. What is refused is worked out once, when the route is mounted, not on every request.
 */
function refuseUnemulated(
  operation: DocumentedOperation,
  emulation: Emulation,
): (c: ApiContext) => Response | Promise<Response> | undefined {
  const documented = new Set([...operation.query, ...conventionParameters(operation.method)])
  const query = emulation.query ?? []
  const honoured =
    'except' in query
      ? (name: string) => !query.except.includes(name)
      : (name: string) => query.includes(name)
  const unhonouredQuery = new Set([...documented].filter((name) => !honoured(name)))
  const name = `${operation.method} ${operation.path}`
  const honouredFields = new Set(emulation.body ?? [])
  const unemulatedFields = {
    operation: name,
    fields: operation.body.filter((field) => !honouredFields.has(field)),
  }
  return (c) => {
    // Read from the URL's text: most requests have no query, and parsing a URL each time is a cost.
    const search = unhonouredQuery.size > 0 ? urlSearch(c.req.url) : ''
    if (search !== '') {
      const refused: Record<string, string> = {}
      let any = false
      for (const parameter of new URLSearchParams(search).keys()) {
        if (unhonouredQuery.has(parameter)) {
          refused[parameter] = `${parameter} is not emulated by crmkit`
          any = true
        }
      }
      if (any) return respond(c, notEmulated(name, refused), () => ({}))
    }
    c.set('unemulatedFields', unemulatedFields)
    return undefined
  }
}

/**
 * A route that may change the state: what was kept is dropped as it starts and as it ends, and nothing is
 * kept while it runs (it may touch the state after a pause: its body read, the state saved).
 */
function countChange(answers: RenderedAnswers, handler: Handler<ApiEnv>): Handler<ApiEnv> {
  return async (c, next) => {
    const ended = answers.beginChange()
    try {
      return await handler(c, next)
    } finally {
      ended()
    }
  }
}

/**
 * A read route: its answer kept for this caller, URL and second, else the route runs with its time cut to
 * the second (so that what it renders is what the key says) and its success kept.
 */
function keepReadAnswers(answers: RenderedAnswers, handler: Handler<ApiEnv>): Handler<ApiEnv> {
  const render = async (c: ApiContext, next: Next, key: string, second: number) => {
    const revision = answers.revision
    c.set('now', new Date(second * 1000))
    const response = await handler(c, next)
    const rendered = c.get('rendered')
    if (rendered !== undefined) answers.keep(key, second, revision, rendered)
    return response
  }
  // Not async itself: a kept answer is returned as it is, in this turn.
  return (c, next) => {
    const second = Math.floor(c.get('now').getTime() / 1000)
    const key = `${c.get('user').id} ${c.req.method} ${c.req.url}`
    const found = answers.find(key, second)
    if (found !== undefined) return c.body(found.body, found.status as 200, JSON_TYPE)
    return render(c, next, key, second)
  }
}

const JSON_TYPE = { 'Content-Type': 'application/json' }

/**
 * Static segments before parameters, segment by segment (static ones by their text), shorter paths first:
 * a total order, so the sort is consistent however many routes there are (a comparator that called
 * `/contacts/delete` and `/deals` equal let `/contacts/{contact_id}` land before `/contacts/delete`).
 */
function comparePaths(a: string, b: string): number {
  const left = a.split('/')
  const right = b.split('/')
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [l, r] = [left[index] as string, right[index] as string]
    const leftParameter = l.startsWith('{')
    const rightParameter = r.startsWith('{')
    if (leftParameter !== rightParameter) return leftParameter ? 1 : -1
    if (!leftParameter && l !== r) return l < r ? -1 : 1
  }
  return left.length - right.length
}
