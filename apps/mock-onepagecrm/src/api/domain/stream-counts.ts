import { isNextAction } from './actions-order.js'
import type { ContactRecord, CrmState, UserRecord } from './records.js'

// What the Action Stream holds, for the counters the bootstrap, statuses, lead sources and tags carry: the
// contacts on which a user has an open next action (asap, date, date_time, waiting), as `GET /action_stream`
// and `GET /team_stream` list them (`streams.ts`; the developer portal's Action Stream page: contacts "not
// necessarily owned by him").

/** The contacts with an open next action, each with the users it is a next action of. */
function nextActionHolders(state: CrmState): Map<string, Set<string>> {
  const holders = new Map<string, Set<string>>()
  for (const action of state.actions.values()) {
    if (!isNextAction(action) || !state.contacts.has(action.contact_id)) continue
    const users = holders.get(action.contact_id) ?? new Set<string>()
    users.add(action.assignee_id)
    holders.set(action.contact_id, users)
  }
  return holders
}

/** The ids of the contacts in `userId`'s Action Stream. */
export function actionStreamContactIds(state: CrmState, userId: string): ReadonlySet<string> {
  const ids = new Set<string>()
  for (const [contactId, users] of nextActionHolders(state)) if (users.has(userId)) ids.add(contactId)
  return ids
}

/**
 * The bootstrap's `team_stream` (the spec's Team_stream): the entries of each user's Action Stream, and of
 * the whole account's (`team_stream`: every contact with a next action, once).
 */
export function teamStreamCounts(
  state: CrmState,
  _user: UserRecord,
): { all: number; users: Array<{ user_id: string; counts: number }> } {
  const holders = nextActionHolders(state)
  const users = [...state.users.values()].map((member) => ({
    user_id: member.id,
    counts: [...holders.values()].filter((holding) => holding.has(member.id)).length,
  }))
  return { all: holders.size, users }
}

/** Contacts with an open waiting-for action (the `waiting` system tag), whoever it is assigned to. */
export function waitingContacts(state: CrmState): ContactRecord[] {
  const waiting = new Set<string>()
  for (const action of state.actions.values()) {
    if (isNextAction(action) && action.status === 'waiting') waiting.add(action.contact_id)
  }
  return [...state.contacts.values()].filter((contact) => waiting.has(contact.id))
}
