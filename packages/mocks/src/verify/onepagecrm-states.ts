import type { BuiltInState } from './built-in-state.js'
import type { StateContext } from './define-states.js'
import { faultState } from './fault-state.js'
import { seedMissing } from './seed-missing.js'

/** A seed adds to OnePageCRM's users and contacts: none of either unless given. */
const NONE = { users: [], contacts: [] }

/** Seeds a contact unless it exists. */
async function seedContact(ctx: StateContext, id: string): Promise<void> {
  await seedMissing(
    ctx,
    'onepagecrm',
    'contacts',
    [{ id, first_name: 'Pact', last_name: `Contact ${id.slice(-4)}`, company_name: 'Pact Lab' }],
    NONE,
  )
}

/** An API call as the account's user (HTTP Basic), answering its JSON or throwing with its error. */
async function callApi(ctx: StateContext, path: string): Promise<Record<string, unknown>> {
  const opc = ctx.mocks.onepagecrm
  if (opc === undefined) throw new Error('The OnePageCRM mock is not running.')
  const { userId, apiKey } = opc.credentials
  const response = await fetch(`${opc.api}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}` },
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text) as Record<string, unknown>
}

/**
 * Uploads `size` bytes under `key` through the contact's upload form (`s3_form`) and the S3 emulator, as
 * a client does: the object then exists for `POST /attachments` to register.
 */
async function uploadThroughForm(
  ctx: StateContext,
  contactId: string,
  key: string,
  size: number,
): Promise<void> {
  if (!key.startsWith(`${contactId}/`))
    throw new Error(
      `The key ${key} is not under the contact's prefix ${contactId}/ (OnePageCRM's form requires it).`,
    )
  const answer = await callApi(ctx, `/attachments/s3_form.json?contact_id=${encodeURIComponent(contactId)}`)
  const form = (answer.data ?? answer) as { url: string; fields: Record<string, string | number> }
  const body = new FormData()
  for (const [name, value] of Object.entries(form.fields))
    body.append(name, name === 'key' ? key : String(value))
  body.append('filename', key.split('/').pop() ?? 'file')
  body.append('file', new Blob([Buffer.alloc(size, 0x61)]), key.split('/').pop())
  const response = await fetch(form.url, { method: 'POST', body })
  if (!response.ok)
    throw new Error(
      `The S3 upload of ${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    )
}

export const ONEPAGECRM_STATES: readonly BuiltInState[] = [
  {
    template: 'a contact {id} exists',
    provider: 'onepagecrm',
    since: 1,
    params: { id: 'string' },
    description: "A contact with that id (24 hex digits), owned by the pact's user.",
    returns: '{id}',
    setup: async ({ id }, ctx) => {
      await seedContact(ctx, id as string)
      return { id, contactId: id }
    },
  },
  {
    template: 'contact {id} has a note {noteId}',
    provider: 'onepagecrm',
    since: 1,
    params: { id: 'string', noteId: 'string' },
    description: 'The contact, and a note on it with that id.',
    returns: '{id, noteId}',
    setup: async ({ id, noteId }, ctx) => {
      await seedContact(ctx, id as string)
      await seedMissing(
        ctx,
        'onepagecrm',
        'notes',
        [{ id: noteId, contact_id: id, text: 'A note of the provider state.' }],
        NONE,
      )
      return { id, contactId: id, noteId }
    },
  },
  {
    template: 'contact {id} has {bytes} of storage left',
    provider: 'onepagecrm',
    since: 1,
    params: { id: 'string', bytes: 'bytes' },
    description:
      "The contact, and the account's storage used down to that many bytes left (`s3_form`'s `storage_left`), through the seed's `storage_used_elsewhere`.",
    returns: '{id, bytes}',
    setup: async ({ id, bytes }, ctx) => {
      await seedContact(ctx, id as string)
      const answer = await callApi(
        ctx,
        `/attachments/s3_form.json?contact_id=${encodeURIComponent(id as string)}`,
      )
      const { storage_left: left } = (answer.data ?? answer) as { storage_left: number }
      if (left < (bytes as number))
        throw new Error(`The account has only ${left} bytes of storage left, less than ${bytes}.`)
      await ctx.admin('onepagecrm', 'seed', { ...NONE, storage_used_elsewhere: left - (bytes as number) })
      return { id, contactId: id, bytes }
    },
  },
  {
    template: 'a file {key} was uploaded for contact {id}',
    provider: 'onepagecrm',
    since: 1,
    params: { key: 'string', id: 'string', size: 'bytes' },
    description:
      'The contact, and an object at that key in the S3 emulator, uploaded through its `s3_form` (optional `size`, default 1 byte).',
    returns: '{key, id}',
    setup: async ({ key, id, size }, ctx) => {
      await seedContact(ctx, id as string)
      await uploadThroughForm(ctx, id as string, key as string, (size as number | undefined) ?? 1)
      return { key, id, contactId: id }
    },
  },
  faultState(
    'the API is throttling requests',
    'onepagecrm',
    'throttle',
    "Every call answers OnePageCRM's rate-limit refusal (a plain-text 403).",
  ),
  // crmkit's own contracts (contracts/src/states.ts) name these; kept so their pacts verify.
  {
    template: 'a contact exists with a note',
    provider: 'onepagecrm',
    since: 1,
    params: { contactId: 'string', noteId: 'string' },
    description: 'Params `{contactId, noteId}`.',
    aliasOf: 'contact {id} has a note {noteId}',
    setup: ({ contactId, noteId }, ctx) =>
      ctx.apply('contact {id} has a note {noteId}', { id: contactId, noteId }),
  },
  {
    template: 'a file was uploaded to S3 through the contact upload form',
    provider: 'onepagecrm',
    since: 1,
    params: { contactId: 'string', noteId: 'string', key: 'string', size: 'bytes' },
    description: 'Params `{contactId, noteId, key, size}`: the note too.',
    aliasOf: 'a file {key} was uploaded for contact {id}',
    setup: async ({ contactId, noteId, key, size }, ctx) => {
      if (noteId !== undefined) await ctx.apply('contact {id} has a note {noteId}', { id: contactId, noteId })
      return ctx.apply('a file {key} was uploaded for contact {id}', { key, id: contactId, size })
    },
  },
]
