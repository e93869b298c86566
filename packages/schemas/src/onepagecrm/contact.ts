import { z } from 'zod'
import { call, deal, meeting, note } from './activities.js'
import { attachment } from './attachment.js'
import { bsonId, dateTime, unixTimestamp } from './common.js'
import { company } from './company.js'

const typedValue = <T extends readonly [string, ...string[]]>(types: T) =>
  z.strictObject({ type: z.enum(types), value: z.string() })

/** `Typed_address`. */
export const typedAddress = z.strictObject({
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip_code: z.string().optional(),
  country_code: z.string().optional(),
  type: z.enum(['work', 'home', 'billing', 'delivery', 'other']).optional(),
})

/** `Contact`: every documented property, none other. */
export const contact = z.strictObject({
  id: bsonId,
  title: z.enum(['Mr', 'Mrs', 'Ms']).optional(),
  first_name: z.string().max(25).optional(),
  last_name: z.string().max(25).optional(),
  job_title: z.string().max(1000).optional(),
  starred: z.boolean().optional(),
  photo_url: z.string().optional(),
  company_id: bsonId.optional(),
  company_name: z.string().max(55).optional(),
  urls: z
    .array(typedValue(['website', 'blog', 'twitter', 'linkedin', 'xing', 'facebook', 'google_plus', 'other']))
    .optional(),
  phones: z.array(typedValue(['work', 'mobile', 'home', 'direct', 'fax', 'company', 'other'])).optional(),
  emails: z.array(typedValue(['work', 'home', 'other'])).optional(),
  address_list: z.array(typedAddress).max(2).optional(),
  status: z.string().optional(),
  status_id: z.string().optional(),
  tags: z.array(z.string()).optional(),
  lead_source_id: z.string().optional(),
  lead_source: z.string().optional(),
  background: z.string().max(10240).optional(),
  owner_id: bsonId.optional(),
  custom_fields: z.array(z.object({ custom_field: z.object({}).loose(), value: z.string() })).optional(),
  letter: z.string().optional(),
  pending_deal: z.boolean().optional(),
  total_pendings: z.number().optional(),
  total_deals_count: z.number().int().optional(),
  company_size: z.number().int().optional(),
  sales_closed_for: z.array(z.string()).optional(),
  closed_sales: z
    .array(z.strictObject({ user_id: bsonId, closed_at: unixTimestamp, comment: z.string().max(140) }))
    .optional(),
  google_contacts_data: z.object({}).loose().optional(),
  created_at: dateTime,
  modified_at: dateTime,
})

export type Contact = z.infer<typeof contact>

/**
 * One contact as `GET /contacts/{id}`, a create or an update gives it, and as each entry of a contact list:
 * the contact and its action summary (no actions are emulated, so these stay empty), its company when it has
 * one, and the related records `fields=deals(all),notes(all),calls(all),meetings(all),pinned_attachments(all)`
 * asks for.
 */
export const contactEntry = z.strictObject({
  contact,
  next_actions: z.array(z.object({}).loose()),
  next_action: z.object({}).loose(),
  queued_actions: z.array(z.object({}).loose()),
  next_action_conflicts: z.array(z.unknown()),
  company: company.optional(),
  deals: z.array(deal).optional(),
  notes: z.array(note).optional(),
  calls: z.array(call).optional(),
  meetings: z.array(meeting).optional(),
  pinned_attachments: z.array(attachment).optional(),
})

export type ContactEntry = z.infer<typeof contactEntry>
