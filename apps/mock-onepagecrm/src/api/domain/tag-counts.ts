import { contactCounts } from './contact-counts.js'
import { byText } from './lookup-collections.js'
import type { ContactRecord, CrmState, UserRecord } from './records.js'
import { waitingContacts } from './stream-counts.js'

// The bootstrap's `tags` (the spec's getBootstrap and Tag): the tags on the account's contacts, alphabetical
// (as the Java SDK's fixture lists them), with the caller's, the team's and the caller's Action Stream's
// counts; and the system tags `starred`, `pendings` and `waiting` with the caller's and the team's counts,
// the names and shape of that fixture. What `pendings` counts is inferred: contacts with a pending deal;
// `starred` counts the caller's stars and anyone's (starring is per user).

export function tagCounts(state: CrmState, caller: UserRecord) {
  const contacts = [...state.contacts.values()]
  const names = [...new Set(contacts.flatMap((contact) => contact.tags))].sort(byText)
  const tags = names.map((name) => {
    const { counts, total_count, action_stream_count } = contactCounts(state, caller, (contact) =>
      contact.tags.includes(name),
    )
    return { name, counts, total_count, action_stream_count }
  })
  const pending = new Set(
    [...state.deal.values()].filter((deal) => deal.status === 'pending').map((deal) => deal.contact_id),
  )
  const waiting = new Set(waitingContacts(state).map((contact) => contact.id))
  const system = (name: string, has: (contact: ContactRecord) => boolean) => {
    const { counts, total_count } = contactCounts(state, caller, has)
    return { name, counts, total_count }
  }
  return {
    tags,
    system_tags: [
      {
        name: 'starred',
        counts: contacts.filter((contact) => contact.starred_by.includes(caller.id)).length,
        total_count: contacts.filter((contact) => contact.starred_by.length > 0).length,
      },
      system('pendings', (contact) => pending.has(contact.id)),
      system('waiting', (contact) => waiting.has(contact.id)),
    ],
  }
}
