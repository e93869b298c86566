import type { ContactRecord, CrmState, UserRecord } from './records.js'
import { actionStreamContactIds } from './stream-counts.js'

/**
 * How many contacts have something (a status, a lead source, a tag), as the spec's Status, Lead_source and
 * Tag count them: `counts` those the caller owns, `total_count` the whole team's, `action_stream_count`
 * those in the caller's Action Stream, `team_counts` per user.
 */
export interface ContactCounts {
  readonly counts: number
  readonly total_count: number
  readonly action_stream_count: number
  readonly team_counts: ReadonlyArray<{ readonly user_id: string; readonly counts: number }>
}

export function contactCounts(
  state: CrmState,
  caller: UserRecord,
  has: (contact: ContactRecord) => boolean,
): ContactCounts {
  const matching = [...state.contacts.values()].filter(has)
  const stream = actionStreamContactIds(state, caller.id)
  const owned = (userId: string) => matching.filter((contact) => contact.owner_id === userId).length
  return {
    counts: owned(caller.id),
    total_count: matching.length,
    action_stream_count: matching.filter((contact) => stream.has(contact.id)).length,
    team_counts: [...state.users.values()].map((user) => ({ user_id: user.id, counts: owned(user.id) })),
  }
}

/** A contact's letter in the contact list: its last name's (or company's) first, `1` if not a–z. */
export function contactLetter(contact: ContactRecord): string {
  const letter = (contact.last_name || contact.company_name).slice(0, 1).toLowerCase()
  return /^[a-z]$/.test(letter) ? letter : '1'
}

const LETTERS = ['1', ...'abcdefghijklmnopqrstuvwxyz']

/**
 * The bootstrap's `contacts_count`: contacts per letter for the account and for each user (the spec's
 * Contacts_count). `all` is one object, as the Java SDK's fixture and parser have it.
 */
export function contactsCount(state: CrmState) {
  const tally = (contacts: ContactRecord[]) => {
    const counts: Record<string, number> = Object.fromEntries(LETTERS.map((letter) => [letter, 0]))
    for (const contact of contacts) counts[contactLetter(contact)] = (counts[contactLetter(contact)] ?? 0) + 1
    return { ...counts, total_count: contacts.length }
  }
  const contacts = [...state.contacts.values()]
  return {
    all: tally(contacts),
    users: [...state.users.values()].map((user) => ({
      user_id: user.id,
      ...tally(contacts.filter((contact) => contact.owner_id === user.id)),
    })),
  }
}
