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

/** A postal address (the spec's Address); a contact's also has a `type` (Typed_address). */
export interface AddressRecord {
  readonly address: string
  readonly city: string
  readonly state: string
  readonly zip_code: string
  readonly country_code: string
}

export interface TypedAddressRecord extends AddressRecord {
  readonly type: 'work' | 'home' | 'billing' | 'delivery' | 'other'
}

/** A value of one of the account's custom fields (contacts) or company fields (companies). */
export interface FieldValueRecord {
  readonly id: string
  readonly value: string
}

/** A user's closed sales cycle with a contact (the spec's Contact `closed_sales`). */
export interface ClosedSaleRecord {
  readonly user_id: string
  /** Unix seconds. */
  readonly closed_at: number
  readonly comment: string
}

export interface ContactRecord {
  readonly id: string
  readonly owner_id: string
  readonly title?: string | undefined
  readonly first_name: string
  readonly last_name: string
  readonly job_title: string
  /** The company's name, kept in step with `CrmState.companies` (empty when the contact has none). */
  readonly company_name: string
  /** One of `CrmState.companies`, or none. */
  readonly company_id: string | null
  /** The users who starred the contact: starring is per user (the spec's starContact). */
  readonly starred_by: readonly string[]
  readonly background: string
  readonly emails: readonly TypedValue[]
  readonly phones: readonly TypedValue[]
  readonly urls: readonly TypedValue[]
  readonly address_list: readonly TypedAddressRecord[]
  readonly tags: readonly string[]
  /** Values of `CrmState.custom_fields`, one per field at most. */
  readonly custom_fields: readonly FieldValueRecord[]
  /** One per user who closed the sales cycle. */
  readonly closed_sales: readonly ClosedSaleRecord[]
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
  /** Values of `CrmState.deal_fields`, one per field at most. */
  readonly deal_fields: readonly FieldValueRecord[]
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

/** An action's kind while open (the spec's Action `status`, less `done`, which is `done_at` here). */
export type ActionStatus = 'asap' | 'date' | 'date_time' | 'waiting' | 'queued' | 'queued_with_date'

/**
 * A step to take with a contact (the spec's Action). A completed action keeps the status it had, so that
 * `undo_completion` can give it back ("reverts a completed action to its previous state").
 */
export interface ActionRecord {
  readonly id: string
  readonly contact_id: string
  readonly assignee_id: string
  readonly text: string
  readonly status: ActionStatus
  /** `YYYY-MM-DD` for `date`, `date_time` and `queued_with_date`; null otherwise. */
  readonly date: string | null
  /** Unix seconds, for `date_time` only. */
  readonly exact_time: number | null
  /** From 1 in the queue of its contact and assignee, for `queued` and `queued_with_date` only. */
  readonly position: number | null
  /** The day it was completed; null while it is open. */
  readonly done_at: string | null
  readonly created_at: string
  readonly modified_at: string
}

/** Something a user is told of (the spec's Notification); `by` is rendered from `by_id`. */
export interface NotificationRecord {
  readonly id: string
  readonly type: 'assigned_action' | 'note' | 'call' | 'meeting'
  /** The user notified. */
  readonly user_id: string
  /** The user whose change caused it. */
  readonly by_id: string
  readonly contact_id: string
  /** The action, note, call or meeting it is about. */
  readonly subject_id: string
  /** An assigned action's text when it was assigned (the push title's body); empty for the others. */
  readonly text: string
  readonly read: boolean
  readonly created_at: string
  readonly modified_at: string
}

/**
 * A company (the spec's Company, "organizations" in the app): made and named by its contacts'
 * `company_name`, gone with its last contact.
 */
export interface CompanyRecord {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly phone: string
  readonly url: string
  readonly address: AddressRecord
  /** Values of `CrmState.company_fields`. */
  readonly company_fields: readonly FieldValueRecord[]
  /** The status all its contacts share while status sync is on; null when it is off. */
  readonly synced_status_id: string | null
  /** The S3 key of its logo (`PATCH /companies/{id}/logo`), if any. */
  readonly logo_key: string | null
  /** Contacts of other companies linked to this one, with the contacts of this one they are linked with. */
  readonly linked_contacts: readonly {
    readonly contact_id: string
    readonly linked_with: readonly string[]
  }[]
  readonly created_at: string
  readonly modified_at: string
}

/**
 * What a contact's deletion took with it, kept so `DELETE /contacts/{id}?undo=1` can put it back: the
 * records removed, map by map, and the records it changed (before and after), so that a record changed
 * again since is left alone.
 */
export interface DeletedContactRecord {
  /** The contact's id. */
  readonly id: string
  readonly deleted_at: string
  readonly removed: Readonly<Record<string, readonly unknown[]>>
  readonly changed: Readonly<Record<string, readonly { readonly before: unknown; readonly after: unknown }[]>>
}

/** Everything the API knows. Maps keep insertion order, which is creation order. */
/**
 * Storage the account uses besides the API's attachments (files attached in OnePageCRM's web app, which
 * the API does not list): set by a seed's `storage_used_elsewhere`, counted in the quota.
 */
export interface StorageUseRecord {
  readonly id: string
  readonly bytes: number
}

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
  readonly actions: Map<string, ActionRecord>
  /** Deleted actions, kept so that `DELETE /actions/{id}?undo=true` can restore them. */
  readonly deleted_actions: Map<string, ActionRecord>
  readonly notifications: Map<string, NotificationRecord>
  readonly companies: Map<string, CompanyRecord>
  readonly deleted_contacts: Map<string, DeletedContactRecord>
  readonly storage_elsewhere: Map<string, StorageUseRecord>
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
    actions: new Map(),
    deleted_actions: new Map(),
    notifications: new Map(),
    companies: new Map(),
    deleted_contacts: new Map(),
    storage_elsewhere: new Map(),
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
