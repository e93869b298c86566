import { type ApiResult, invalid, invalidOrMissing, notFound, ok } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { type DealFieldsInput, defaultPipelineId, firstStage, settleDeal } from './deal-rules.js'
import { notifyOfActivity, readUsersToNotify } from './notifications.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ActivityRecords, ActivityType, DealRecord } from './records.js'
import { removeActivity } from './removal.js'
import { isoDate, isoSeconds, unixSeconds } from './time.js'

type Fields<T extends ActivityType> = Omit<
  ActivityRecords[T],
  'id' | 'contact_id' | 'author_id' | 'created_at' | 'modified_at'
>

/**
 * The writable fields of each activity and their rules (the spec's Note, Deal, Call and Meeting schemas,
 * https://github.com/OnePageCRM/swagger): `contact_id` is required by all, `text` by notes, `name` by deals.
 */
const readers: { readonly [T in ActivityType]: (fields: BodyFields, ctx: CrmContext) => Fields<T> } = {
  note: (fields, ctx) => ({
    text: fields.string('text', { required: true, max: 7168 }) ?? '',
    date: fields.date('date') ?? isoDate(ctx.now),
    linked_deal_id: fields.id('linked_deal_id') ?? null,
  }),
  deal: (fields, ctx) => {
    const pipelineId = fields.id('pipeline_id') ?? defaultPipelineId(ctx.state)
    return {
      // "name up to 60 characters; longer names are truncated" (the spec's createDeal).
      name: fields.string('name', { required: true, max: 10240 })?.slice(0, 60) ?? '',
      text: fields.string('text', { max: 7168 }) ?? '',
      amount: fields.number('amount', { min: 0 }) ?? 0,
      status: fields.choice('status', ['pending', 'won', 'lost'] as const) ?? 'pending',
      stage: fields.number('stage', { integer: true, min: 0 }) ?? firstStage(ctx.state, pipelineId),
      date: fields.date('date') ?? isoDate(ctx.now),
      // Both default to today (the spec's Deal: "Defaults to today's date").
      expected_close_date: fields.date('expected_close_date') ?? isoDate(ctx.now),
      close_date: fields.date('close_date') ?? isoDate(ctx.now),
      owner_id: fields.id('owner_id') ?? ctx.user.id,
      pipeline_id: pipelineId,
      months: fields.number('months', { integer: true, min: 1 }) ?? 1,
      cost: fields.number('cost', { min: 0 }) ?? 0,
      // Read by `settle`, which knows the deal's values so far (`deal-rules.ts`).
      deal_fields: [],
    }
  },
  call: (fields, ctx) => ({
    text: fields.string('text', { max: 7168 }) ?? '',
    call_result: fields.string('call_result') ?? 'interested',
    call_time_int: fields.number('call_time_int', { integer: true, min: 0 }) ?? unixSeconds(ctx.now),
    via: fields.choice('via', ['unknown', 'jabber', 'talkdesk', 'phone'] as const) ?? 'unknown',
    phone_number: fields.string('phone_number') ?? '',
    recording_link: fields.string('recording_link') ?? null,
  }),
  meeting: (fields, ctx) => ({
    text: fields.string('text', { max: 7168 }) ?? '',
    meeting_time_int: fields.number('meeting_time_int', { integer: true, min: 0 }) ?? unixSeconds(ctx.now),
    place: fields.string('place', { max: 100 }) ?? '',
  }),
}

/** `POST /notes` (and `/contacts/{id}/notes`, which passes the contact), `/deals`, `/calls`, `/meetings`. */
export function createActivity<T extends ActivityType>(
  ctx: CrmContext,
  type: T,
  body: JsonObject,
  contactIdFromPath?: string,
): ApiResult<ActivityRecords[T]> {
  const fields = new BodyFields(unwrapBody(body, type))
  const contactId = contactIdFromPath ?? fields.id('contact_id', { required: true })
  const values = readers[type](fields, ctx)
  const notify = readUsersToNotify(ctx, type, fields)
  if (!fields.valid || contactId === undefined) return invalid(fields.errors)
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const settled = settle(ctx, values, contactId, {
    raw: fields.raw('deal_fields'),
    current: [],
    merge: false,
    selfId: undefined,
  })
  if (!settled.ok) return settled
  const now = isoSeconds(ctx.now)
  const record = {
    ...settled.value,
    id: ctx.newId(),
    contact_id: contactId,
    author_id: ctx.user.id,
    created_at: now,
    modified_at: now,
  } as ActivityRecords[T]
  ;(ctx.state[type] as Map<string, ActivityRecords[T]>).set(record.id, record)
  notifyOfActivity(ctx, type, record, notify)
  return ok(record)
}

export function getActivity<T extends ActivityType>(
  ctx: CrmContext,
  type: T,
  id: string,
): ApiResult<ActivityRecords[T]> {
  const record = (ctx.state[type] as Map<string, ActivityRecords[T]>).get(id)
  return record === undefined ? notFound(type, id) : ok(record)
}

/**
 * `GET /notes` and the others, newest first (inferred), optionally for one `contact_id`; an unknown
 * contact is a 404, as on the contact's own sub-routes.
 */
export function listActivities<T extends ActivityType>(
  ctx: CrmContext,
  type: T,
  request: PageRequest & { readonly contact_id?: string | undefined },
): ApiResult<Page<ActivityRecords[T]>> {
  const contactId = request.contact_id
  if (contactId !== undefined && !ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const records = [...(ctx.state[type] as Map<string, ActivityRecords[T]>).values()]
    .filter((record) => contactId === undefined || record.contact_id === contactId)
    .reverse()
  return ok(paginate(records, request))
}

/** Deleting an activity deletes its attachments and gives their storage back. */
export function deleteActivity<T extends ActivityType>(
  ctx: CrmContext,
  type: T,
  id: string,
): ApiResult<ActivityRecords[T]> {
  const record = (ctx.state[type] as Map<string, ActivityRecords[T]>).get(id)
  if (record === undefined) return notFound(type, id)
  removeActivity(ctx.state, type, id)
  return ok(record)
}

const DEAL_STAYS = 'contact_id cannot be changed: a deal stays with its contact'

/**
 * `PUT /notes/{id}` and the others: without `partial`, fields left out return to their defaults (as the
 * spec says of contacts); with `partial=true`, only the fields sent change. The contact stays the same.
 */
export function updateActivity<T extends ActivityType>(
  ctx: CrmContext,
  type: T,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<ActivityRecords[T]> {
  const map = ctx.state[type] as Map<string, ActivityRecords[T]>
  const existing = map.get(id)
  if (existing === undefined) return notFound(type, id)
  const {
    id: _id,
    contact_id: current,
    author_id,
    created_at,
    modified_at: _modified,
    ...writable
  } = existing
  const sent = unwrapBody(body, type)
  const fields = new BodyFields(partial ? { ...writable, ...sent } : sent)
  const values = readers[type](fields, ctx)
  // A `contact_id` moves the record to that contact (the spec's update bodies list it); without one it
  // stays where it is, so a full update need not repeat it.
  const contact_id = fields.id('contact_id') ?? current
  // "contact_id cannot be changed — a deal stays with its contact" (the spec's updateDeal).
  if (type === 'deal' && contact_id !== current) fields.fail('contact_id', DEAL_STAYS)
  const notify = readUsersToNotify(ctx, type, fields)
  if (!fields.valid) return invalid(fields.errors)
  if (!ctx.state.contacts.has(contact_id)) return notFound('contact', contact_id)
  const settled = settle(ctx, values, contact_id, {
    raw: sent.deal_fields,
    current: 'deal_fields' in existing ? (existing.deal_fields as DealRecord['deal_fields']) : [],
    merge: partial,
    selfId: id,
  })
  if (!settled.ok) return settled
  const record = {
    ...settled.value,
    id,
    contact_id,
    author_id,
    created_at,
    modified_at: isoSeconds(ctx.now),
  } as ActivityRecords[T]
  map.set(id, record)
  notifyOfActivity(ctx, type, record, notify)
  return ok(record)
}

/**
 * A note's linked deal must be one of its contact's deals; a deal's owner must be a user, and its pipeline,
 * stage and deal field values the account's (`deal-rules.ts`): the values, settled.
 */
function settle<V extends object>(
  ctx: CrmContext,
  values: V,
  contactId: string,
  dealFields: DealFieldsInput,
): ApiResult<V> {
  const linkedDeal = 'linked_deal_id' in values ? values.linked_deal_id : null
  if (typeof linkedDeal === 'string' && ctx.state.deal.get(linkedDeal)?.contact_id !== contactId) {
    return invalid({ linked_deal_id: invalidOrMissing('linked_deal_id') })
  }
  if ('owner_id' in values && !ctx.state.users.has(values.owner_id as string)) {
    return invalid({ owner_id: invalidOrMissing('owner_id') })
  }
  if ('pipeline_id' in values) return settleDeal(ctx.state, values as V & Fields<'deal'>, dealFields)
  return ok(values)
}
