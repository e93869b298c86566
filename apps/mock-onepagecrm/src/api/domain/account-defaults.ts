import type { CrmState, LeadSourceRecord, PipelineRecord, StatusRecord } from './records.js'

// What every new OnePageCRM account starts with. The statuses (kinds from the spec's Status enum,
// https://github.com/OnePageCRM/swagger), their colours, the built-in lead sources and their slugs, the call
// results and the settings are those of a real account's answer kept as a fixture by OnePageCRM's Java SDK
// (OnePageCRM/java-client-wrapper, src/test/res/responses/handler_test/request_00_login_response.json);
// the ids are crmkit's own (prospect's is the spec's example).

/** Fixed ids, so tests, seeds and docs can name them. */
export const DEFAULT_STATUSES: readonly StatusRecord[] = [
  { id: '5e31e030849d781e837b6b9d', status: 'lead', text: 'Lead', description: '', color: 'f96600' },
  // The spec's example Contact: `status_id` 5e31e030849d781e837b6ba1, `status` Prospect.
  { id: '5e31e030849d781e837b6ba1', status: 'prospect', text: 'Prospect', description: '', color: 'cc0000' },
  { id: '5e31e030849d781e837b6b9e', status: 'customer', text: 'Customer', description: '', color: '3399ff' },
  { id: '5e31e030849d781e837b6b9f', status: 'inactive', text: 'Inactive', description: '', color: '666666' },
  { id: '5e31e030849d781e837b6ba0', status: 'general', text: 'General', description: '', color: '000000' },
]

export const LEAD_STATUS_ID = '5e31e030849d781e837b6b9d'

/** The built-in lead sources: slugs for ids (the spec's getLeadSource), `other` kept last (the fixture). */
export const DEFAULT_LEAD_SOURCES: readonly LeadSourceRecord[] = [
  { id: 'advertisement', text: 'Advertisement' },
  { id: 'email_web', text: 'Email or Web' },
  { id: 'list_generation', text: 'List Generation' },
  { id: 'partner', text: 'Partner' },
  { id: 'referral', text: 'Referral' },
  { id: 'seminar', text: 'Seminar' },
  { id: 'social', text: 'Social' },
  { id: 'tradeshow', text: 'Tradeshow' },
  { id: 'word_of_mouth', text: 'Word of mouth' },
  { id: 'other', text: 'Other' },
]

/** The lead source the fixture lists last, out of alphabetical order. */
export const OTHER_LEAD_SOURCE_ID = 'other'

export const DEFAULT_PIPELINE_ID = '5c96306b849d78b896b6f8ca'

/**
 * The account's one pipeline (the spec's Pipeline example id and `type: sales`), its stages the fixture's
 * `deal_stages`; the name and the WON column are inferred.
 */
export const DEFAULT_PIPELINE: PipelineRecord = {
  id: DEFAULT_PIPELINE_ID,
  name: 'Default pipeline',
  type: 'sales',
  default: true,
  won_column_enabled: false,
  won_column_name: '',
  stages: [
    { stage: 10, label: 'Qualification' },
    { stage: 25, label: null },
    { stage: 50, label: 'Decision' },
    { stage: 75, label: null },
    { stage: 90, label: 'Negotiation' },
  ],
}

/** The built-in call results, in their order (the spec's Bootstrap `call_results` and `call_results_order`). */
export const CALL_RESULTS: readonly { readonly result: string; readonly text: string }[] = [
  { result: 'interested', text: 'Interested' },
  { result: 'not_interested', text: 'Not interested' },
  { result: 'left_message', text: 'Left message' },
  { result: 'no_answer', text: 'No answer' },
  { result: 'other', text: 'Other' },
]

/** The contact titles a contact's `title` may take (the spec's Bootstrap `contact_titles`, Contact `title`). */
export const CONTACT_TITLES = ['Mr', 'Mrs', 'Ms'] as const

/**
 * The account's settings as the bootstrap gives them (the spec's Settings; values the fixture's, except:
 * the time zone is UTC, the zone crmkit's "today" is taken in for dates such as a deal's `date`).
 */
export const ACCOUNT_SETTINGS = {
  reminder: { type: 'never', hour: 6 },
  time_zone: 'UTC',
  date_format: '%d/%m/%Y',
  listing_size: 25,
  currency: 'EUR',
  currency_symbol: '€',
  default_contact_type: 'individual',
  show_tidy_stream: false,
} as const

/**
 * Deal costs are on in crmkit's account, since deals take `cost` (the spec's Cost_setup: "Disabled by
 * default"); commissions are not emulated, so the documented defaults stand.
 */
export const COST_SETUP = {
  cost_enabled: true,
  cost_required: false,
  commission_base: 'amount',
  commission_percentage: 10,
} as const

/** Gives an account without statuses, lead sources or pipelines the built-in ones. */
export function addAccountDefaults(state: CrmState): void {
  if (state.statuses.size === 0) for (const status of DEFAULT_STATUSES) state.statuses.set(status.id, status)
  if (state.lead_sources.size === 0) {
    for (const source of DEFAULT_LEAD_SOURCES) state.lead_sources.set(source.id, source)
  }
  if (state.pipelines.size === 0) state.pipelines.set(DEFAULT_PIPELINE.id, DEFAULT_PIPELINE)
}
