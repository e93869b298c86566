import { type ApiResult, forbidden, invalid, invalidOrMissing, notFound, ok } from './api-failures.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import type { UserRecord } from './records.js'

// The account's users (the spec's User and its operations, https://github.com/OnePageCRM/swagger): each
// can update their own details and admins anyone's; the API edits `first_name`, `last_name`,
// `company_name`, and regenerates `bcc_email`, for yourself only. Every crmkit user is an admin
// (`account_rights`), so any user may update any other.

/** The BCC dropbox address: kept once regenerated, else one made from the user's id (inferred form). */
export const bccEmail = (user: UserRecord): string => user.bcc_email ?? `${user.id}@users.onepagecrm.com`

/** Longest names (inferred: a contact's limits, the spec gives none for users). */
const MAX = { first_name: 25, last_name: 25, company_name: 55 } as const

export function getUser(ctx: CrmContext, id: string): ApiResult<UserRecord> {
  const user = ctx.state.users.get(id)
  return user === undefined ? notFound('user', id) : ok(user)
}

/**
 * `PUT /users/{id}`: without `partial`, a name left out is cleared, as for every record. `bcc_email` true
 * ("true"; "new" in the developer portal's older Users page) makes a new address; false leaves it.
 */
export function updateUser(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  partial: boolean,
): ApiResult<UserRecord> {
  const existing = ctx.state.users.get(id)
  if (existing === undefined) return notFound('user', id)
  const sent = unwrapBody(body, 'user')
  const { first_name, last_name, company_name } = existing
  const fields = new BodyFields(partial ? { first_name, last_name, company_name, ...sent } : sent)
  const names = {
    first_name: fields.string('first_name', { max: MAX.first_name }) ?? '',
    last_name: fields.string('last_name', { max: MAX.last_name }) ?? '',
    company_name: fields.string('company_name', { max: MAX.company_name }) ?? '',
  }
  const bcc = sent.bcc_email
  const regenerate = bcc === true || bcc === 'true' || bcc === 'new'
  if (!regenerate && bcc !== undefined && bcc !== null && bcc !== false && bcc !== 'false' && bcc !== '') {
    fields.fail('bcc_email', invalidOrMissing('bcc_email'))
  }
  if (!fields.valid) return invalid(fields.errors)
  if (regenerate && id !== ctx.user.id) return forbidden('You can only update bcc_email for yourself.')
  const user: UserRecord = {
    ...existing,
    ...names,
    ...(regenerate ? { bcc_email: `${ctx.newId()}@users.onepagecrm.com` } : {}),
  }
  ctx.state.users.set(id, user)
  return ok(user)
}

/**
 * `POST /change_auth_key`: a new API key, and the old one stops working ("This will change the users
 * authentication key, and therefore log them out of all applications"). Keys are 32 random bytes in
 * base64, the form of the spec's examples, which OnePageCRM's Ruby client base64-decodes
 * (OnePageCRM/ruby-client, lib/onepageapi.rb).
 */
export function changeAuthKey(ctx: CrmContext, random: (size: number) => Uint8Array): ApiResult<UserRecord> {
  const user: UserRecord = { ...ctx.user, api_key: Buffer.from(random(32)).toString('base64') }
  ctx.state.users.set(user.id, user)
  return ok(user)
}
