import type { ApiDeps } from '../api-deps.js'
import type { ApiResult } from '../domain/api-failures.js'
import {
  companyPinnedAttachments,
  getCompany,
  linkContact,
  listCompanies,
  listCompanyActivities,
  listLinkedContacts,
  removeSyncedStatus,
  setSyncedStatus,
  unlinkContact,
  updateCompany,
} from '../domain/companies.js'
import { deleteCompanyLogo, setCompanyLogo } from '../domain/company-logo.js'
import {
  ACTIVITY_TYPES,
  type ActivityRecords,
  type ActivityType,
  type CompanyRecord,
} from '../domain/records.js'
import { PLURAL } from './activity-routes.js'
import type { ApiContext } from './api-env.js'
import { companyDetailView } from './company-detail-view.js'
import { companyView } from './company-views.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, isPartial, viewContext } from './request-context.js'
import { activityViews, attachmentView, contactEntryView } from './views.js'

const NAME: { readonly [T in ActivityType]: string } = {
  note: 'Notes',
  deal: 'Deals',
  call: 'Calls',
  meeting: 'Meetings',
}

/**
 * Companies (https://github.com/OnePageCRM/swagger): list, get, update, status sync, logo, linked contacts,
 * and their contacts' notes, deals, calls, meetings and pinned files. `GET /companies/{id}/actions` waits
 * for actions; the lists' sorting and date filters (beyond the order the spec gives) are refused.
 */
export function addCompanyRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const id = (c: ApiContext) => c.req.param('company_id') ?? ''
  const detail = async (c: ApiContext, result: ApiResult<CompanyRecord>, created = false) =>
    respond(
      c,
      result,
      async (company) => ({ company: await companyDetailView(viewContext(c, deps), company) }),
      created,
    )

  routes.on(
    'listCompanies',
    { query: ['name', 'phone', 'letter', 'sort_by', 'order', 'page', 'per_page'] },
    (c) => {
      const view = viewContext(c, deps)
      return respond(c, listCompanies(crmContext(c, deps), c.req.query()), async ({ items, ...page }) => ({
        companies: await Promise.all(
          items.map(async (company) => ({ company: await companyView(view, company) })),
        ),
        ...page,
      }))
    },
  )
  routes.on('getCompany', {}, (c) => detail(c, getCompany(crmContext(c, deps), id(c))))
  routes.on(
    'updateCompany',
    { query: ['partial'], body: ['name', 'description', 'url', 'phone', 'address', 'company_fields'] },
    async (c) =>
      detail(
        c,
        await changeWithBody(c, deps, (body) =>
          updateCompany(crmContext(c, deps), id(c), body, isPartial(c)),
        ),
      ),
  )
  routes.on('setCompanySyncedStatus', { body: ['status_id'] }, async (c) =>
    detail(
      c,
      await changeWithBody(c, deps, (body) => setSyncedStatus(crmContext(c, deps), id(c), body)),
      true,
    ),
  )
  routes.on('removeCompanySyncedStatus', {}, async (c) =>
    detail(c, await change(deps, removeSyncedStatus(crmContext(c, deps), id(c)))),
  )
  routes.on('updateCompanyLogo', { body: ['image'] }, async (c) =>
    detail(
      c,
      await changeWithBody(c, deps, (body) => setCompanyLogo(crmContext(c, deps), id(c), body, deps.storage)),
    ),
  )
  routes.on('deleteCompanyLogo', {}, async (c) =>
    detail(c, await change(deps, deleteCompanyLogo(crmContext(c, deps), id(c)))),
  )

  routes.on('listCompanyLinkedContacts', { query: ['sort_by', 'order', 'page', 'per_page'] }, (c) => {
    const view = viewContext(c, deps)
    return respond(
      c,
      listLinkedContacts(crmContext(c, deps), id(c), c.req.query()),
      async ({ items, ...page }) => ({
        linked_contacts: await Promise.all(
          items.map(async ({ contact, linked_with }) => ({
            linked_contact: { ...(await contactEntryView(view, contact)), linked_with },
          })),
        ),
        ...page,
      }),
    )
  })
  routes.on('linkCompanyContact', { body: ['contact_id'] }, async (c) => {
    const result = await changeWithBody(c, deps, (body) => linkContact(crmContext(c, deps), id(c), body))
    return respond(
      c,
      result,
      async ({ contact, linked_with }) => ({
        linked_contact: { ...(await contactEntryView(viewContext(c, deps), contact)), linked_with },
      }),
      true,
    )
  })
  routes.on('unlinkCompanyContact', {}, async (c) =>
    respond(
      c,
      await change(deps, unlinkContact(crmContext(c, deps), id(c), c.req.param('contact_id') ?? '')),
      () => ({}),
    ),
  )

  for (const type of ACTIVITY_TYPES) addActivityList(routes, deps, type)
  routes.on('listCompanyPinnedAttachments', {}, (c) => {
    const view = viewContext(c, deps)
    const result = companyPinnedAttachments(crmContext(c, deps), id(c), c.req.query())
    return respond(c, result, async ({ items, ...page }) => ({
      pinned_attachments: await Promise.all(items.map((attachment) => attachmentView(view, attachment))),
      ...page,
    }))
  })
}

function addActivityList<T extends ActivityType>(routes: OperationRoutes, deps: ApiDeps, type: T): void {
  const render = activityViews[type] as (
    view: ReturnType<typeof viewContext>,
    record: ActivityRecords[T],
  ) => Promise<unknown>
  routes.on(`listCompany${NAME[type]}`, { query: ['page', 'per_page'] }, (c) => {
    const view = viewContext(c, deps)
    const result = listCompanyActivities(
      crmContext(c, deps),
      c.req.param('company_id') ?? '',
      type,
      c.req.query(),
    )
    return respond(c, result, async ({ items, ...page }) => ({
      [PLURAL[type]]: await Promise.all(
        items.map(async (record) => ({ [type]: await render(view, record) })),
      ),
      ...page,
    }))
  })
}
