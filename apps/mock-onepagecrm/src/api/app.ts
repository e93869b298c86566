import { CachedRouter, type FaultAnswers, faultsInFront, urlPath } from '@crmkit/mock-kit'
import { type Context, type Handler, Hono } from 'hono'
import type { ApiDeps } from './api-deps.js'
import { authenticate } from './domain/authenticate.js'
import { addAccountRoutes } from './http/account-routes.js'
import { addActionRoutes } from './http/action-routes.js'
import { addActivityRoutes } from './http/activity-routes.js'
import type { ApiEnv } from './http/api-env.js'
import { internalError, journalError, routeNotFound } from './http/api-errors.js'
import { addAttachmentRoutes } from './http/attachment-routes.js'
import { addBootstrapRoute } from './http/bootstrap-route.js'
import { addCompanyRoutes } from './http/company-routes.js'
import { addContactChangeRoutes } from './http/contact-change-routes.js'
import { addContactRoutes } from './http/contact-routes.js'
import { failure } from './http/envelope.js'
import { addFieldRoutes } from './http/field-routes.js'
import { addLookupRoutes } from './http/lookup-routes.js'
import { addNotificationRoutes } from './http/notification-routes.js'
import { OperationRoutes } from './http/operation-routes.js'
import { addPredefinedRoutes } from './http/predefined-routes.js'
import { addRelationshipRoutes } from './http/relationship-routes.js'
import { addStreamRoutes } from './http/stream-routes.js'
import { addUserRoutes } from './http/user-routes.js'

export const API_BASE_PATH = '/api/v3'

/** The API's name in the request journal and in `/__admin/faults`. */
export const ONEPAGECRM_SERVICE = 'onepagecrm'

/**
 * The OnePageCRM API v3 as a Hono app under `/api/v3`. It never listens; `createOnePageCrmService` hosts
 * it. Every path also answers with the `.json` suffix (http://developer.onepagecrm.com/, "Sending/Receiving
 * Data").
 */
export function createApiApp(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>({
    // Hundreds of routes with parameters, which Hono's TrieRouter looks up segment by segment: the same
    // request line is looked up once (bench/README.md, JSON API throughput).
    router: new CachedRouter(),
    getPath: (request) => {
      const pathname = urlPath(request.url)
      return pathname.endsWith('.json') ? pathname.slice(0, -'.json'.length) : pathname
    },
  })
  // In front of every handler, as middlewares would be but called in place: a route is then the one
  // handler its requests match, which Hono runs without composing a chain, and an answer ready at once
  // (a kept read's) is written without a turn of promises (bench/README.md, JSON API throughput).
  const faults =
    deps.faults === undefined ? undefined : faultsInFront(deps.faults, ONEPAGECRM_SERVICE, API_FAULT_ANSWERS)
  const withFaults = (c: Context<ApiEnv>, run: () => Response | Promise<Response>) =>
    faults === undefined ? run() : faults(c, run)
  /** The API's own checks before any route: the throttle, then the credentials. */
  const admit = (c: Context<ApiEnv>): Response | undefined => {
    const now = deps.clock()
    c.set('now', now)
    // The vendor's rack throttle runs before the app: a plain-text 403, credentials or not
    // (https://developer.onepagecrm.com/blog/api-rate-limit/).
    if (deps.config.throttle && !deps.limiter.allow(clientAddress(c.env), now)) return throttled(c)
    const user = authenticate(deps.state, c.req.header('authorization'))
    if (!user.ok) return failure(c, user.failure)
    c.set('user', user.value)
    return undefined
  }
  const front =
    (handler: Handler<ApiEnv>): Handler<ApiEnv> =>
    (c, next) =>
      withFaults(c, () => admit(c) ?? (handler(c, next) as Response | Promise<Response>))
  const api = app.basePath(API_BASE_PATH)
  const routes = new OperationRoutes(deps.renderedAnswers)
  addBootstrapRoute(routes, deps)
  addContactRoutes(routes, deps)
  addContactChangeRoutes(routes, deps)
  addCompanyRoutes(routes, deps)
  addActivityRoutes(routes, deps)
  addAttachmentRoutes(routes, deps)
  addLookupRoutes(routes, deps)
  addFieldRoutes(routes, deps)
  addUserRoutes(routes, deps)
  addPredefinedRoutes(routes, deps)
  addRelationshipRoutes(routes, deps)
  addAccountRoutes(routes, deps)
  addActionRoutes(routes, deps)
  addStreamRoutes(routes, deps)
  addNotificationRoutes(routes, deps)
  routes.mount(api, front)
  // No route matched: under /api/v3 the API's 404 (after its throttle and credentials), elsewhere a hint.
  const apiNotFound = front((c) =>
    c.json(journalError(c.req.raw, routeNotFound(c.req.method, urlPath(c.req.url))), 404),
  )
  app.notFound((c) =>
    isApiPath(urlPath(c.req.url))
      ? (apiNotFound(c, async () => {}) as Response | Promise<Response>)
      : withFaults(c, () =>
          c.text('Not Found: the OnePageCRM API is under /api/v3, the admin API under /__admin\n', 404),
        ),
  )
  app.onError((error, c) => {
    console.error(error)
    return c.json(journalError(c.req.raw, internalError()), 500)
  })
  return app
}

/**
 * improved-rack-throttle's answer with its defaults (https://github.com/bensomers/improved-rack-throttle):
 * plain text, no Retry-After.
 */
const throttled = (c: Context) => c.text('403 Forbidden (Rate Limit Exceeded)\n', 403)

/** The API's named faults for `/__admin/faults`. */
export const API_FAULT_ANSWERS: FaultAnswers = {
  throttle: (_fault, c) => throttled(c),
  'server-error': (_fault, c) => c.json(journalError(c.req.raw, internalError()), 500),
}

const isApiPath = (path: string) => path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`)

function clientAddress(env: ApiEnv['Bindings'] | undefined): string {
  return env?.incoming?.socket.remoteAddress ?? 'local'
}
