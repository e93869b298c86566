import type { ApiDeps } from '../api-deps.js'
import type { ApiResult } from '../domain/api-failures.js'
import {
  assignContactTag,
  changeContactOwner,
  changeContactStatus,
  closeSalesCycle,
  reopenSalesCycle,
  splitContact,
  starContact,
  unassignContactTag,
} from '../domain/contact-changes.js'
import { deleteContactPhoto, setContactPhoto } from '../domain/contact-photo.js'
import type { ContactRecord } from '../domain/records.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, viewContext } from './request-context.js'
import { contactEntryView } from './views.js'

/**
 * The contact shortcuts (star, unstar, status, owner, tags, sales cycle, split) and the contact photo, each
 * answering the contact as changed (https://github.com/OnePageCRM/swagger; the photo's answer is
 * `data.contact` alone, as the spec's createContactPhoto documents).
 */
export function addContactChangeRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const id = (c: ApiContext) => c.req.param('contact_id') ?? ''
  const answer = async (c: ApiContext, result: Promise<ApiResult<ContactRecord>>, created = false) =>
    respond(c, await result, (contact) => contactEntryView(viewContext(c, deps), contact), created)
  const photoAnswer = async (c: ApiContext, result: Promise<ApiResult<ContactRecord>>, created = false) =>
    respond(
      c,
      await result,
      async (contact) => ({ contact: (await contactEntryView(viewContext(c, deps), contact)).contact }),
      created,
    )

  for (const [operation, starred] of [
    ['starContact', true],
    ['unstarContact', false],
  ] as const) {
    routes.on(operation, {}, (c) => answer(c, change(deps, starContact(crmContext(c, deps), id(c), starred))))
  }
  routes.on('changeContactStatus', {}, (c) =>
    answer(c, change(deps, changeContactStatus(crmContext(c, deps), id(c), c.req.param('status_id') ?? ''))),
  )
  routes.on('changeContactOwner', {}, (c) =>
    answer(c, change(deps, changeContactOwner(crmContext(c, deps), id(c), c.req.param('owner_id') ?? ''))),
  )
  routes.on('assignContactTag', {}, (c) =>
    answer(c, change(deps, assignContactTag(crmContext(c, deps), id(c), tagName(c)))),
  )
  routes.on('unassignContactTag', {}, (c) =>
    answer(c, change(deps, unassignContactTag(crmContext(c, deps), id(c), tagName(c)))),
  )
  // Without actions in the mock, closing never meets the spec's "active (not complete) actions", and a
  // force close has none to delete.
  for (const operation of ['closeContactSalesCycle', 'forceCloseContactSalesCycle']) {
    routes.on(operation, { body: ['comment'] }, (c) =>
      answer(
        c,
        changeWithBody(c, deps, (body) => closeSalesCycle(crmContext(c, deps), id(c), body)),
      ),
    )
  }
  routes.on('reopenContactSalesCycle', {}, (c) =>
    answer(c, change(deps, reopenSalesCycle(crmContext(c, deps), id(c)))),
  )
  routes.on('splitContact', { body: ['company_name'] }, (c) =>
    answer(
      c,
      changeWithBody(c, deps, (body) => splitContact(crmContext(c, deps), id(c), body)),
    ),
  )
  for (const [operation, created] of [
    ['createContactPhoto', true],
    ['updateContactPhoto', false],
  ] as const) {
    routes.on(operation, { body: ['image'] }, (c) =>
      photoAnswer(
        c,
        changeWithBody(c, deps, (body) => setContactPhoto(crmContext(c, deps), id(c), body, deps.storage)),
        created,
      ),
    )
  }
  routes.on('deleteContactPhoto', {}, (c) =>
    photoAnswer(c, change(deps, deleteContactPhoto(crmContext(c, deps), id(c)))),
  )
}

/** The path's tag name, decoded once (Hono's `param` decodes it). */
const tagName = (c: ApiContext): string => c.req.param('tag_name') ?? ''
