import { contactsOf } from '../domain/company-linking.js'
import { sortName } from '../domain/contacts.js'
import type { CompanyRecord } from '../domain/records.js'
import { companyView } from './company-views.js'
import { activityViews, contactEntryView, type ViewContext } from './views.js'

/** What the whole company shows at most of its contacts and pending deals (the portal's "First Ten Contacts", pending deals "limited to 10"). */
const DETAIL_LIMIT = 10

/**
 * A company read, updated or changed on its own: with its first ten contacts by name and its ten most
 * recently updated pending deals (the spec's Company `contacts` and `pending_deals`; the limits from
 * http://developer.onepagecrm.com/, "Companies").
 */
export async function companyDetailView(view: ViewContext, company: CompanyRecord) {
  const state = view.deps.state
  const contacts = contactsOf(state, company.id)
    .sort((a, b) => sortName(a).localeCompare(sortName(b)) || a.id.localeCompare(b.id))
    .slice(0, DETAIL_LIMIT)
  const ids = new Set(contactsOf(state, company.id).map((contact) => contact.id))
  const pending = [...state.deal.values()]
    .filter((deal) => ids.has(deal.contact_id) && deal.status === 'pending')
    .sort((a, b) => b.modified_at.localeCompare(a.modified_at))
    .slice(0, DETAIL_LIMIT)
  return {
    ...(await companyView(view, company)),
    contacts: await Promise.all(
      contacts.map(async (contact) => {
        const { company: _company, ...entry } = await contactEntryView(view, contact)
        return entry
      }),
    ),
    pending_deals: await Promise.all(
      pending.map(async (deal) => ({ deal: await activityViews.deal(view, deal) })),
    ),
  }
}
