import type { CrmState, LeadSourceRecord, StatusRecord } from './records.js'

// What every new OnePageCRM account starts with: the five built-in statuses (the spec's Status `status`
// enum, https://github.com/OnePageCRM/swagger) and the built-in lead sources, which have slugs for ids
// (`advertisement`, `email_web`: the spec's own examples). Which colour goes with which status and the
// other slugs are inferred (FIDELITY.md).

/** Fixed ids, so tests, seeds and docs can name them. */
export const DEFAULT_STATUSES: readonly StatusRecord[] = [
  { id: '5e31e030849d781e837b6b9d', status: 'lead', text: 'Lead', description: '', color: '3399ff' },
  // The spec's example Contact: `status_id` 5e31e030849d781e837b6ba1, `status` Prospect.
  { id: '5e31e030849d781e837b6ba1', status: 'prospect', text: 'Prospect', description: '', color: 'f96600' },
  { id: '5e31e030849d781e837b6b9e', status: 'customer', text: 'Customer', description: '', color: '009900' },
  { id: '5e31e030849d781e837b6b9f', status: 'inactive', text: 'Inactive', description: '', color: '666666' },
  { id: '5e31e030849d781e837b6ba0', status: 'general', text: 'General', description: '', color: '000000' },
]

export const LEAD_STATUS_ID = '5e31e030849d781e837b6b9d'

export const DEFAULT_LEAD_SOURCES: readonly LeadSourceRecord[] = [
  { id: 'advertisement', text: 'Advertisement' },
  { id: 'email_web', text: 'Email/Web' },
  { id: 'existing_customer', text: 'Existing Customer' },
  { id: 'partner', text: 'Partner' },
  { id: 'seminar', text: 'Seminar' },
  { id: 'telephone', text: 'Telephone' },
  { id: 'word_of_mouth', text: 'Word of Mouth' },
  { id: 'other', text: 'Other' },
]

/** Gives an account without statuses or lead sources the built-in ones. */
export function addAccountDefaults(state: CrmState): void {
  if (state.statuses.size === 0) for (const status of DEFAULT_STATUSES) state.statuses.set(status.id, status)
  if (state.lead_sources.size === 0) {
    for (const source of DEFAULT_LEAD_SOURCES) state.lead_sources.set(source.id, source)
  }
}
