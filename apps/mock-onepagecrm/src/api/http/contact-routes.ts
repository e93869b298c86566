import type { Hono } from 'hono'
import type { ApiDeps } from '../api-deps.js'
import { pinnedAttachments } from '../domain/attachments.js'
import { createContact, deleteContact, getContact, listContacts, updateContact } from '../domain/contacts.js'
import type { ApiEnv } from './api-env.js'
import { respond } from './envelope.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { attachmentView, contactEntryView } from './views.js'

/** Contacts: create, get, list, update (`partial=true` for a partial one), delete; pinned attachments. */
export function addContactRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/contacts', async (c) => {
    const view = viewContext(c, deps)
    const result = listContacts(crmContext(c, deps), c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      contacts: await Promise.all(items.map((contact) => contactEntryView(view, contact))),
      ...page,
    }))
  })
  app.post('/contacts', async (c) => {
    const result = await changeWithBody(c, deps, (body) => createContact(crmContext(c, deps), body))
    return respond(c, result, (contact) => contactEntryView(viewContext(c, deps), contact), true)
  })
  app.get('/contacts/:id', async (c) =>
    respond(c, getContact(crmContext(c, deps), c.req.param('id')), (contact) =>
      contactEntryView(viewContext(c, deps), contact),
    ),
  )
  app.put('/contacts/:id', async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      updateContact(crmContext(c, deps), c.req.param('id'), body, isPartial(c)),
    )
    return respond(c, result, (contact) => contactEntryView(viewContext(c, deps), contact))
  })
  app.delete('/contacts/:id', async (c) =>
    respond(c, await change(deps, deleteContact(crmContext(c, deps), c.req.param('id'))), () => ({})),
  )
  app.get('/contacts/:id/pinned_attachments', async (c) => {
    const view = viewContext(c, deps)
    const result = pinnedAttachments(crmContext(c, deps), c.req.param('id'), c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      pinned_attachments: await Promise.all(items.map((attachment) => attachmentView(view, attachment))),
      ...page,
    }))
  })
}
