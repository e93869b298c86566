import { z } from 'zod'
import { createActivity } from './activities.js'
import type { ApiConfig } from './api-config.js'
import { createContact } from './contacts.js'
import type { NewId } from './object-id.js'
import type { CrmState, UserRecord } from './records.js'

const id = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character lowercase hex id')

/**
 * A `--seed` file (and the body of `POST /__admin/seed`): users, then contacts and notes created through the
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
  notes: z.array(z.looseObject({ id: id.optional(), contact_id: id, author_id: id.optional() })).default([]),
})

export type SeedDocument = z.output<typeof seedDocument>

/** A seed document checked against `seedDocument`, or what is wrong with it, on one line. */
export function parseSeed(json: unknown): { ok: true; seed: SeedDocument } | { ok: false; error: string } {
  const parsed = seedDocument.safeParse(json)
  return parsed.success
    ? { ok: true, seed: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error).replaceAll('\n', ' ') }
}

// The spec's own examples: its user id and auth_key, its contact and note ids
// (https://github.com/OnePageCRM/swagger).
export const DEFAULT_USER_ID = '5aba31e99007ba0f570c12f7'
export const DEFAULT_API_KEY = 'c+g0Y3VGHdIztKbHcjVcOuwf34EmFlXI9Qot5hTvb2F='
export const DEMO_CONTACT_ID = '5ae06ef9d55673108fe8877f'
export const DEMO_NOTE_ID = '5afc1b69d556730b580596cb'

/** What exists without `--seed`: one user, one contact and one note, enough to run the three upload steps. */
export function demoSeed(): SeedDocument {
  return {
    users: [
      {
        id: DEFAULT_USER_ID,
        api_key: DEFAULT_API_KEY,
        first_name: 'Jane',
        last_name: 'Doe',
        email: 'jane.doe@example.com',
        company_name: 'Big Company Inc.',
      },
    ],
    contacts: [
      {
        id: DEMO_CONTACT_ID,
        first_name: 'Joe',
        last_name: 'Bloggs',
        company_name: "Morgan's Forensic Lab",
        emails: [{ type: 'work', value: 'joe.bloggs@example.com' }],
      },
    ],
    notes: [
      {
        id: DEMO_NOTE_ID,
        contact_id: DEMO_CONTACT_ID,
        text: "I met Joe Bloggs at the ABC conference. He's interested in hearing about XYZ.",
      },
    ],
  }
}

export type SeedResult =
  | { readonly ok: true; readonly created: { users: string[]; contacts: string[]; notes: string[] } }
  | { readonly ok: false; readonly error: string }

/**
 * Adds a seed to `state`; on any error nothing is added. The first user (or the state's first, for a seed
 * without users) owns and writes what the seed creates unless it names an owner or author.
 */
export function applySeed(
  state: CrmState,
  seed: SeedDocument,
  options: { config: ApiConfig; now: Date; newId: NewId },
): SeedResult {
  const draft: CrmState = {
    users: new Map(state.users),
    contacts: new Map(state.contacts),
    note: new Map(state.note),
    deal: new Map(state.deal),
    call: new Map(state.call),
    meeting: new Map(state.meeting),
    attachments: new Map(state.attachments),
  }
  const created = { users: [] as string[], contacts: [] as string[], notes: [] as string[] }
  for (const user of seed.users) {
    if (draft.users.has(user.id)) return { ok: false, error: `users: ${user.id} already exists` }
    draft.users.set(user.id, user satisfies UserRecord)
    created.users.push(user.id)
  }
  const [owner] = draft.users.values()
  if (owner === undefined) return { ok: false, error: 'users: a seed needs at least one user' }
  const context = (user: UserRecord, fixedId: string | undefined) => ({
    state: draft,
    config: options.config,
    user,
    now: options.now,
    newId: fixedId === undefined ? options.newId : () => fixedId,
  })
  for (const [index, { id: contactId, ...body }] of seed.contacts.entries()) {
    if (contactId !== undefined && draft.contacts.has(contactId)) {
      return { ok: false, error: `contacts[${index}]: ${contactId} already exists` }
    }
    const result = createContact(context(owner, contactId), body)
    if (!result.ok) return { ok: false, error: `contacts[${index}]: ${describe(result.failure)}` }
    created.contacts.push(result.value.id)
  }
  for (const [index, { id: noteId, author_id, ...body }] of seed.notes.entries()) {
    const author = author_id === undefined ? owner : draft.users.get(author_id)
    if (author === undefined) return { ok: false, error: `notes[${index}]: no user ${author_id}` }
    if (noteId !== undefined && draft.note.has(noteId)) {
      return { ok: false, error: `notes[${index}]: ${noteId} already exists` }
    }
    const result = createActivity(context(author, noteId), 'note', body)
    if (!result.ok) return { ok: false, error: `notes[${index}]: ${describe(result.failure)}` }
    created.notes.push(result.value.id)
  }
  for (const key of Object.keys(draft) as Array<keyof CrmState>) {
    const target = state[key] as Map<string, unknown>
    target.clear()
    for (const [entryId, record] of draft[key] as Map<string, unknown>) target.set(entryId, record)
  }
  return { ok: true, created }
}

function describe(
  failure: { kind: string; errors?: Readonly<Record<string, string>> } & Record<string, unknown>,
) {
  if (failure.kind === 'invalid_request_data' && failure.errors !== undefined) {
    return Object.entries(failure.errors)
      .map(([field, message]) => `${field}: ${message}`)
      .join('; ')
  }
  if (failure.kind === 'resource_not_found') return `no ${String(failure.resource)} ${String(failure.id)}`
  return failure.kind
}
