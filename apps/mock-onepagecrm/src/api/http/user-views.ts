import type { UserRecord } from '../domain/records.js'
import { bccEmail } from '../domain/users.js'
import { userView, type ViewContext } from './views.js'

/**
 * A user as a member of the caller's team sees it: the spec's User, with `bcc_email` only for the caller
 * ("you only see your own"; `google_contacts_email` needs Google, which crmkit has not).
 */
export async function memberView(view: ViewContext, user: UserRecord, caller: UserRecord) {
  return {
    ...(await userView(view, user)),
    ...(user.id === caller.id ? { bcc_email: bccEmail(user) } : {}),
  }
}
