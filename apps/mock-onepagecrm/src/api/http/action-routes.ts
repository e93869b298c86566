import type { ApiDeps } from '../api-deps.js'
import { createAction, deleteAction, getAction, updateAction } from '../domain/actions.js'
import { type ActionListRequest, listActions } from '../domain/actions-list.js'
import {
  markActionAsDone,
  promoteAction,
  revertActionPromotion,
  swapAction,
  unassignAction,
  undoActionCompletion,
  unlinkAction,
} from '../domain/actions-moves.js'
import { readFlag } from '../domain/actions-query.js'
import { type ApiResult, invalid, invalidOrMissing } from '../domain/api-failures.js'
import type { CrmContext } from '../domain/crm-context.js'
import type { ActionRecord } from '../domain/records.js'
import { actionView } from './action-views.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial } from './request-context.js'

/** The Action fields a body sets (the spec's createAction and updateAction bodies, less `contact_id`). */
const ACTION_FIELDS = ['assignee_id', 'status', 'text', 'date', 'exact_time', 'position']

/** The listActions parameters the mock honours: all but `company_id` (companies are not emulated here). */
const LIST_QUERY = [
  'done',
  'status',
  'assignee_id',
  'date_filter',
  'since',
  'until',
  'modified_since',
  'unmodified_since',
  'sort_by',
  'order',
  'page',
  'per_page',
]

const one = (action: ActionRecord) => ({ action: actionView(action) })

/**
 * Actions (https://github.com/OnePageCRM/swagger, "Actions"): `/actions` (list, create),
 * `/actions/{id}` (get, update, delete and its undo), the state changes under `/actions/{id}/…`, and a
 * contact's own `/contacts/{id}/actions`. A single action answers as `data.action`, a list as
 * `{actions: [{action: …}], paging}`.
 */
export function addActionRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const list = (c: ApiContext, contactId: string | undefined, operation: string) => {
    const request: ActionListRequest = { ...c.req.query(), contact_id: contactId }
    return respond(c, listActions(crmContext(c, deps), request, operation), ({ items, ...page }) => ({
      actions: items.map(one),
      ...page,
    }))
  }
  const create = async (c: ApiContext, contactId: string | undefined, operation: string) => {
    const result = await changeWithBody(c, deps, (body) =>
      createAction(crmContext(c, deps), body, contactId, operation),
    )
    return respond(c, result, one, true)
  }
  const move = (run: (ctx: CrmContext, id: string) => ApiResult<ActionRecord>) => async (c: ApiContext) =>
    respond(c, await change(deps, run(crmContext(c, deps), c.req.param('action_id') ?? '')), one)

  routes.on('listActions', { query: [...LIST_QUERY, 'contact_id'] }, (c) =>
    list(c, c.req.query('contact_id'), 'GET /actions'),
  )
  routes.on('createAction', { body: ['contact_id', ...ACTION_FIELDS] }, (c) =>
    create(c, undefined, 'POST /actions'),
  )
  routes.on('listContactActions', { query: LIST_QUERY }, (c) =>
    list(c, c.req.param('contact_id') ?? '', 'GET /contacts/{contact_id}/actions'),
  )
  routes.on('createContactAction', { body: ACTION_FIELDS }, (c) =>
    create(c, c.req.param('contact_id') ?? '', 'POST /contacts/{contact_id}/actions'),
  )
  routes.on('getAction', {}, (c) =>
    respond(c, getAction(crmContext(c, deps), c.req.param('action_id') ?? ''), one),
  )
  routes.on(
    'updateAction',
    { query: ['partial', 'done'], body: ['contact_id', ...ACTION_FIELDS] },
    async (c) => {
      const done = readFlag(c.req.query('done'))
      if (done === null) return respond(c, invalid({ done: invalidOrMissing('done') }), one)
      const result = await changeWithBody(c, deps, (body) =>
        updateAction(crmContext(c, deps), c.req.param('action_id') ?? '', body, {
          partial: isPartial(c),
          done,
          operation: 'PUT /actions/{action_id}',
        }),
      )
      return respond(c, result, one)
    },
  )
  routes.on('deleteAction', { query: ['undo'] }, async (c) => {
    const undo = readFlag(c.req.query('undo'))
    if (undo === null) return respond(c, invalid({ undo: invalidOrMissing('undo') }), () => ({}))
    const result = deleteAction(crmContext(c, deps), c.req.param('action_id') ?? '', undo === true)
    return respond(c, await change(deps, result), () => ({}))
  })
  routes.on('unassignAction', {}, move(unassignAction))
  routes.on('markActionAsDone', {}, move(markActionAsDone))
  routes.on('undoActionCompletion', {}, move(undoActionCompletion))
  routes.on('unlinkAction', {}, move(unlinkAction))
  routes.on('promoteAction', {}, move(promoteAction))
  routes.on('revertActionPromotion', {}, move(revertActionPromotion))
  routes.on('swapAction', {}, move(swapAction))
}
