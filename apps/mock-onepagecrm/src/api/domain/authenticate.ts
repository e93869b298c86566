import { secretsEqual } from '@crmkit/mock-kit'
import { type ApiResult, ok, unauthorized } from './api-failures.js'
import type { CrmState, UserRecord } from './records.js'

/**
 * HTTP Basic with the user id as username and the API key as password
 * (https://github.com/OnePageCRM/swagger). Missing, malformed and wrong credentials all answer the one
 * documented 401, `authorization_data_not_found`: the vendor documents no other error name, and one answer
 * tells a prober nothing about which part was wrong.
 */
export function authenticate(state: CrmState, authorization: string | undefined): ApiResult<UserRecord> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '')
  if (match === null) return unauthorized()
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return unauthorized()
  const user = state.users.get(decoded.slice(0, colon))
  const valid = user !== undefined && secretsEqual(decoded.slice(colon + 1), user.api_key)
  return valid ? ok(user) : unauthorized()
}
