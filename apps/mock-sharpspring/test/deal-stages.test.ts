import { describe, expect, it } from 'vitest'
import { applySeed } from '../src/domain/seed.js'
import { rpcApp, T0 } from './rpc-app.js'

describe('deal stages', () => {
  it('creates, reads one, lists by id and by date range, all under the result key dealStage', async () => {
    const api = await rpcApp()
    const created = await api.call('createDealStages', {
      objects: [
        {
          dealStageName: 'Demo',
          description: 'Showing it',
          defaultProbability: '50',
          weight: 5,
          isEditable: 1,
        },
        { dealStageName: 'Won back', defaultProbability: 101 },
      ],
    })
    const [made, refused] = created.result.creates
    expect(made).toEqual({ success: true, error: null, id: expect.any(Number) })
    expect(refused).toMatchObject({
      success: false,
      error: { code: 205, data: { field: 'defaultProbability' } },
    })
    expect(created.error).toEqual([refused.error])
    const one = await api.call('getDealStage', { id: made.id })
    expect(one).toEqual({
      result: {
        dealStage: [
          {
            id: String(made.id),
            dealStageName: 'Demo',
            description: 'Showing it',
            defaultProbability: '50',
            weight: '5',
            isEditable: '1',
          },
        ],
      },
      error: null,
      id: 'call-getDealStage',
    })
    expect((await api.call('getDealStage', { id: 1 })).result).toEqual({ dealStage: [] })
    const byId = await api.call('getDealStages', { where: { id: made.id } })
    expect(byId.result.dealStage).toHaveLength(1)
    expect((await api.call('getDealStages', { where: {} })).result.dealStage).toHaveLength(7)
    const range = await api.call('getDealStagesDateRange', {
      startDate: '2026-03-01 12:00:00',
      endDate: '2026-03-01 12:00:00',
      timestamp: 'create',
    })
    // The demo's stages were made at the same instant as this one (the test's clock).
    expect(range.result.dealStage.map((stage: { id: string }) => stage.id)).toContain(String(made.id))
    const before = await api.call('getDealStagesDateRange', {
      startDate: '2026-01-01',
      endDate: '2026-02-28',
      timestamp: 'update',
    })
    expect(before.result.dealStage).toEqual([])
  })

  it('deletes a stage no opportunity is in; one in use, an unknown id or a key it lacks changes nothing', async () => {
    const api = await rpcApp()
    const before = api.snapshot()
    const refused = await api.call('deleteDealStages', { objects: [{ id: api.demo.dealStageId }, { id: 1 }] })
    expect(refused.result.deletes).toEqual([
      {
        success: false,
        error: {
          code: 205,
          message: 'Invalid parameters.',
          data: {
            id: api.demo.dealStageId,
            reason: 'opportunities are in this deal stage',
            opportunities: 1,
          },
        },
      },
      { success: false, error: { code: 302, message: 'No table rows affected', data: [] } },
    ])
    const unknown = await api.call('createDealStages', { objects: [{ dealStageName: 'X', color: 'red' }] })
    expect(unknown.result.creates[0].error.data).toMatchObject({
      notEmulated: ['color'],
      reason: 'color is not emulated by crmkit',
    })
    expect(api.snapshot()).toBe(before)
    const [unused] = [...api.state.tables.dealStage.keys()].filter((id) => id !== api.demo.dealStageId)
    const deleted = await api.call('deleteDealStages', { objects: [{ id: unused }] })
    expect(deleted).toEqual({
      result: { deletes: [{ success: true, error: null }] },
      error: [],
      id: 'call-deleteDealStages',
    })
    expect(api.state.tables.dealStage.has(unused ?? '')).toBe(false)
    // There is no updateDealStages.
    expect((await api.call('updateDealStages', { objects: [] })).error.code).toBe(204)
  })
})

describe('deal stage seeds', () => {
  it('are made before the objects, so a seeded opportunity may be in a seeded stage', async () => {
    const api = await rpcApp()
    const seeded = applySeed(
      { state: api.state, now: T0, newId: () => 1, fileFieldType: 'upload' },
      {
        dealStages: [{ id: 777, dealStageName: 'Seeded' }],
        opportunities: [
          { opportunityName: 'S', ownerID: 1, dealStageID: 777, closeDate: '2026-12-31', id: 778 },
        ],
      },
    )
    expect(seeded).toEqual({ ok: true, created: { dealStages: [777], opportunities: [778] } })
    expect(
      applySeed(
        { state: api.state, now: T0, newId: () => 1, fileFieldType: 'upload' },
        { dealStages: [{ id: 777, dealStageName: 'Again' }] },
      ),
    ).toEqual({
      ok: false,
      error: 'dealStages[0]: id 777 already exists',
    })
  })
})
