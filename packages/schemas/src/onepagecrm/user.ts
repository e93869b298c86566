import { z } from 'zod'
import { bsonId } from './common.js'

/** `User`; `bcc_email` and `google_contacts_email` only on the caller's own. */
export const user = z.strictObject({
  id: bsonId,
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  company_name: z.string(),
  photo_url: z.string(),
  account_rights: z.array(z.string()),
  country_code: z.string().optional(),
  bcc_email: z.string().optional(),
  google_contacts_email: z.string().optional(),
})

export type User = z.infer<typeof user>

/** `Custom_field`, `Company_field` and `Deal_field` (contact fields also carry `reminder_days`). */
const field = z.strictObject({
  id: bsonId,
  name: z.string().max(60),
  type: z.string(),
  position: z.number().int(),
  choices: z.array(z.string()).max(60),
  reminder_days: z.number().int().nullable().optional(),
})

/** `Deal_stage`: the label is null when the stage has none (the Java SDK's fixture of a real answer). */
const dealStage = z.strictObject({ stage: z.number().int(), label: z.string().nullable() })

/** `Pipeline`. */
const pipeline = z.strictObject({
  id: bsonId,
  name: z.string(),
  type: z.string(),
  default: z.boolean(),
  won_column_enabled: z.boolean(),
  won_column_name: z.string(),
  stages: z.array(dealStage),
})

/** `Settings`: every field optional, as the document requires none. */
const settings = z
  .strictObject({
    reminder: z.strictObject({ type: z.enum(['never', 'every_day', 'new_task']), hour: z.number().int() }),
    time_zone: z.string(),
    not_working_days: z.enum(['none', 'weekend', 'sunday']),
    date_format: z.string(),
    time_with_ampm: z.boolean(),
    listing_size: z.number().int(),
    currency: z.string(),
    currency_symbol: z.string(),
    separator: z.string(),
    delimiter: z.string(),
    popular_countries: z.array(z.string()),
    deal_stages: z.array(dealStage),
    pipelines: z.array(z.strictObject({ pipeline })),
    default_contact_type: z.enum(['company', 'individual']),
    show_tidy_stream: z.boolean(),
    show_company_fields_with_contact: z.boolean(),
    company_phone_enabled: z.boolean(),
    company_url_enabled: z.boolean(),
    company_address_enabled: z.boolean(),
    company_description_enabled: z.boolean(),
    send_push_notifications: z.boolean(),
    clipper_beta: z.boolean(),
    bcc_email_enabled: z.boolean(),
  })
  .partial()

/**
 * `data` of `GET /bootstrap`, as far as the mock fills it. The user, team members and fields are wrapped
 * (`{user: …}`, `{custom_field: …}`), as OnePageCRM's Java SDK parses them and its fixture of a real answer
 * shows, where the document's Bootstrap gives them bare.
 */
export const bootstrapData = z.strictObject({
  user_id: bsonId,
  auth_key: z.string(),
  user: z.strictObject({ user }),
  team: z.array(z.strictObject({ user })),
  account_type: z.enum(['pro', 'trial', 'free']),
  settings: settings.optional(),
  cost_setup: z
    .strictObject({
      cost_enabled: z.boolean().optional(),
      cost_required: z.boolean().optional(),
      commission_base: z.enum(['amount', 'margin']),
      commission_percentage: z.number().optional(),
    })
    .optional(),
  custom_fields: z.array(z.strictObject({ custom_field: field })).optional(),
  company_fields: z.array(z.strictObject({ company_field: field })).optional(),
  deal_fields: z.array(z.strictObject({ deal_field: field })).optional(),
  filters: z
    .array(
      z.strictObject({
        filter: z.strictObject({
          id: bsonId,
          name: z.string(),
          conditions: z.array(z.array(z.string())).optional(),
        }),
      }),
    )
    .optional(),
  call_results: z.record(z.string(), z.string()).optional(),
  call_results_order: z.array(z.string()).optional(),
  next_action_dates: z
    .array(z.strictObject({ number: z.number().int(), period: z.enum(['days', 'weeks', 'months']) }))
    .optional(),
  predefined_actions: z
    .array(
      z.strictObject({
        id: bsonId,
        text: z.string(),
        days: z.number().int(),
        action_group_id: bsonId.optional(),
      }),
    )
    .optional(),
  contact_titles: z.array(z.string().max(7)).optional(),
})

export type BootstrapData = z.infer<typeof bootstrapData>
