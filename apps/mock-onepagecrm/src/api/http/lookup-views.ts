import { contactCounts } from '../domain/contact-counts.js'
import type { CrmState, LeadSourceRecord, StatusRecord, UserRecord } from '../domain/records.js'

// Statuses and lead sources as the spec's Status and Lead_source render them, with their contact counts
// for the caller (https://github.com/OnePageCRM/swagger).

export const statusView = (state: CrmState, caller: UserRecord, status: StatusRecord) => ({
  id: status.id,
  status: status.status,
  text: status.text,
  description: status.description,
  color: status.color,
  ...contactCounts(state, caller, (contact) => contact.status_id === status.id),
})

export const leadSourceView = (state: CrmState, caller: UserRecord, source: LeadSourceRecord) => ({
  id: source.id,
  text: source.text,
  ...contactCounts(state, caller, (contact) => contact.lead_source_id === source.id),
})
