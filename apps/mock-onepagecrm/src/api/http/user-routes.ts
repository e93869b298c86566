import { cryptoRandomBytes } from '@crmkit/mock-kit'
import type { ApiDeps } from '../api-deps.js'
import { ok } from '../domain/api-failures.js'
import { changeAuthKey, getUser, updateUser } from '../domain/users.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { memberView } from './user-views.js'

/**
 * Users: the whole team unpaged as `data: [{user}]`, one as `data.user`, updates; and `POST
 * /change_auth_key`, 201 with the new `data.auth_key` (the spec).
 */
export function addUserRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('listUsers', { read: true }, (c) => {
    const caller = c.get('user')
    return respond(c, ok([...deps.state.users.values()]), (users) =>
      Promise.all(
        users.map(async (user) => ({ user: await memberView(viewContext(c, deps), user, caller) })),
      ),
    )
  })
  routes.on('getUser', { read: true }, (c) =>
    respond(c, getUser(crmContext(c, deps), c.req.param('user_id') ?? ''), async (user) => ({
      user: await memberView(viewContext(c, deps), user, c.get('user')),
    })),
  )
  routes.on(
    'updateUser',
    { query: ['partial'], body: ['first_name', 'last_name', 'company_name', 'bcc_email'] },
    async (c) => {
      const result = await changeWithBody(c, deps, (body) =>
        updateUser(crmContext(c, deps), c.req.param('user_id') ?? '', body, isPartial(c)),
      )
      return respond(c, result, async (user) => ({
        user: await memberView(viewContext(c, deps), user, c.get('user')),
      }))
    },
  )
  routes.on('changeAuthKey', {}, async (c) =>
    respond(
      c,
      await change(deps, changeAuthKey(crmContext(c, deps), deps.random ?? cryptoRandomBytes)),
      (user) => ({ auth_key: user.api_key }),
      true,
    ),
  )
}
