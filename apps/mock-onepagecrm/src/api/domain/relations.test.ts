import { describe, expect, it } from 'vitest'
import { createApiConfig } from './api-config.js'
import { createObjectIdFactory } from './object-id.js'
import { createEmptyState } from './records.js'
import { dealSummaryOf, hasRelatedNotes, linkedDealOf } from './relations.js'
import { applySeed, DEMO_CONTACT_ID, DEMO_DEAL_ID, demoSeed } from './seed.js'

describe('relations a rendering embeds', () => {
  it('sums a contact’s pending deals and tells a deal’s linked notes', () => {
    const state = createEmptyState()
    const now = new Date('2026-03-01T12:00:00Z')
    const seeded = applySeed(state, demoSeed(), {
      config: createApiConfig(),
      now,
      newId: createObjectIdFactory(
        () => now,
        () => new Uint8Array(16).fill(7),
      ),
    })
    expect(seeded.ok).toBe(true)
    const contact = state.contacts.get(DEMO_CONTACT_ID)
    if (contact === undefined) throw new Error('no demo contact')
    expect(dealSummaryOf(state, contact)).toEqual({ count: 1, pending: 1, pendingAmount: 1200 })
    expect(hasRelatedNotes(state, DEMO_DEAL_ID)).toBe(false)
    expect(linkedDealOf(state, DEMO_DEAL_ID)?.name).toBe('XYZ licence')
    expect(linkedDealOf(state, null)).toBeUndefined()
  })
})
