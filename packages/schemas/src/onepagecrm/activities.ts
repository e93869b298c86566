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

/** `Deal`, as far as the mock fills it. */
export const deal = z.strictObject({
  ...activity,
  owner_id: bsonId,
  name: z.string().max(60),
  text: z.string().optional(),
  stage: z.number().int().optional(),
  status: z.enum(['pending', 'won', 'lost']),
  expected_close_date: date.nullable().optional(),
  close_date: date.nullable().optional(),
  date,
  amount: z.number(),
  months: z.number().int().optional(),
  total_amount: z.number().optional(),
  has_related_notes: z.boolean(),
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
