import { type ApiResult, invalid, invalidOrMissing, notFound, ok } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import { containsText, type FieldOf, type ListQuery, sortRecords, timeFilter } from './list-query.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { DealRecord } from './records.js'

/** The filters of `GET /deals` and `GET /contacts/{id}/deals` crmkit honours (the spec's listDeals). */
export interface DealListRequest extends PageRequest, ListQuery {
  readonly contact_id?: string | undefined
  readonly name?: string | undefined
  readonly search?: string | undefined
  readonly status?: string | undefined
  readonly stage?: string | undefined
  readonly pipeline_id?: string | undefined
  readonly owner_id?: string | undefined
}

const DATES: Readonly<Record<string, FieldOf<DealRecord>>> = {
  created_at: (deal) => deal.created_at,
  modified_at: (deal) => deal.modified_at,
  updated_at: (deal) => deal.modified_at,
  date: (deal) => deal.date,
  close_date: (deal) => deal.close_date,
  expected_close_date: (deal) => deal.expected_close_date,
}

/** The spec's query_deals_sort_by. */
const SORTS: Readonly<Record<string, FieldOf<DealRecord>>> = {
  created_at: (deal) => deal.created_at,
  modified_at: (deal) => deal.modified_at,
  date: (deal) => deal.date,
  close_date: (deal) => deal.close_date,
  expected_close_date: (deal) => deal.expected_close_date,
}

/**
 * Deals newest first unless `sort_by` says otherwise, filtered: `status` (`pending`, `won`, `lost`, or
 * `closed` for won and lost), `stage` (pending deals at that stage), `name` (in the deal's name), `search` (in
 * the deal's, its contact's or its company's name), `pipeline_id`, `owner_id`, `contact_id` (an unknown
 * contact is a 404, as on its own routes) and the time filters (`list-query.ts`). Matching is
 * case-insensitive containment (inferred).
 */
export function listDeals(ctx: CrmContext, request: DealListRequest): ApiResult<Page<DealRecord>> {
  const { contact_id: contactId, status, stage, name, search } = request
  if (contactId !== undefined && !ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const errors: Record<string, string> = {}
  if (status !== undefined && !['pending', 'won', 'lost', 'closed'].includes(status)) {
    errors.status = invalidOrMissing('status')
  }
  if (stage !== undefined && !/^\d+$/.test(stage)) errors.stage = invalidOrMissing('stage')
  if (Object.keys(errors).length > 0) return invalid(errors)
  const inWindow = timeFilter(request, DATES, (deal) => deal.modified_at)
  if (!inWindow.ok) return inWindow
  const matches = (deal: DealRecord): boolean => {
    if (contactId !== undefined && deal.contact_id !== contactId) return false
    if (request.owner_id !== undefined && deal.owner_id !== request.owner_id) return false
    if (request.pipeline_id !== undefined && deal.pipeline_id !== request.pipeline_id) return false
    if (status === 'closed' ? deal.status === 'pending' : status !== undefined && deal.status !== status)
      return false
    if (stage !== undefined && (deal.status !== 'pending' || deal.stage !== Number(stage))) return false
    if (name !== undefined && !containsText(deal.name, name)) return false
    if (search !== undefined && !searchText(ctx, deal).some((text) => containsText(text, search)))
      return false
    return inWindow.value(deal)
  }
  const sorted = sortRecords([...ctx.state.deal.values()].filter(matches), request, SORTS, {
    descending: true,
  })
  return sorted.ok ? ok(paginate(sorted.value, request)) : sorted
}

/** "Search deals by deal name, contact name or company name" (the spec's query_deals_search). */
function searchText(ctx: CrmContext, deal: DealRecord): string[] {
  const contact = ctx.state.contacts.get(deal.contact_id)
  if (contact === undefined) return [deal.name]
  return [deal.name, `${contact.first_name} ${contact.last_name}`.trim(), contact.company_name]
}
