import { z } from 'zod'
import { attachment } from './attachment.js'
import { bsonId, date, dateTime, unixTimestamp } from './common.js'

/** What notes, deals, calls and meetings share: their contact, author, files and times. */
const activity = {
  id: bsonId,
  contact_id: bsonId,
  author: z.string(),
  attachments: z.array(attachment),
  created_at: dateTime,
  modified_at: dateTime,
}

/** `Note`. */
export const note = z.strictObject({
  ...activity,
  text: z.string().max(7168),
  date,
  linked_deal_id: bsonId.or(z.literal('')).nullable(),
  linked_deal_name: z.string(),
})

export type Note = z.infer<typeof note>

/** A deal, company or custom field as records carry it: the spec's Deal_field (and its kin) with a value. */
const fieldValue = (key: string) =>
  z.strictObject({
    [key]: z.strictObject({
      id: bsonId,
      name: z.string().max(60),
      type: z.string(),
      position: z.number().int(),
      choices: z.array(z.string()).max(60),
    }),
    value: z.string(),
  })

/** `Deal_item`. */
const dealItem = z.strictObject({
  id: bsonId,
  name: z.string(),
  description: z.string(),
  cost: z.number(),
  price: z.number(),
  amount: z.number(),
  qty: z.number().int(),
  deal_id: bsonId,
  predefined_item_id: bsonId.or(z.literal('')).optional(),
  position: z.number().int(),
  created_at: dateTime,
  modified_at: dateTime,
})

/** `Deal`, as far as the mock fills it. */
export const deal = z.strictObject({
  ...activity,
  owner_id: bsonId,
  pipeline_id: bsonId.optional(),
  sales_pipeline_id: bsonId.optional(),
  name: z.string().max(60),
  text: z.string().max(7168).optional(),
  stage: z.number().int().optional(),
  status: z.enum(['pending', 'won', 'lost']),
  expected_close_date: date.nullable().optional(),
  close_date: date.nullable().optional(),
  date,
  amount: z.number(),
  months: z.number().int().optional(),
  cost: z.number().optional(),
  margin: z.number().optional(),
  total_amount: z.number().optional(),
  total_cost: z.number().optional(),
  commission_base: z.enum(['amount', 'margin']).optional(),
  commission_type: z.enum(['none', 'percentage', 'absolute']).optional(),
  commission: z.number().optional(),
  commission_percentage: z.number().optional(),
  reason_lost_id: bsonId.optional(),
  deal_fields: z.array(fieldValue('deal_field')).optional(),
  has_deal_items: z.boolean().optional(),
  deal_items: z.array(dealItem).optional(),
  has_related_notes: z.boolean(),
  contact_info: z.strictObject({ contact_name: z.string(), company: z.string() }).optional(),
  owner: z.strictObject({ id: bsonId, name: z.string(), email: z.string() }).optional(),
  previous_pipeline_stages: z.record(bsonId, z.number().int()).optional(),
  linked_contacts: z
    .array(
      z.strictObject({ id: bsonId, contact_name: z.string(), company: z.string(), photo_url: z.string() }),
    )
    .optional(),
})

export type Deal = z.infer<typeof deal>

/** `Call`. */
export const call = z.strictObject({
  ...activity,
  text: z.string().max(7168),
  call_result: z.string(),
  call_time_int: unixTimestamp,
  via: z.enum(['unknown', 'jabber', 'talkdesk', 'phone']),
  phone_number: z.string(),
  recording_link: z.string().nullable(),
  index: z.number().int().optional(),
})

export type Call = z.infer<typeof call>

/** `Meeting`. */
export const meeting = z.strictObject({
  ...activity,
  text: z.string().max(7168),
  meeting_time_int: unixTimestamp,
  place: z.string().max(100),
  index: z.number().int().optional(),
})

export type Meeting = z.infer<typeof meeting>
