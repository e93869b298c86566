import { addAccountDefaults } from './account-defaults.js'
import { createAction } from './actions.js'
import { createActivity } from './activities.js'
import type { ApiConfig } from './api-config.js'
import { createContact } from './contacts.js'
import type { NewId } from './object-id.js'
import { type CrmState, copyState, type UserRecord } from './records.js'
import type { SeedDocument } from './seed-document.js'

export type { SeedDocument } from './seed-document.js'

// The spec's own examples: its user id and auth_key, its contact and note ids
// (https://github.com/OnePageCRM/swagger).
export const DEFAULT_USER_ID = '5aba31e99007ba0f570c12f7'
export const DEFAULT_API_KEY = 'c+g0Y3VGHdIztKbHcjVcOuwf34EmFlXI9Qot5hTvb2F='
export const DEMO_CONTACT_ID = '5ae06ef9d55673108fe8877f'
export const DEMO_NOTE_ID = '5afc1b69d556730b580596cb'
export const DEMO_DEAL_ID = '5aaa9b059007ba08c9ebaf58'
/** The spec's example Action id. */
export const DEMO_ACTION_ID = '5aeac8789007ba56ffca92b9'

/**
 * What exists without `--seed`: one user, one contact with a deal, a note and an ASAP action, enough to run
 * the three upload steps against a note or a deal, and to see the contact in the Action Stream.
 */
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
    deals: [
      {
        id: DEMO_DEAL_ID,
        contact_id: DEMO_CONTACT_ID,
        name: 'XYZ licence',
        amount: 1200,
        expected_close_date: '2026-12-31',
      },
    ],
    notes: [
      {
        id: DEMO_NOTE_ID,
        contact_id: DEMO_CONTACT_ID,
        text: "I met Joe Bloggs at the ABC conference. He's interested in hearing about XYZ.",
      },
    ],
    actions: [
      {
        id: DEMO_ACTION_ID,
        contact_id: DEMO_CONTACT_ID,
        status: 'asap',
        text: 'Send Joe the XYZ licence quote',
      },
    ],
  }
}

export type SeedResult =
  | {
      readonly ok: true
      readonly created: {
        users: string[]
        contacts: string[]
        deals: string[]
        notes: string[]
        webhooks: string[]
        actions: string[]
      }
    }
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
  const draft = copyState(state)
  addAccountDefaults(draft)
  const created = {
    users: [] as string[],
    contacts: [] as string[],
    deals: [] as string[],
    notes: [] as string[],
    webhooks: [] as string[],
    actions: [] as string[],
  }
  for (const user of seed.users) {
    if (draft.users.has(user.id)) return { ok: false, error: `users: ${user.id} already exists` }
    draft.users.set(user.id, user satisfies UserRecord)
    created.users.push(user.id)
  }
  const [owner] = draft.users.values()
  if (owner === undefined) return { ok: false, error: 'users: a seed needs at least one user' }
  if (seed.storage_used_elsewhere !== undefined) {
    const before = draft.storage_elsewhere.get('elsewhere')?.bytes ?? 0
    draft.storage_elsewhere.set('elsewhere', { id: 'elsewhere', bytes: before + seed.storage_used_elsewhere })
  }
  for (const { id: fixedId, ...webhook } of seed.webhooks ?? []) {
    const id = fixedId ?? options.newId()
    if (draft.webhooks.has(id)) return { ok: false, error: `webhooks: ${id} already exists` }
    draft.webhooks.set(id, { id, ...webhook })
    created.webhooks.push(id)
  }
  const context = (user: UserRecord, fixedId: string | undefined) => ({
    state: draft,
    config: options.config,
    user,
    now: options.now,
    // The record's own id is the first asked for; what it makes besides (a company) gets new ones.
    newId: fixedId === undefined ? options.newId : firstThen(fixedId, options.newId),
  })
  for (const [index, { id: contactId, ...body }] of seed.contacts.entries()) {
    if (contactId !== undefined && draft.contacts.has(contactId)) {
      return { ok: false, error: `contacts[${index}]: ${contactId} already exists` }
    }
    const result = createContact(context(owner, contactId), body)
    if (!result.ok) return { ok: false, error: `contacts[${index}]: ${describe(result.failure)}` }
    created.contacts.push(result.value.id)
  }
  // Deals before notes, which may link one (`linked_deal_id`).
  for (const [list, type] of [
    ['deals', 'deal'],
    ['notes', 'note'],
  ] as const) {
    for (const [index, { id: fixedId, author_id, ...body }] of seed[list].entries()) {
      const author = author_id === undefined ? owner : draft.users.get(author_id)
      if (author === undefined) return { ok: false, error: `${list}[${index}]: no user ${author_id}` }
      if (fixedId !== undefined && draft[type].has(fixedId)) {
        return { ok: false, error: `${list}[${index}]: ${fixedId} already exists` }
      }
      const result = createActivity(context(author, fixedId), type, body)
      if (!result.ok) return { ok: false, error: `${list}[${index}]: ${describe(result.failure)}` }
      created[list].push(result.value.id)
    }
  }
  for (const [index, { id: fixedId, ...body }] of (seed.actions ?? []).entries()) {
    if (fixedId !== undefined && (draft.actions.has(fixedId) || draft.deleted_actions.has(fixedId))) {
      return { ok: false, error: `actions[${index}]: ${fixedId} already exists` }
    }
    const result = createAction(context(owner, fixedId), body, undefined, 'actions')
    if (!result.ok) return { ok: false, error: `actions[${index}]: ${describe(result.failure)}` }
    created.actions.push(result.value.id)
  }
  for (const key of Object.keys(draft) as Array<keyof CrmState>) {
    const target = state[key] as Map<string, unknown>
    target.clear()
    for (const [entryId, record] of draft[key] as Map<string, unknown>) target.set(entryId, record)
  }
  return { ok: true, created }
}

function firstThen(first: string, next: NewId): NewId {
  let used = false
  return () => {
    if (used) return next()
    used = true
    return first
  }
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
