import type { ApiDeps } from '../api-deps.js'
import { actionSummary } from '../domain/actions-summary.js'
import { letterOf } from '../domain/contact-filter.js'
import type {
  AttachmentRecord,
  CallRecord,
  ContactRecord,
  DealRecord,
  MeetingRecord,
  NoteRecord,
  UserRecord,
} from '../domain/records.js'
import {
  attachmentOf,
  companySizeOf,
  dealSummaryOf,
  hasRelatedNotes,
  linkedDealOf,
  userOf,
} from '../domain/relations.js'
import { attachmentsOf } from '../domain/removal.js'
import { isoSeconds } from '../domain/time.js'
import { actionView } from './action-views.js'
import { companyView } from './company-views.js'
import { dealDetails } from './deal-views.js'
import { fieldValuesView } from './field-values-view.js'

// Records as the vendor's schemas render them (its OpenAPI document, https://github.com/OnePageCRM/swagger).
// Download links are signed at render time, as the vendor's are, so every read gives a link valid for the
// configured time.

export interface ViewContext {
  readonly deps: ApiDeps
  readonly now: Date
  /** The caller: a contact's star, and whose `next_action` a contact shows. */
  readonly user?: UserRecord | undefined
}

export async function attachmentView(view: ViewContext, attachment: AttachmentRecord) {
  const ttl = view.deps.config.attachmentUrlTtlSeconds
  return {
    id: attachment.id,
    filename: attachment.filename,
    ...(attachment.custom_filename === undefined ? {} : { custom_filename: attachment.custom_filename }),
    pinned: attachment.pinned_at !== null,
    pinned_at: attachment.pinned_at,
    size: attachment.size,
    storage_provider: 'amazon' as const,
    url: await view.deps.storage.downloadUrl(attachment.key, view.now, ttl),
    url_expires_at: isoSeconds(new Date(view.now.getTime() + ttl * 1000)),
  }
}

/** "Jane D.": the spec's `author`. */
export function authorName(user: UserRecord | undefined): string {
  if (user === undefined) return ''
  const initial = user.last_name === '' ? '' : ` ${user.last_name[0]}.`
  return `${user.first_name}${initial}`.trim()
}

/** The signed link to a contact's photo or a user's avatar, `''` without one. */
export async function photoUrl(view: ViewContext, attachmentId: string | undefined): Promise<string> {
  const attachment = attachmentOf(view.deps.state, attachmentId)
  if (attachment === undefined) return ''
  return view.deps.storage.downloadUrl(attachment.key, view.now, view.deps.config.attachmentUrlTtlSeconds)
}

export async function userView(view: ViewContext, user: UserRecord) {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    company_name: user.company_name,
    photo_url: await photoUrl(view, user.avatar_attachment_id),
    account_rights: ['admin'],
  }
}

async function contactView(view: ViewContext, contact: ContactRecord) {
  const state = view.deps.state
  const deals = dealSummaryOf(state, contact)
  const company = contact.company_id === null ? undefined : state.companies.get(contact.company_id)
  const leadSource =
    contact.lead_source_id === null ? undefined : state.lead_sources.get(contact.lead_source_id)
  return {
    id: contact.id,
    ...(contact.title === undefined ? {} : { title: contact.title }),
    first_name: contact.first_name,
    last_name: contact.last_name,
    job_title: contact.job_title,
    // Per user (the spec's starContact): whether the caller starred it.
    starred: view.user !== undefined && contact.starred_by.includes(view.user.id),
    photo_url: await photoUrl(view, contact.photo_attachment_id),
    // Absent without a company: the spec's `company_id` is a bson-id (inferred).
    ...(company === undefined ? {} : { company_id: company.id }),
    company_name: contact.company_name,
    urls: contact.urls,
    phones: contact.phones,
    emails: contact.emails,
    address_list: contact.address_list,
    status: state.statuses.get(contact.status_id)?.text ?? '',
    status_id: contact.status_id,
    // Absent when the contact has none: the spec's Contact allows a string only (inferred).
    ...(leadSource === undefined ? {} : { lead_source_id: leadSource.id, lead_source: leadSource.text }),
    tags: contact.tags,
    background: contact.background,
    owner_id: contact.owner_id,
    custom_fields: fieldValuesView('custom_field', state.custom_fields, contact.custom_fields),
    letter: letterOf(contact),
    pending_deal: deals.pending > 0,
    total_pendings: deals.pendingAmount,
    total_deals_count: deals.count,
    ...(company === undefined ? {} : { company_size: companySizeOf(state, company.id) }),
    sales_closed_for: contact.closed_sales.map((sale) => sale.user_id),
    closed_sales: contact.closed_sales.map((sale) => ({ ...sale })),
    created_at: contact.created_at,
    modified_at: contact.modified_at,
  }
}

/** The related records `fields=deals(all),notes(all),…` adds to a contact entry (the spec's query_contacts_fields). */
export type ContactExpansion = 'deals' | 'notes' | 'calls' | 'meetings' | 'pinned_attachments'

const EXPANDED_TYPES = { deals: 'deal', notes: 'note', calls: 'call', meetings: 'meeting' } as const

export interface ContactEntryOptions {
  /** Whose point of view: the caller by default; `null`, the whole account's. */
  readonly userId?: string | null
  /** The related lists `fields=` asks for. */
  readonly expansions?: ReadonlySet<ContactExpansion>
}

/**
 * A contact with its actions, as single reads, list entries and the streams give it: from the point of view
 * of `userId`, whose first next action is `next_action` (`{}` without one). Each list is in the spec's
 * Action order: "ASAP first, then dated actions ordered by due date (overdue first), followed by waiting
 * for (blocked) and finally queued actions". Then its `company` when it has one (inferred: the spec's
 * entries carry a Company, with no parameter asking for it), and each related list `expansions` asks for,
 * newest first as their own lists give them.
 */
export async function contactEntryView(
  view: ViewContext,
  contact: ContactRecord,
  options: ContactEntryOptions = {},
) {
  const state = view.deps.state
  const userId = options.userId === undefined ? (view.user?.id ?? null) : options.userId
  const expansions = options.expansions ?? new Set()
  const actions = actionSummary(state, contact.id, userId)
  const company = contact.company_id === null ? undefined : state.companies.get(contact.company_id)
  const related: Record<string, unknown[]> = {}
  for (const expansion of expansions) {
    if (expansion === 'pinned_attachments') {
      const pinned = [...state.attachments.values()]
        .filter((attachment) => attachment.contact_id === contact.id && attachment.pinned_at !== null)
        .sort((a, b) => (b.pinned_at ?? '').localeCompare(a.pinned_at ?? ''))
      related.pinned_attachments = await Promise.all(
        pinned.map((attachment) => attachmentView(view, attachment)),
      )
      continue
    }
    const type = EXPANDED_TYPES[expansion]
    const render = activityViews[type] as (view: ViewContext, record: unknown) => Promise<unknown>
    const records = [...(state[type] as Map<string, { contact_id: string }>).values()]
      .filter((record) => record.contact_id === contact.id)
      .reverse()
    related[expansion] = await Promise.all(records.map((record) => render(view, record)))
  }
  return {
    contact: await contactView(view, contact),
    next_actions: actions.next_actions.map(actionView),
    next_action: actions.next_action === undefined ? {} : actionView(actions.next_action),
    queued_actions: actions.queued_actions.map(actionView),
    next_action_conflicts: actions.next_action_conflicts.map(actionView),
    ...(company === undefined ? {} : { company: await companyView(view, company) }),
    ...related,
  }
}

async function attachmentsView(view: ViewContext, type: 'note' | 'deal' | 'call' | 'meeting', id: string) {
  return Promise.all(attachmentsOf(view.deps.state, type, id).map((a) => attachmentView(view, a)))
}

async function noteView(view: ViewContext, note: NoteRecord) {
  const deal = linkedDealOf(view.deps.state, note.linked_deal_id)
  return {
    id: note.id,
    contact_id: note.contact_id,
    text: note.text,
    date: note.date,
    linked_deal_id: note.linked_deal_id,
    linked_deal_name: deal?.name ?? '',
    author: authorName(userOf(view.deps.state, note.author_id)),
    attachments: await attachmentsView(view, 'note', note.id),
    created_at: note.created_at,
    modified_at: note.modified_at,
  }
}

async function dealView(view: ViewContext, deal: DealRecord) {
  return {
    id: deal.id,
    contact_id: deal.contact_id,
    owner_id: deal.owner_id,
    name: deal.name,
    text: deal.text,
    stage: deal.stage,
    status: deal.status,
    expected_close_date: deal.expected_close_date,
    close_date: deal.close_date,
    date: deal.date,
    amount: deal.amount,
    ...dealDetails(view.deps.state, deal),
    author: authorName(userOf(view.deps.state, deal.author_id)),
    has_related_notes: hasRelatedNotes(view.deps.state, deal.id),
    attachments: await attachmentsView(view, 'deal', deal.id),
    created_at: deal.created_at,
    modified_at: deal.modified_at,
  }
}

async function callView(view: ViewContext, call: CallRecord) {
  return {
    id: call.id,
    contact_id: call.contact_id,
    text: call.text,
    call_result: call.call_result,
    call_time_int: call.call_time_int,
    via: call.via,
    phone_number: call.phone_number,
    recording_link: call.recording_link,
    author: authorName(userOf(view.deps.state, call.author_id)),
    attachments: await attachmentsView(view, 'call', call.id),
    created_at: call.created_at,
    modified_at: call.modified_at,
  }
}

async function meetingView(view: ViewContext, meeting: MeetingRecord) {
  return {
    id: meeting.id,
    contact_id: meeting.contact_id,
    text: meeting.text,
    meeting_time_int: meeting.meeting_time_int,
    place: meeting.place,
    author: authorName(userOf(view.deps.state, meeting.author_id)),
    attachments: await attachmentsView(view, 'meeting', meeting.id),
    created_at: meeting.created_at,
    modified_at: meeting.modified_at,
  }
}

export const activityViews = {
  note: noteView,
  deal: dealView,
  call: callView,
  meeting: meetingView,
} as const
