import { describe, expect, it } from 'vitest'
import { MAX_EVENTS_PER_LEAD } from '../src/domain/lead-timeline.js'
import { rpcApp } from './rpc-app.js'

describe('getLeadTimeline', () => {
  it('shows the opportunities made for a lead and the changes of its status and owner, oldest first', async () => {
    const api = await rpcApp()
    const leadId = api.demo.leadId
    api.clock.advance(3_600_000)
    await api.call('updateLeads', { objects: [{ id: leadId, leadStatus: 'open' }] })
    await api.call('updateLeads', { objects: [{ id: leadId, ownerID: 5, firstName: 'Augusta' }] })
    await api.call('updateLeads', { objects: [{ id: leadId, title: 'Countess' }] })
    const timeline = await api.call(
      'getLeadTimeline',
      { where: { whoID: leadId }, limit: 10, offset: 0 },
      'v1',
    )
    expect(timeline).toEqual({
      result: {
        leadTimeline: [
          {
            id: String(api.demo.opportunityId),
            leadID: String(leadId),
            eventName: 'Opportunity was Created',
            whatID: String(api.demo.opportunityId),
            whatType: 'opportunity',
            eventData: null,
            eventSource: 'oppCreate',
            createTimestamp: '2026-03-01 07:00:00',
          },
          expect.objectContaining({
            eventSource: 'changeLeadStatus',
            createTimestamp: '2026-03-01 08:00:00',
          }),
          expect.objectContaining({ eventSource: 'leadOwnerChange', eventName: "Lead's Owner was Changed" }),
        ],
      },
      error: null,
      id: 'call-getLeadTimeline',
    })
    const owners = await api.call('getLeadTimeline', {
      where: { whoID: leadId, eventSource: 'leadOwnerChange' },
    })
    expect(owners.result.leadTimeline).toHaveLength(1)
    expect(
      (await api.call('getLeadTimeline', { where: { whoID: leadId }, offset: 3 })).result.leadTimeline,
    ).toEqual([])
  })

  it('refuses a missing or unknown whoID (220), an eventSource SharpSpring does not name (219), a createTimestamp filter', async () => {
    const api = await rpcApp()
    expect((await api.call('getLeadTimeline', { where: {} })).error).toEqual({
      code: 220,
      message: 'Please supply a valid whoID.',
      data: { whoID: null },
    })
    expect((await api.call('getLeadTimeline', { where: { whoID: 1 } })).error.code).toBe(220)
    expect(
      (await api.call('getLeadTimeline', { where: { whoID: api.demo.leadId, eventSource: 'tweet' } })).error,
    ).toMatchObject({
      code: 219,
      message: 'Incorrect eventSource value supplied.',
    })
    expect(
      (
        await api.call('getLeadTimeline', {
          where: { whoID: api.demo.leadId, createTimestamp: '2026-03-01 00:00:00' },
        })
      ).error.data,
    ).toMatchObject({ notEmulated: ['where.createTimestamp'] })
  })

  it('keeps the newest events of a lead only, and forgets them with the lead', async () => {
    const api = await rpcApp()
    const leadId = api.demo.leadId
    const statuses = ['open', 'qualified']
    for (let i = 0; i <= MAX_EVENTS_PER_LEAD; i++)
      await api.call('updateLeads', { objects: [{ id: leadId, leadStatus: statuses[i % 2] }] })
    expect(
      [...api.state.tables.event.values()].filter((event) => event.leadID === String(leadId)),
    ).toHaveLength(MAX_EVENTS_PER_LEAD)
    await api.call('deleteLeads', { objects: [{ id: leadId }] })
    expect(api.state.tables.event.size).toBe(0)
  })
})
