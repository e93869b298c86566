import { type ApiResult, invalid, ok } from './api-failures.js'
import { actionFilterSets } from './contact-action-filters.js'
import type { CrmContext } from './crm-context.js'
import { type DateRange, type DateRangeQuery, inRanges, readDateRanges } from './date-range.js'
import type { ContactRecord } from './records.js'
import { dealSummaryOf } from './relations.js'
import { isoDate } from './time.js'

// The contact filters: the query parameters `GET /contacts`, `GET /action_stream` and `GET /team_stream`
// share (the spec's listContacts, getActionStream and getTeamStream, https://github.com/OnePageCRM/swagger;
// the portal's Contacts "Listing Parameters", http://developer.onepagecrm.com/). Filters combine: a contact
// is kept when it passes every one given.

export interface ContactFilterQuery extends DateRangeQuery {
  readonly search?: string | undefined
  readonly email?: string | undefined
  readonly phone?: string | undefined
  readonly url?: string | undefined
  readonly tag?: string | undefined
  readonly starred?: string | undefined
  readonly status_id?: string | undefined
  readonly lead_source_id?: string | undefined
  readonly lead_source?: string | undefined
  readonly owner_id?: string | undefined
  readonly team?: string | undefined
  readonly company_id?: string | undefined
  readonly not_linked_with?: string | undefined
  readonly letter?: string | undefined
  readonly custom_field_id?: string | undefined
  readonly custom_field_value?: string | undefined
  readonly pending_deal?: string | undefined
  readonly has_actions?: string | undefined
  readonly has_actions_for_me?: string | undefined
  readonly has_actions_today?: string | undefined
  readonly waiting?: string | undefined
  readonly action_stream?: string | undefined
  readonly sort_by?: string | undefined
  readonly order?: string | undefined
}

/** The spec's query_contacts_sort_by. */
export const CONTACT_SORTS = [
  'created_at',
  'modified_at',
  'first_name',
  'last_name',
  'company_name',
  'name',
] as const

export type ContactSort = (typeof CONTACT_SORTS)[number]

/** Where the listing stands before its filters. */
export interface ContactFilterScope {
  /**
   * Without `team` or `owner_id`: every owner's contacts (the streams: "Defaults to … the entire account")
   * or only the caller's (`GET /contacts`: the portal's `team` "False, Default: Only the logged in user's
   * contacts").
   */
  readonly everyOwnerByDefault: boolean
  /** Whose next actions `waiting` looks at: a user's, or any user's (`null`, the whole team stream). */
  readonly waitingFor: string | null
}

export interface ContactFilter {
  readonly test: (contact: ContactRecord) => boolean
  readonly sortBy: ContactSort | undefined
  readonly descending: boolean
  readonly ranges: readonly DateRange[]
  /** `has_actions` as given: the streams take `false` as "all contacts" (see `streams.ts`). */
  readonly hasActions: boolean | undefined
}

type FlagName =
  | 'starred'
  | 'team'
  | 'pending_deal'
  | 'has_actions'
  | 'has_actions_for_me'
  | 'has_actions_today'
  | 'waiting'
  | 'action_stream'

/**
 * The filter a query asks for; a 400 naming each parameter at fault (a bad flag, letter, sort, unknown
 * custom field, a lone half of a pair, two that are "mutually exclusive"). The action flags
 * (`has_actions`, `has_actions_for_me`, `has_actions_today`, `action_stream`) keep, when `true`, the
 * contacts the spec describes; `false` keeps every contact, as the portal reads `has_actions=false`
 * ("Returns all contacts", http://developer.onepagecrm.com/api/resources/action-stream/; the others
 * inferred alike). `starred` and `waiting` keep, when `false`, the contacts without (the portal's
 * "Only return unstarred contacts", "Only return contacts which don't have a 'waiting' next action").
 */
export function readContactFilter(
  ctx: CrmContext,
  query: ContactFilterQuery,
  scope: ContactFilterScope,
): ApiResult<ContactFilter> {
  const errors: Record<string, string> = {}
  const flag = (name: FlagName) => {
    const value = query[name]
    if (value === undefined) return undefined
    const parsed = readFlag(value)
    if (parsed === undefined) errors[name] = `${name} must be true or false`
    return parsed
  }
  const starred = flag('starred')
  const team = flag('team')
  const pendingDeal = flag('pending_deal')
  const hasActions = flag('has_actions')
  const hasActionsForMe = flag('has_actions_for_me')
  const hasActionsToday = flag('has_actions_today')
  const waiting = flag('waiting')
  const actionStream = flag('action_stream')
  const exclusive = (names: readonly (keyof ContactFilterQuery)[], why: string) => {
    const given = names.filter((name) => query[name] !== undefined)
    if (given.length > 1) for (const name of given) errors[name] = `${given.join(' and ')} ${why}`
  }
  exclusive(['lead_source', 'lead_source_id'], 'cannot be used together')
  exclusive(['company_id', 'tag'], 'cannot be used together (only use one of company_id, tag or filter_id)')
  exclusive(['company_id', 'not_linked_with'], 'cannot be used together')
  // "can not query by `has_actions` and `has_actions_for_me` at the same time" (the spec).
  exclusive(['has_actions', 'has_actions_for_me'], 'cannot be used together')
  if ((query.custom_field_id === undefined) !== (query.custom_field_value === undefined)) {
    errors.custom_field_id = 'custom_field_id and custom_field_value go together'
  } else if (query.custom_field_id !== undefined && !ctx.state.custom_fields.has(query.custom_field_id)) {
    errors.custom_field_id = 'custom_field_id is invalid or missing'
  }
  const letter = query.letter?.toLowerCase()
  if (letter !== undefined && !/^[a-z1]$/.test(letter)) errors.letter = 'letter must be one letter, or 1'
  if (query.sort_by !== undefined && !(CONTACT_SORTS as readonly string[]).includes(query.sort_by)) {
    errors.sort_by = `sort_by must be one of ${CONTACT_SORTS.join(', ')}`
  }
  if (query.order !== undefined && !['asc', 'desc'].includes(query.order)) {
    errors.order = 'order must be asc or desc'
  }
  const ranges = readDateRanges(query)
  if (!ranges.ok) return ranges
  if (Object.keys(errors).length > 0) return invalid(errors)

  const state = ctx.state
  const caller = ctx.user.id
  const tests: ((contact: ContactRecord) => boolean)[] = []
  const add = (test: (contact: ContactRecord) => boolean) => tests.push(test)
  const everyOwner = team ?? scope.everyOwnerByDefault
  if (query.owner_id !== undefined) add((c) => c.owner_id === query.owner_id)
  else if (!everyOwner) add((c) => c.owner_id === caller)
  if (query.search !== undefined) add((c) => matchesSearch(c, query.search as string))
  if (query.email !== undefined) {
    const email = query.email.toLowerCase()
    add((c) => c.emails.some((item) => item.value.toLowerCase() === email))
  }
  if (query.phone !== undefined)
    add((c) => c.phones.some((item) => phoneMatches(item.value, query.phone as string)))
  if (query.url !== undefined) {
    const url = query.url.toLowerCase()
    add((c) => c.urls.some((item) => item.value.toLowerCase() === url))
  }
  if (query.tag !== undefined) {
    const tag = query.tag.toLowerCase()
    add((c) => c.tags.some((item) => item.toLowerCase() === tag))
  }
  if (starred !== undefined) add((c) => c.starred_by.includes(caller) === starred)
  if (query.status_id !== undefined) add((c) => c.status_id === query.status_id)
  if (query.lead_source_id !== undefined) add((c) => c.lead_source_id === query.lead_source_id)
  if (query.lead_source !== undefined) {
    const wanted = query.lead_source.toLowerCase()
    add((c) => {
      const source = c.lead_source_id === null ? undefined : state.lead_sources.get(c.lead_source_id)
      return source !== undefined && (source.id === query.lead_source || source.text.toLowerCase() === wanted)
    })
  }
  if (query.company_id !== undefined) add((c) => c.company_id === query.company_id)
  if (query.not_linked_with !== undefined) {
    const company = state.companies.get(query.not_linked_with)
    const linked = new Set(company?.linked_contacts.map((link) => link.contact_id) ?? [])
    add((c) => c.company_id !== query.not_linked_with && !linked.has(c.id))
  }
  if (letter !== undefined) add((c) => letterOf(c) === letter)
  if (query.custom_field_id !== undefined) {
    add((c) =>
      c.custom_fields.some(
        (value) => value.id === query.custom_field_id && value.value === query.custom_field_value,
      ),
    )
  }
  if (pendingDeal !== undefined) add((c) => dealSummaryOf(state, c).pending > 0 === pendingDeal)
  if (ranges.value.length > 0) add((c) => inRanges(c, ranges.value))
  if ([hasActions, hasActionsForMe, hasActionsToday, waiting, actionStream].some((f) => f !== undefined)) {
    const sets = actionFilterSets(state, caller, isoDate(ctx.now), scope.waitingFor)
    // "Only return contacts who are owned by the logged user, and have actions for any user", "… owned
    // by, and have actions for, the logged user", "… owned by, and have actions today for, the logged user".
    const owned = (c: ContactRecord) => c.owner_id === caller
    if (hasActions === true) add((c) => owned(c) && sets.withActions.has(c.id))
    if (hasActionsForMe === true) add((c) => owned(c) && sets.withActionsForCaller.has(c.id))
    if (hasActionsToday === true) add((c) => owned(c) && sets.withActionsTodayForCaller.has(c.id))
    if (actionStream === true) add((c) => sets.inCallerStream.has(c.id))
    if (waiting !== undefined) add((c) => sets.waiting.has(c.id) === waiting)
  }

  return ok({
    test: (contact) => tests.every((test) => test(contact)),
    sortBy: query.sort_by as ContactSort | undefined,
    descending: query.order === 'desc',
    ranges: ranges.value,
    hasActions,
  })
}

/** The letter a contact files under: its last name's, else its company's; `1` for a digit (the portal). */
export function letterOf(contact: ContactRecord): string {
  const first = (contact.last_name || contact.company_name).slice(0, 1).toLowerCase()
  return /[0-9]/.test(first) ? '1' : first
}

/** `search`: "contact name, company name or phone number" (the spec), case-insensitive, any part of it. */
function matchesSearch(contact: ContactRecord, search: string): boolean {
  const wanted = search.trim().toLowerCase()
  if (wanted === '') return true
  const names = [
    `${contact.first_name} ${contact.last_name}`,
    `${contact.last_name} ${contact.first_name}`,
    contact.company_name,
  ]
  if (names.some((name) => name.toLowerCase().includes(wanted))) return true
  return contact.phones.some((phone) => phoneMatches(phone.value, search))
}

/** Phone numbers compared by their digits, any part of them (inferred). */
function phoneMatches(number: string, wanted: string): boolean {
  const digits = wanted.replaceAll(/\D/g, '')
  return digits !== '' && number.replaceAll(/\D/g, '').includes(digits)
}

/** `true`/`false`, `1`/`0`, in any case (the Ruby client's spec/search_spec.rb sends TRUE, true and 1). */
export function readFlag(value: string): boolean | undefined {
  const lower = value.toLowerCase()
  if (lower === 'true' || lower === '1') return true
  if (lower === 'false' || lower === '0') return false
  return undefined
}
