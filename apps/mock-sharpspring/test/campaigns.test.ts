import { describe, expect, it } from 'vitest'
import { rpcApp } from './rpc-app.js'

// SharpSpring's createCampaigns sample and what its getCampaignsDateRange sample reads back.
const SAMPLE = {
  campaignName: 'Test Campaign API',
  campaignType: 'Social',
  campaignAlias: 'Campaign Alias',
  campaignOrigin: 'Salesforce',
  qty: '1',
  price: '500',
  goal: '3000',
  otherCosts: '50',
  startDate: '2016-10-23 00:00:00',
  endDate: '2016-10-29 00:00:00',
  isActive: '1',
}

describe('campaigns', () => {
  it('creates as the sample does and reads back as its sample response reads', async () => {
    const api = await rpcApp()
    const created = await api.call('createCampaigns', { objects: [SAMPLE, { campaignName: 'Bare' }] })
    expect(created.error).toEqual([])
    const [sample, bare] = created.result.creates.map((item: { id: number }) => item.id)
    expect((await api.call('getCampaign', { id: sample })).result.campaign).toEqual([
      {
        id: String(sample),
        campaignName: 'Test Campaign API',
        campaignType: 'Social',
        campaignAlias: 'Campaign Alias',
        campaignOrigin: 'Salesforce',
        qty: '1',
        price: '500.00',
        goal: '3000.00',
        otherCosts: '50.00',
        startDate: '2016-10-23',
        endDate: '2016-10-29',
        isActive: '1',
      },
    ])
    expect((await api.call('getCampaigns', { where: { id: bare } })).result.campaign).toEqual([
      {
        id: String(bare),
        campaignName: 'Bare',
        campaignType: null,
        campaignAlias: null,
        campaignOrigin: 'SharpSpring',
        qty: '0',
        price: '0.00',
        goal: '0.00',
        otherCosts: '0.00',
        startDate: null,
        endDate: null,
        isActive: '1',
      },
    ])
    expect((await api.call('getCampaign', { id: 5 })).result).toEqual({ campaign: [] })
    const range = await api.call('getCampaignsDateRange', {
      startDate: '2026-03-01 00:00:00',
      endDate: '2026-03-01 23:59:59',
      timestamp: 'create',
    })
    expect(range.result.campaign.map((c: { id: string }) => c.id)).toEqual([String(sample), String(bare)])
  })

  it('updates by id (302 when nothing changes, silent for an unknown id) and deletes', async () => {
    const api = await rpcApp()
    const created = await api.call('createCampaigns', { objects: [SAMPLE] })
    const id = created.result.creates[0].id
    api.clock.advance(60_000)
    const updated = await api.call('updateCampaigns', {
      objects: [
        { id, isActive: 0, price: 12.5 },
        { id, campaignName: 'Test Campaign API' },
        { id: 1, goal: 1 },
      ],
    })
    expect(updated.result.updates).toEqual([
      { success: true, error: null },
      { success: false, error: { code: 302, message: 'No table rows affected', data: [] } },
      { success: true, error: null },
    ])
    expect(api.state.tables.campaign.get(String(id))).toMatchObject({ isActive: '0', price: '12.50' })
    const changed = await api.call('getCampaignsDateRange', {
      startDate: '2026-03-01 12:01:00',
      endDate: '2026-03-01 12:01:00',
      timestamp: 'update',
    })
    expect(changed.result.campaign).toHaveLength(1)
    const deleted = await api.call('deleteCampaigns', { objects: [{ id }, { id }] })
    expect(deleted.result.deletes.map((item: { success: boolean }) => item.success)).toEqual([true, false])
    expect(api.state.tables.campaign.size).toBe(0)
  })

  it('refuses values the columns cannot take and keys they lack, object by object, keeping nothing', async () => {
    const api = await rpcApp()
    const before = api.snapshot()
    const refused = await api.call('createCampaigns', {
      objects: [
        { ...SAMPLE, price: 'a lot' },
        { ...SAMPLE, isActive: 2 },
        { ...SAMPLE, startDate: '2016-13-01' },
        { ...SAMPLE, campaignName: ['x'] },
        { ...SAMPLE, budget: 5 },
        { campaignType: 'Email' },
      ],
    })
    expect(refused.result.creates.map((item: { error: { code: number } }) => item.error.code)).toEqual([
      205, 205, 205, 210, 205, 205,
    ])
    expect(refused.result.creates[4].error.data).toMatchObject({ notEmulated: ['budget'] })
    expect(refused.result.creates[5].error.data).toEqual({ missing: ['campaignName'] })
    expect(refused.error).toHaveLength(6)
    expect((await api.call('getCampaigns', { where: { campaignName: 'x' } })).error.data).toMatchObject({
      notEmulated: ['where.campaignName'],
    })
    expect(api.snapshot()).toBe(before)
  })
})
