import { OTHER_LEAD_SOURCE_ID } from './account-defaults.js'
import { preconditionFailed } from './api-failures.js'
import { byText, type Collection } from './lookup-collections.js'
import type { LeadSourceRecord } from './records.js'

const LAST_SOURCE = 'An account must always keep at least one lead source.'

/**
 * Lead sources (the spec's Lead_source and its operations): `text` (≤ 40) required; a new one's id is an
 * ObjectId, the built-in ones keep their slugs. Kept in alphabetical order, the built-in `other` last (the
 * Java SDK's fixture). Deleting one clears it from its contacts; the last one cannot go. The account limit
 * is inferred.
 */
export const leadSources: Collection<LeadSourceRecord> = {
  resource: 'lead_source',
  plural: 'lead sources',
  records: (state) => state.lead_sources,
  limit: 100,
  writable: ({ text }) => ({ text }),
  read: (fields, _ctx, _existing, id) => ({
    id,
    text: fields.string('text', { required: true, max: 40 }) ?? '',
  }),
  compare: (a, b) =>
    Number(a.id === OTHER_LEAD_SOURCE_ID) - Number(b.id === OTHER_LEAD_SOURCE_ID) || byText(a.text, b.text),
  removable: (ctx) =>
    ctx.state.lead_sources.size <= 1 ? preconditionFailed(LAST_SOURCE, { id: LAST_SOURCE }) : undefined,
  onRemove: (ctx, source) => {
    for (const contact of ctx.state.contacts.values()) {
      if (contact.lead_source_id === source.id) {
        ctx.state.contacts.set(contact.id, { ...contact, lead_source_id: null })
      }
    }
  },
}
