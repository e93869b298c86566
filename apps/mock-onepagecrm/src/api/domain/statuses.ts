import { LEAD_STATUS_ID } from './account-defaults.js'
import { preconditionFailed } from './api-failures.js'
import type { Collection } from './lookup-collections.js'
import type { StatusRecord } from './records.js'

/** The colours a status may have (the spec's Status `color` enum). */
export const STATUS_COLORS = ['666666', '3399ff', 'cc0000', 'f96600', '000000', 'ff00ff', '009900'] as const

const LEAD_STAYS = 'The lead status cannot be deleted.'

/**
 * Contact statuses (the spec's Status and its operations): `text` (≤ 20) and `color` required, `description`
 * (≤ 33) cleared when a full update leaves it out; the kind (`status`) is the server's, `customN` for new
 * ones. Listed in their configured order (creation order). Deleting one makes its contacts leads; the lead
 * status itself cannot go. The account limit is inferred.
 */
export const statuses: Collection<StatusRecord> = {
  resource: 'status',
  plural: 'statuses',
  records: (state) => state.statuses,
  limit: 50,
  writable: ({ text, color, description }) => ({ text, color, description }),
  read: (fields, ctx, existing, id) => ({
    id,
    status: existing?.status ?? nextCustomKind(ctx.state.statuses.values()),
    text: fields.string('text', { required: true, max: 20 }) ?? '',
    color: fields.choice('color', STATUS_COLORS, { required: true }) ?? '',
    description: fields.string('description', { max: 33 }) ?? '',
  }),
  removable: (_ctx, status) =>
    status.status === 'lead' ? preconditionFailed(LEAD_STAYS, { id: LEAD_STAYS }) : undefined,
  onRemove: (ctx, status) => {
    // "Contacts, companies and webhooks using it fall back to the lead status" (the spec's deleteStatus).
    for (const contact of ctx.state.contacts.values()) {
      if (contact.status_id === status.id)
        ctx.state.contacts.set(contact.id, { ...contact, status_id: LEAD_STATUS_ID })
    }
  },
}

/** `custom1`, `custom2`, …: one past the highest taken (inferred: the spec names only the form). */
function nextCustomKind(existing: Iterable<StatusRecord>): string {
  let highest = 0
  for (const { status } of existing) {
    const match = /^custom(\d+)$/.exec(status)
    if (match !== null) highest = Math.max(highest, Number(match[1]))
  }
  return `custom${highest + 1}`
}
