import type { AttachmentRecord, ContactRecord, CrmState, DealRecord, UserRecord } from './records.js'

// What a record's rendering needs from its relations, asked of the state here so that `http/` only
// formats: the vendor's read answers embed these (the spec's Contact, Note and Deal schemas).

/** A contact's deals, and the sum of the pending ones (`pending_deal`, `total_pendings`). */
export function dealSummaryOf(
  state: CrmState,
  contact: ContactRecord,
): { count: number; pending: number; pendingAmount: number } {
  const deals = [...state.deal.values()].filter((deal) => deal.contact_id === contact.id)
  const pending = deals.filter((deal) => deal.status === 'pending')
  return {
    count: deals.length,
    pending: pending.length,
    pendingAmount: pending.reduce((sum, deal) => sum + deal.amount, 0),
  }
}

/** The deal a note is linked to, if it still exists. */
export const linkedDealOf = (state: CrmState, dealId: string | null): DealRecord | undefined =>
  dealId === null ? undefined : state.deal.get(dealId)

/** Whether any note is linked to the deal (`has_related_notes`). */
export const hasRelatedNotes = (state: CrmState, dealId: string): boolean =>
  [...state.note.values()].some((note) => note.linked_deal_id === dealId)

export const userOf = (state: CrmState, userId: string): UserRecord | undefined => state.users.get(userId)

/** The attachment behind a contact's photo or a user's avatar. */
export const attachmentOf = (
  state: CrmState,
  attachmentId: string | undefined,
): AttachmentRecord | undefined =>
  attachmentId === undefined ? undefined : state.attachments.get(attachmentId)

/** A company's roll-ups (the spec's Company): its contacts, and its contacts' won and pending deals. */
export function companySummaryOf(
  state: CrmState,
  companyId: string,
): { contacts: number; won: number; wonAmount: number; pending: number; pendingAmount: number } {
  const contacts = new Set(
    [...state.contacts.values()]
      .filter((contact) => contact.company_id === companyId)
      .map((contact) => contact.id),
  )
  const deals = [...state.deal.values()].filter((deal) => contacts.has(deal.contact_id))
  const won = deals.filter((deal) => deal.status === 'won')
  const pending = deals.filter((deal) => deal.status === 'pending')
  const sum = (list: readonly DealRecord[]) => list.reduce((total, deal) => total + deal.amount, 0)
  return {
    contacts: contacts.size,
    won: won.length,
    wonAmount: sum(won),
    pending: pending.length,
    pendingAmount: sum(pending),
  }
}

/** "Number of contacts within the contact's company" (the spec's Contact `company_size`). */
export const companySizeOf = (state: CrmState, companyId: string): number =>
  [...state.contacts.values()].filter((contact) => contact.company_id === companyId).length
