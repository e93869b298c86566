import { createSnapshotFile, type SnapshotFile } from '@crmkit/mock-kit'
import { addAccountDefaults, DEFAULT_PIPELINE_ID, LEAD_STATUS_ID } from '../domain/account-defaults.js'
import { companyNamed, newCompany } from '../domain/company-linking.js'
import { type ContactRecord, type CrmState, createEmptyState } from '../domain/records.js'

const VERSION = 1

/** The API's records as one JSON snapshot (`{version, users: [...], contacts: [...], ...}`). */
export type StateFile = SnapshotFile<CrmState>

export function createStateFile(path: string): StateFile {
  return createSnapshotFile<CrmState>(path, {
    encode(state) {
      const snapshot: Record<string, unknown> = { version: VERSION }
      for (const [key, map] of Object.entries(state))
        snapshot[key] = [...(map as Map<string, unknown>).values()]
      return snapshot
    },
    decode(json) {
      const snapshot = json as { version: number } & Record<string, unknown[]>
      if (snapshot.version !== VERSION) throw new Error(`${path}: unknown state version ${snapshot.version}`)
      const state = createEmptyState()
      for (const key of Object.keys(state) as Array<keyof CrmState>) {
        const map = state[key] as Map<string, { id: string }>
        for (const record of (snapshot[key] ?? []) as Array<{ id: string }>) map.set(record.id, record)
      }
      upgrade(state)
      return state
    },
  })
}

/**
 * A data directory written by an earlier crmkit: the account gets the built-in statuses and lead sources,
 * its contacts are leads from no source, as new contacts are, and deals without dates get their creation
 * date, as the spec's defaults would have given them, and the default pipeline, one month, no cost and no
 * deal field values.
 */
function upgrade(state: CrmState): void {
  addAccountDefaults(state)
  for (const contact of state.contacts.values()) {
    if (contact.status_id === undefined) {
      state.contacts.set(contact.id, { ...contact, status_id: LEAD_STATUS_ID, lead_source_id: null })
    }
  }
  upgradeContacts(state)
  for (const deal of state.deal.values()) {
    if (deal.pipeline_id === undefined) {
      state.deal.set(deal.id, {
        ...deal,
        pipeline_id: DEFAULT_PIPELINE_ID,
        months: 1,
        cost: 0,
        deal_fields: [],
      })
    }
  }
  for (const deal of state.deal.values()) {
    if (deal.close_date === undefined || deal.expected_close_date === null) {
      state.deal.set(deal.id, {
        ...deal,
        expected_close_date: deal.expected_close_date ?? deal.date,
        close_date: deal.close_date ?? deal.date,
      })
    }
  }
}

/**
 * Contacts saved before companies, addresses, custom field values, per-user stars and closed sales cycles:
 * empty lists, the owner's star for a starred one, and a company for each company name, its id the id of
 * its first contact (ids of different resources never meet).
 */
function upgradeContacts(state: CrmState): void {
  for (const saved of state.contacts.values()) {
    if (saved.starred_by !== undefined) continue
    const { starred, ...old } = saved as ContactRecord & { starred?: boolean }
    let contact: ContactRecord = {
      ...old,
      company_id: null,
      starred_by: starred === true ? [old.owner_id] : [],
      address_list: [],
      custom_fields: [],
      closed_sales: [],
    }
    if (contact.company_name !== '') {
      let company = companyNamed(state, contact.company_name)
      if (company === undefined) {
        const context = { state, now: new Date(contact.created_at), newId: () => contact.id }
        company = newCompany(context as Parameters<typeof newCompany>[0], contact.company_name)
        state.companies.set(company.id, company)
      }
      contact = { ...contact, company_id: company.id, company_name: company.name }
    }
    state.contacts.set(contact.id, contact)
  }
}
