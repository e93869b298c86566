import type { ApiDeps } from '../api-deps.js'
import type { ApiResult } from '../domain/api-failures.js'
import { pinnedAttachments } from '../domain/attachments.js'
import { deleteContact, deleteContacts, undoDeleteContact } from '../domain/contact-deletion.js'
import { readFlag } from '../domain/contact-filter.js'
import { cascadeContacts, listContacts } from '../domain/contact-list.js'
import { createContact, getContact, updateContact } from '../domain/contacts.js'
import type { ContactRecord } from '../domain/records.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import { readContactExpansions } from './fields-param.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { attachmentView, contactEntryView } from './views.js'

/** The Contact fields `createContact` and `updateContact` store (`company_id` is ignored on create, as the spec says). */
const CONTACT_FIELDS = [
  'title',
  'first_name',
  'last_name',
  'job_title',
  'starred',
  'company_id',
  'company_name',
  'urls',
  'phones',
  'emails',
  'address_list',
  'status_id',
  'tags',
  'lead_source_id',
  'background',
  'owner_id',
  'custom_fields',
]

/**
 * Contacts: list (filters, sort, `fields`), create, get, update (`partial`), delete and undo, bulk delete,
 * cascade, pinned attachments.
 */
export function addContactRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  /** A contact change answered as its entry, `fields` read (and refused) before anything changes. */
  const entry = async (
    c: ApiContext,
    run: () => ApiResult<ContactRecord> | Promise<ApiResult<ContactRecord>>,
    created = false,
  ) => {
    const expansions = readContactExpansions(c)
    if (!expansions.ok) return respond(c, expansions, () => ({}))
    const result = await run()
    return respond(
      c,
      result,
      (contact) => contactEntryView(viewContext(c, deps), contact, { expansions: expansions.value }),
      created,
    )
  }

  // Every filter of the spec (`domain/contact-filter.ts`) but saved filters, refused as not emulated.
  routes.on('listContacts', { query: { except: ['filter_id'] }, read: true }, async (c) => {
    const expansions = readContactExpansions(c)
    if (!expansions.ok) return respond(c, expansions, () => ({}))
    const view = viewContext(c, deps)
    const result = listContacts(crmContext(c, deps), c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      contacts: await Promise.all(
        items.map((contact) => contactEntryView(view, contact, { expansions: expansions.value })),
      ),
      ...page,
    }))
  })
  routes.on('createContact', { body: CONTACT_FIELDS }, (c) =>
    entry(c, () => changeWithBody(c, deps, (body) => createContact(crmContext(c, deps), body)), true),
  )
  routes.on('getContact', { query: ['fields'], read: true }, (c) =>
    entry(c, () => getContact(crmContext(c, deps), c.req.param('contact_id') ?? '')),
  )
  routes.on('updateContact', { query: ['partial'], body: CONTACT_FIELDS }, (c) =>
    entry(c, () =>
      changeWithBody(c, deps, (body) =>
        updateContact(crmContext(c, deps), c.req.param('contact_id') ?? '', body, isPartial(c)),
      ),
    ),
  )
  // Undoing answers the contact restored, as OnePageCRM's Java client reads it (`Contact.undoDeletion`).
  routes.on('deleteContact', { query: ['undo'] }, async (c) => {
    const id = c.req.param('contact_id') ?? ''
    if (isUndo(c)) return entry(c, () => change(deps, undoDeleteContact(crmContext(c, deps), id)))
    return respond(c, await change(deps, deleteContact(crmContext(c, deps), id)), () => ({}))
  })
  routes.on('deleteContacts', { query: ['ids', 'undo'] }, async (c) =>
    respond(
      c,
      await change(deps, deleteContacts(crmContext(c, deps), c.req.query('ids'), isUndo(c))),
      () => ({}),
    ),
  )
  const cascade = (c: ApiContext, lastId: string | undefined) => {
    const view = viewContext(c, deps)
    return respond(c, cascadeContacts(crmContext(c, deps), lastId), async ({ contacts, items_left }) => {
      const last = contacts.at(-1)
      return {
        contacts: await Promise.all(contacts.map((contact) => contactEntryView(view, contact))),
        items_left,
        ...(items_left > 0 && last !== undefined
          ? { next_set_url: new URL(`/api/v3/contacts/cascade/${last.id}`, c.req.url).href }
          : {}),
      }
    })
  }
  routes.on('listContactsCascade', {}, (c) => cascade(c, undefined))
  routes.on('listContactsCascadeAfter', {}, (c) => cascade(c, c.req.param('last_id') ?? ''))
  routes.on('listContactPinnedAttachments', {}, async (c) => {
    const view = viewContext(c, deps)
    const result = pinnedAttachments(crmContext(c, deps), c.req.param('contact_id') ?? '', c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      pinned_attachments: await Promise.all(items.map((attachment) => attachmentView(view, attachment))),
      ...page,
    }))
  })
}

/** `undo=1` or `undo=true` (the portal's "Undoing a Delete"; the spec's `undo` is a boolean). */
const isUndo = (c: ApiContext): boolean => readFlag(c.req.query('undo') ?? '') === true
