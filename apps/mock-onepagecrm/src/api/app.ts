import { CachedRouter, type FaultAnswers, injectFaults, urlPath } from '@crmkit/mock-kit'
import { type Context, Hono } from 'hono'
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
  if (deps.faults !== undefined)
    app.use('*', injectFaults(deps.faults, ONEPAGECRM_SERVICE, API_FAULT_ANSWERS))
  const api = app.basePath(API_BASE_PATH)
  api.use('*', async (c, next) => {
    const now = deps.clock()
    c.set('now', now)
    // The vendor's rack throttle runs before the app: a plain-text 403, credentials or not
    // (https://developer.onepagecrm.com/blog/api-rate-limit/).
    if (deps.config.throttle && !deps.limiter.allow(clientAddress(c.env), now)) {
      return throttled(c)
    }
    const user = authenticate(deps.state, c.req.header('authorization'))
    if (!user.ok) return failure(c, user.failure)
    c.set('user', user.value)
    await next()
  })
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
  routes.mount(api)
  api.all('*', (c) =>
    c.json(journalError(c.req.raw, routeNotFound(c.req.method, new URL(c.req.url).pathname)), 404),
  )
  app.notFound((c) =>
    c.text('Not Found: the OnePageCRM API is under /api/v3, the admin API under /__admin\n', 404),
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

function clientAddress(env: ApiEnv['Bindings'] | undefined): string {
  return env?.incoming?.socket.remoteAddress ?? 'local'
}
