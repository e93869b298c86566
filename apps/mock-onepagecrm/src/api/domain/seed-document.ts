import { z } from 'zod'

// Loaded only to read a seed document (`--seed`, `POST /__admin/seed`): zod's import costs ~50 ms, which a
// mock that starts with its demo data should not pay.

const id = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character lowercase hex id')

/**
 * A `--seed` file (and the body of `POST /__admin/seed`): users, then contacts, deals, notes and actions created through the
 * same rules as the API, so a seed cannot hold what the API would refuse. Ids are optional; given ones
 * make tests and docs repeatable.
 */
const seedDocument = z.strictObject({
  users: z
    .array(
      z.strictObject({
        id,
        api_key: z.string().min(1),
        first_name: z.string().default(''),
        last_name: z.string().default(''),
        email: z.string().default(''),
        company_name: z.string().default(''),
      }),
    )
    .default([]),
  contacts: z.array(z.looseObject({ id: id.optional() })).default([]),
  deals: z.array(z.looseObject({ id: id.optional(), contact_id: id, author_id: id.optional() })).default([]),
  notes: z.array(z.looseObject({ id: id.optional(), contact_id: id, author_id: id.optional() })).default([]),
  // Webhooks are made in the app, never through the API (the spec's Webhook: `name` ≤ 140).
  webhooks: z
    .array(
      z.strictObject({
        id: id.optional(),
        name: z.string().max(140),
        hook_url: z.url({ protocol: /^https?$/ }).max(2048),
        secretkey: z.string().max(255).default(''),
      }),
    )
    .optional(),
  // Bytes of the account's storage used besides the API's attachments (files attached in the web app): a
  // test sets how much storage is left. Seeds add up.
  storage_used_elsewhere: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  // Created by the first user, for `assignee_id` (by default that user).
  actions: z.array(z.looseObject({ id: id.optional(), contact_id: id })).optional(),
})

export type SeedDocument = z.output<typeof seedDocument>

/** A seed document checked against `seedDocument`, or what is wrong with it, on one line. */
export function parseSeed(json: unknown): { ok: true; seed: SeedDocument } | { ok: false; error: string } {
  const parsed = seedDocument.safeParse(json)
  return parsed.success
    ? { ok: true, seed: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error).replaceAll('\n', ' ') }
}
