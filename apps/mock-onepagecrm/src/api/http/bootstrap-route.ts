import type { ApiDeps } from '../api-deps.js'
import { ok } from '../domain/api-failures.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { viewContext } from './request-context.js'
import { userView } from './views.js'

/**
 * `GET /bootstrap`: the caller, the rest of the team and the account type (the spec's Bootstrap). The
 * top-level lists beside `data` (lead sources, statuses, tags, counts, team stream) are not emulated.
 */
export function addBootstrapRoute(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('getBootstrap', {}, (c) => {
    const user = c.get('user')
    const view = viewContext(c, deps)
    return respond(c, ok(user), async () => ({
      user_id: user.id,
      auth_key: user.api_key,
      user: await userView(view, user),
      team: await Promise.all(
        [...deps.state.users.values()]
          .filter((member) => member.id !== user.id)
          .map((member) => userView(view, member)),
      ),
      account_type: 'pro',
    }))
  })
}
