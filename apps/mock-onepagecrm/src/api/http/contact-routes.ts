import type { ApiDeps } from '../api-deps.js'
import { pinnedAttachments } from '../domain/attachments.js'
import { createContact, deleteContact, getContact, listContacts, updateContact } from '../domain/contacts.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { attachmentView, contactEntryView } from './views.js'

/** Contacts: create, get, list, update (`partial=true` for a partial one), delete; pinned attachments. */
/** The Contact fields `createContact` and `updateContact` store. */
const CONTACT_FIELDS = [
  'title',
  'first_name',
  'last_name',
  'job_title',
  'starred',
  'company_name',
  'urls',
  'phones',
  'emails',
  'tags',
  'background',
  'owner_id',
  'status_id',
  'lead_source_id',
]

export function addContactRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('listContacts', { query: ['page', 'per_page'] }, async (c) => {
    const view = viewContext(c, deps)
    const result = listContacts(crmContext(c, deps), c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      contacts: await Promise.all(items.map((contact) => contactEntryView(view, contact))),
      ...page,
    }))
  })
  routes.on('createContact', { body: CONTACT_FIELDS }, async (c) => {
    const result = await changeWithBody(c, deps, (body) => createContact(crmContext(c, deps), body))
    return respond(c, result, (contact) => contactEntryView(viewContext(c, deps), contact), true)
  })
  routes.on('getContact', {}, async (c) =>
    respond(c, getContact(crmContext(c, deps), c.req.param('contact_id') ?? ''), (contact) =>
      contactEntryView(viewContext(c, deps), contact),
    ),
  )
  routes.on('updateContact', { query: ['partial'], body: CONTACT_FIELDS }, async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      updateContact(crmContext(c, deps), c.req.param('contact_id') ?? '', body, isPartial(c)),
    )
    return respond(c, result, (contact) => contactEntryView(viewContext(c, deps), contact))
  })
  routes.on('deleteContact', {}, async (c) =>
    respond(
      c,
      await change(deps, deleteContact(crmContext(c, deps), c.req.param('contact_id') ?? '')),
      () => ({}),
    ),
  )
  routes.on('listContactPinnedAttachments', {}, async (c) => {
    const view = viewContext(c, deps)
    const result = pinnedAttachments(crmContext(c, deps), c.req.param('contact_id') ?? '', c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      pinned_attachments: await Promise.all(items.map((attachment) => attachmentView(view, attachment))),
      ...page,
    }))
  })
}
