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

/** The parameters of every action list (listActions less `contact_id` and `company_id`). */
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
 * `/actions/{id}` (get, update, delete and its undo), the state changes under `/actions/{id}/…`, a
 * contact's own `/contacts/{id}/actions`, and a company's `/companies/{id}/actions` (its contacts'). A
 * single action answers as `data.action`, a list as `{actions: [{action: …}], paging}`.
 */
export function addActionRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  /** A list of actions; `scope` overrides what the query says of contact and company (undocumented there). */
  const list = (
    c: ApiContext,
    operation: string,
    scope: Pick<ActionListRequest, 'contact_id' | 'company_id'>,
  ) => {
    const request: ActionListRequest = { ...c.req.query(), ...scope }
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

  routes.on('listActions', { query: [...LIST_QUERY, 'contact_id', 'company_id'], read: true }, (c) =>
    list(c, 'GET /actions', { contact_id: c.req.query('contact_id'), company_id: c.req.query('company_id') }),
  )
  routes.on('createAction', { body: ['contact_id', ...ACTION_FIELDS] }, (c) =>
    create(c, undefined, 'POST /actions'),
  )
  routes.on('listContactActions', { query: LIST_QUERY, read: true }, (c) =>
    list(c, 'GET /contacts/{contact_id}/actions', {
      contact_id: c.req.param('contact_id') ?? '',
      company_id: undefined,
    }),
  )
  routes.on('listCompanyActions', { query: LIST_QUERY, read: true }, (c) =>
    list(c, 'GET /companies/{company_id}/actions', {
      contact_id: undefined,
      company_id: c.req.param('company_id') ?? '',
    }),
  )
  routes.on('createContactAction', { body: ACTION_FIELDS }, (c) =>
    create(c, c.req.param('contact_id') ?? '', 'POST /contacts/{contact_id}/actions'),
  )
  routes.on('getAction', { read: true }, (c) =>
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
