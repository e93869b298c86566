import { describe, expect, it } from 'vitest'
import { applySeed } from '../src/domain/seed.js'
import { rpcApp, T0 } from './rpc-app.js'

describe('opportunity leads', () => {
  it('links leads to opportunities once, reads them under their own keys, pages getOpportunityLeads with hasMore', async () => {
    const api = await rpcApp()
    const lead = await api.call('createLeads', { objects: [{ emailAddress: 'second@example.com' }] })
    const second = lead.result.creates[0].id
    const created = await api.call('createOpportunityLeads', {
      objects: [
        { opportunityID: api.demo.opportunityId, leadID: api.demo.leadId },
        { opportunityID: String(api.demo.opportunityId), leadID: second },
        { opportunityID: api.demo.opportunityId, leadID: api.demo.leadId },
        { opportunityID: 1, leadID: api.demo.leadId },
        { opportunityID: api.demo.opportunityId },
      ],
    })
    const [first, , duplicate, noOpportunity, missing] = created.result.creates
    expect(duplicate.error).toEqual({ code: 301, message: 'Entry already exists', data: [] })
    expect(noOpportunity.error.data).toEqual({ field: 'opportunityID', reason: 'no such opportunity' })
    expect(missing.error.data).toEqual({ missing: ['leadID'] })
    expect((await api.call('getOpportunityLead', { id: first.id })).result).toEqual({
      opportunityLead: [
        {
          id: String(first.id),
          opportunityID: String(api.demo.opportunityId),
          leadID: String(api.demo.leadId),
        },
      ],
    })
    const page = await api.call('getOpportunityLeads', {
      where: { opportunityID: api.demo.opportunityId },
      limit: 1,
    })
    expect(page).toEqual({
      hasMore: true,
      result: {
        getWhereopportunityLeads: [expect.objectContaining({ id: String(first.id) })],
        hasMore: true,
      },
      error: [],
      id: 'call-getOpportunityLeads',
    })
    const last = await api.call('getOpportunityLeads', {
      where: { opportunityID: api.demo.opportunityId },
      offset: 1,
    })
    expect(last.hasMore).toBe(false)
    expect(last.result.getWhereopportunityLeads).toHaveLength(1)
    const range = await api.call('getOpportunityLeadsDateRange', {
      startDate: '2026-03-01',
      endDate: '2026-03-01',
      timestamp: 'create',
    })
    expect(range).toMatchObject({ error: null })
    expect(range.result.opportunityLead).toHaveLength(2)
  })

  it('keeps nothing of refused links', async () => {
    const api = await rpcApp()
    const before = api.snapshot()
    const refused = await api.call('createOpportunityLeads', {
      objects: [
        { opportunityID: api.demo.opportunityId, leadID: 1 },
        { opportunityID: api.demo.opportunityId, leadID: api.demo.leadId, note: 'x' },
        { opportunityID: 'abc', leadID: api.demo.leadId },
      ],
    })
    expect(refused.result.creates.map((item: { error: { code: number } }) => item.error.code)).toEqual([
      205, 205, 205,
    ])
    expect(
      (await api.call('deleteOpportunityLeads', { objects: [{ id: 1 }] })).result.deletes[0].error.code,
    ).toBe(302)
    expect(api.snapshot()).toBe(before)
  })

  it('deletes links by id, and with the lead or opportunity they join', async () => {
    const api = await rpcApp()
    const link = await api.call('createOpportunityLeads', {
      objects: [{ opportunityID: api.demo.opportunityId, leadID: api.demo.leadId }],
    })
    const id = link.result.creates[0].id
    expect((await api.call('deleteOpportunityLeads', { objects: [{ id }] })).result.deletes).toEqual([
      { success: true, error: null },
    ])
    await api.call('createOpportunityLeads', {
      objects: [{ opportunityID: api.demo.opportunityId, leadID: api.demo.leadId }],
    })
    expect(api.state.tables.opportunityLead.size).toBe(1)
    await api.call('deleteOpportunities', { objects: [{ id: api.demo.opportunityId }] })
    expect(api.state.tables.opportunityLead.size).toBe(0)
    // There is no updateOpportunityLeads.
    expect((await api.call('updateOpportunityLeads', { objects: [] })).error.code).toBe(204)
  })

  it('are seeded after the objects they join', async () => {
    const api = await rpcApp()
    const ctx = { state: api.state, now: T0, newId: () => 999, fileFieldType: 'upload' }
    expect(
      applySeed(ctx, {
        opportunityLeads: [{ opportunityID: 501, leadID: 502 }],
        leads: [{ id: 502, emailAddress: 'seeded@example.com' }],
        opportunities: [
          {
            id: 501,
            opportunityName: 'S',
            ownerID: 1,
            dealStageID: api.demo.dealStageId,
            closeDate: '2026-12-31',
          },
        ],
      }),
    ).toEqual({ ok: true, created: { leads: [502], opportunities: [501], opportunityLeads: [999] } })
  })
})
