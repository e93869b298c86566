import type { ContactRecord, CrmState, UserRecord } from './records.js'

// What the Action Stream holds, for the counters the bootstrap, statuses, lead sources and tags carry.
// The developer portal (Statuses, "Optional Contact Count"): a user's action-stream count is "the sum of
// all contacts owned by that user and all other team members contacts that the current user has actions
// with". Actions are emulated by another part of crmkit; until they are counted here, a user's stream is
// the contacts it owns, and no contact is waiting for anything.

/** The ids of the contacts in `userId`'s Action Stream. */
export function actionStreamContactIds(state: CrmState, userId: string): ReadonlySet<string> {
  const ids = new Set<string>()
  for (const contact of state.contacts.values()) if (contact.owner_id === userId) ids.add(contact.id)
  return ids
}

/**
 * The bootstrap's `team_stream` (the spec's Team_stream): entries in each user's Action Stream, and in the
 * whole account's (`team_stream`, every contact once).
 */
export function teamStreamCounts(
  state: CrmState,
  _user: UserRecord,
): { all: number; users: Array<{ user_id: string; counts: number }> } {
  const all = new Set<string>()
  const users = [...state.users.values()].map((member) => {
    const ids = actionStreamContactIds(state, member.id)
    for (const id of ids) all.add(id)
    return { user_id: member.id, counts: ids.size }
  })
  return { all: all.size, users }
}

/** Contacts with a waiting-for action (the `waiting` system tag): none until actions are counted here. */
export function waitingContacts(_state: CrmState): ContactRecord[] {
  return []
}
