import { z } from 'zod'
import { bsonId, dateTime } from './common.js'

/** `Address`: a company's postal address. */
export const address = z.strictObject({
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip_code: z.string().optional(),
  country_code: z.string().optional(),
})

/**
 * `Company`, as a contact entry or a company list carries it; a single company read adds `contacts` and
 * `pending_deals`. `photo_url` is null without a logo (the document's deleteCompanyLogo).
 */
export const company = z.strictObject({
  id: bsonId,
  name: z.string().max(55),
  description: z.string().max(10240).optional(),
  phone: z.string().optional(),
  photo_url: z.string().nullable().optional(),
  url: z.string().optional(),
  address: address.optional(),
  company_fields: z.array(z.object({ company_field: z.object({}).loose(), value: z.string() })).optional(),
  syncing_status: z.boolean().optional(),
  synced_status_id: bsonId.optional(),
  syncing_tags: z.boolean().optional(),
  synced_tags: z.array(z.string()).optional(),
  contacts_count: z.number().int().optional(),
  won_deals_count: z.number().int().optional(),
  total_won_amount: z.number().optional(),
  pending_deals_count: z.number().int().optional(),
  total_pending_amount: z.number().optional(),
  contacts: z.array(z.object({}).loose()).optional(),
  pending_deals: z.array(z.object({ deal: z.object({}).loose() })).optional(),
  created_at: dateTime,
  modified_at: dateTime,
})

export type Company = z.infer<typeof company>
