// The mock's state, one record per resource. Field names are the vendor's
// (https://github.com/OnePageCRM/swagger), so a record renders to its wire form with little more than its
// relations filled in.

export interface UserRecord {
  readonly id: string
  /** The password of HTTP Basic auth (`user_id:api_key`). */
  readonly api_key: string
  readonly first_name: string
  readonly last_name: string
  readonly email: string
  readonly company_name: string
  /** The attachment set with `reference_type: avatar`, if any. */
  readonly avatar_attachment_id?: string | undefined
  /** The BCC dropbox address; `<id>@users.onepagecrm.com` until regenerated (`domain/users.ts`). */
  readonly bcc_email?: string | undefined
}

export interface TypedValue {
  readonly type: string
  readonly value: string
}

export interface ContactRecord {
  readonly id: string
  readonly owner_id: string
  readonly title?: string | undefined
  readonly first_name: string
  readonly last_name: string
  readonly job_title: string
  readonly company_name: string
  readonly starred: boolean
  readonly background: string
  readonly emails: readonly TypedValue[]
  readonly phones: readonly TypedValue[]
  readonly urls: readonly TypedValue[]
  readonly tags: readonly string[]
  /** The attachment set with `reference_type: photo`, if any. */
  readonly photo_attachment_id?: string | undefined
  /** One of `CrmState.statuses`; new contacts are leads. */
  readonly status_id: string
  /** One of `CrmState.lead_sources`, or none. */
  readonly lead_source_id: string | null
  readonly created_at: string
  readonly modified_at: string
}

interface ActivityBase {
  readonly id: string
  readonly contact_id: string
  /** The user who created it; rendered as `author` ("Jane D."). */
  readonly author_id: string
  readonly created_at: string
  readonly modified_at: string
}

export interface NoteRecord extends ActivityBase {
  readonly text: string
  readonly date: string
  readonly linked_deal_id: string | null
}

export interface DealRecord extends ActivityBase {
  readonly owner_id: string
  readonly name: string
  readonly text: string
  readonly amount: number
  readonly status: 'pending' | 'won' | 'lost'
  readonly stage: number
  readonly date: string
  readonly expected_close_date: string
  readonly close_date: string
  /** One of `CrmState.pipelines`; `stage` is one of its stages. */
  readonly pipeline_id: string
  /** Months the deal is paid for: `amount` and `cost` are per month (the spec's Deal). */
  readonly months: number
  readonly cost: number
  /** Values of `CrmState.deal_fields`, by field id. */
  readonly deal_fields: readonly FieldValue[]
}

/** A custom, company or deal field's value on a record. */
export interface FieldValue {
  readonly id: string
  readonly value: string
}

export interface CallRecord extends ActivityBase {
  readonly text: string
  readonly call_result: string
  readonly call_time_int: number
  readonly via: 'unknown' | 'jabber' | 'talkdesk' | 'phone'
  readonly phone_number: string
  readonly recording_link: string | null
}

export interface MeetingRecord extends ActivityBase {
  readonly text: string
  readonly meeting_time_int: number
  readonly place: string
}

/** The resources files attach to, by their `reference_type`. */
export interface ActivityRecords {
  readonly note: NoteRecord
  readonly deal: DealRecord
  readonly call: CallRecord
  readonly meeting: MeetingRecord
}

export type ActivityType = keyof ActivityRecords

export const ACTIVITY_TYPES: readonly ActivityType[] = ['note', 'deal', 'call', 'meeting']

export type ReferenceType = ActivityType | 'photo' | 'avatar' | 'account_document'

export interface AttachmentRecord {
  readonly id: string
  /** The contact whose `s3_form` the file went through; its key starts with this id. */
  readonly contact_id: string
  readonly reference_type: ReferenceType
  /** The note, deal, call or meeting; the contact for `photo`; the user for `avatar`; null for `account_document`. */
  readonly reference_id: string | null
  readonly key: string
  readonly filename: string
  readonly custom_filename?: string | undefined
  readonly size: number
  readonly pinned_at: string | null
  readonly created_at: string
}

/** A contact status (the spec's Status): `status` is its kind, `lead` … `general` or `customN`. */
export interface StatusRecord {
  readonly id: string
  readonly status: string
  readonly text: string
  readonly description: string
  readonly color: string
}

/** Where a contact came from (the spec's Lead_source); built-in ones have slugs for ids (`advertisement`). */
export interface LeadSourceRecord {
  readonly id: string
  readonly text: string
}

/** A user-defined field of contacts, companies or deals (the spec's Custom_field, Company_field, Deal_field). */
export interface CustomFieldRecord {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly position: number
  readonly choices: readonly string[]
  /** For `sort_by` (the spec's list operations); absent on fields made before crmkit kept them. */
  readonly created_at?: string | undefined
  readonly modified_at?: string | undefined
}

/** A deal stage of a pipeline (the spec's Deal_stage); the label may be empty (`null`). */
export interface DealStage {
  readonly stage: number
  readonly label: string | null
}

/** A sales process and its stages (the spec's Pipeline). */
export interface PipelineRecord {
  readonly id: string
  readonly name: string
  readonly type: 'sales' | 'delivery'
  readonly default: boolean
  readonly won_column_enabled: boolean
  readonly won_column_name: string
  readonly stages: readonly DealStage[]
}

/** A next-action template, "Saved Action" in the app (the spec's Predefined_action). */
export interface PredefinedActionRecord {
  readonly id: string
  readonly text: string
  readonly days: number
}

/** Predefined actions applied together (the spec's Predefined_action_group); an action is in one at most. */
export interface PredefinedActionGroupRecord {
  readonly id: string
  readonly text: string
  readonly position: number
  readonly action_ids: readonly string[]
}

/** A product or service that deals can use as a line item (the spec's Predefined_item). */
export interface PredefinedItemRecord {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly cost: number
  readonly price: number
  readonly position: number
}

/** Predefined items sold together (the spec's Predefined_item_group); an item is in one at most. */
export interface PredefinedItemGroupRecord {
  readonly id: string
  readonly name: string
  readonly position: number
  readonly item_ids: readonly string[]
}

/** How two contacts relate: one variant (symmetrical) or two, one per end (the spec's Relationship_Type). */
export interface RelationshipTypeRecord {
  readonly id: string
  readonly variants: readonly { readonly id: string; readonly name: string }[]
  readonly created_at: string
  readonly modified_at: string
}

/** One document naming both contacts and each end's variant (the spec's Relationship). */
export interface RelationshipRecord {
  readonly id: string
  readonly relationship_type_id: string
  readonly related_contacts: readonly { readonly contact_id: string; readonly variant_id: string }[]
  readonly created_at: string
  readonly modified_at: string
  /** Set while deleted: `DELETE …?undo=true` brings it back. */
  readonly deleted_at: string | null
}

/** A subscription to the account's events (the spec's Webhook); made in the app, or by a seed. */
export interface WebhookRecord {
  readonly id: string
  readonly name: string
  readonly hook_url: string
  readonly secretkey: string
}

/** Everything the API knows. Maps keep insertion order, which is creation order. */
export interface CrmState {
  readonly users: Map<string, UserRecord>
  readonly contacts: Map<string, ContactRecord>
  readonly note: Map<string, NoteRecord>
  readonly deal: Map<string, DealRecord>
  readonly call: Map<string, CallRecord>
  readonly meeting: Map<string, MeetingRecord>
  readonly attachments: Map<string, AttachmentRecord>
  readonly statuses: Map<string, StatusRecord>
  readonly lead_sources: Map<string, LeadSourceRecord>
  readonly custom_fields: Map<string, CustomFieldRecord>
  readonly company_fields: Map<string, CustomFieldRecord>
  readonly deal_fields: Map<string, CustomFieldRecord>
  readonly pipelines: Map<string, PipelineRecord>
  readonly predefined_actions: Map<string, PredefinedActionRecord>
  readonly predefined_action_groups: Map<string, PredefinedActionGroupRecord>
  readonly predefined_items: Map<string, PredefinedItemRecord>
  readonly predefined_item_groups: Map<string, PredefinedItemGroupRecord>
  readonly relationship_types: Map<string, RelationshipTypeRecord>
  readonly relationships: Map<string, RelationshipRecord>
  readonly webhooks: Map<string, WebhookRecord>
}

export function createEmptyState(): CrmState {
  return {
    users: new Map(),
    contacts: new Map(),
    note: new Map(),
    deal: new Map(),
    call: new Map(),
    meeting: new Map(),
    attachments: new Map(),
    statuses: new Map(),
    lead_sources: new Map(),
    custom_fields: new Map(),
    company_fields: new Map(),
    deal_fields: new Map(),
    pipelines: new Map(),
    predefined_actions: new Map(),
    predefined_action_groups: new Map(),
    predefined_items: new Map(),
    predefined_item_groups: new Map(),
    relationship_types: new Map(),
    relationships: new Map(),
    webhooks: new Map(),
  }
}

/** A copy of the state whose maps can change without touching `state`'s (the records are immutable). */
export function copyState(state: CrmState): CrmState {
  const copy = createEmptyState()
  for (const key of Object.keys(copy) as Array<keyof CrmState>) {
    const target = copy[key] as Map<string, unknown>
    for (const [id, record] of state[key] as Map<string, unknown>) target.set(id, record)
  }
  return copy
}
