import type { AddressRecord, CompanyRecord } from '../domain/records.js'
import { companySummaryOf } from '../domain/relations.js'
import { fieldValuesView } from './field-values-view.js'
import type { ViewContext } from './views.js'

// A company as the spec renders it (Company, https://github.com/OnePageCRM/swagger). Its contacts and
// pending deals are added by `companyDetailView` where the whole company is asked for.

export async function companyView(view: ViewContext, company: CompanyRecord) {
  const summary = companySummaryOf(view.deps.state, company.id)
  return {
    id: company.id,
    name: company.name,
    description: company.description,
    phone: company.phone,
    url: company.url,
    address: addressView(company.address),
    company_fields: fieldValuesView('company_field', view.deps.state.company_fields, company.company_fields),
    syncing_status: company.synced_status_id !== null,
    ...(company.synced_status_id === null ? {} : { synced_status_id: company.synced_status_id }),
    // No operation sets tag sync: it stays off.
    syncing_tags: false,
    synced_tags: [],
    // null without a logo: "When successfully deleted the photo_url field value is null" (the spec's
    // deleteCompanyLogo), though its Company says string.
    photo_url: await logoUrl(view, company),
    contacts_count: summary.contacts,
    won_deals_count: summary.won,
    total_won_amount: summary.wonAmount,
    pending_deals_count: summary.pending,
    total_pending_amount: summary.pendingAmount,
    created_at: company.created_at,
    modified_at: company.modified_at,
  }
}

const addressView = (address: AddressRecord) => ({ ...address })

async function logoUrl(view: ViewContext, company: CompanyRecord): Promise<string | null> {
  if (company.logo_key === null) return null
  return view.deps.storage.downloadUrl(company.logo_key, view.now, view.deps.config.attachmentUrlTtlSeconds)
}
