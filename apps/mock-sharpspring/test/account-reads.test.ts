import { describe, expect, it } from 'vitest'
import { applySeed } from '../src/domain/seed.js'
import { rpcApp, T0 } from './rpc-app.js'

describe('the account’s read-only records', () => {
  it('gives the account’s users by where, the demo records owned by its user', async () => {
    const api = await rpcApp()
    const users = await api.call('getUserProfiles', {
      where: { emailAddress: 'owner@example.com' },
      limit: 5,
      offset: 0,
    })
    expect(users).toEqual({
      result: {
        userProfile: [
          {
            id: expect.any(String),
            firstName: 'Demo',
            lastName: 'Owner',
            displayName: 'Demo Owner',
            emailAddress: 'owner@example.com',
            isActive: '1',
            isReseller: '0',
            userTimezone: null,
            phone: null,
          },
        ],
      },
      error: null,
      id: 'call-getUserProfiles',
    })
    const owner = users.result.userProfile[0].id
    expect(
      (await api.call('getOpportunity', { id: api.demo.opportunityId })).result.opportunity[0].ownerID,
    ).toBe(owner)
    expect((await api.call('getUserProfiles', { where: { phone: '1' } })).error.data).toMatchObject({
      notEmulated: ['where.phone'],
    })
  })

  it('pages the getAll… reads with hasMore: clients (none but seeded), unsubscribe categories, list tags, email jobs', async () => {
    const api = await rpcApp()
    expect(await api.call('getClients', [])).toEqual({
      hasMore: false,
      result: { getAllcompanyProfileManagedBys: [], hasMore: false },
      error: [],
      id: 'call-getClients',
    })
    expect((await api.call('getClients', { where: {} })).error.data).toMatchObject({ notEmulated: ['where'] })
    const ctx = { state: api.state, now: T0, newId: () => 31337, fileFieldType: 'upload' }
    expect(
      applySeed(ctx, { clients: [{ companyName: 'Client Co', city: 'Gainesville', zipCode: 32601 }] }),
    ).toEqual({
      ok: true,
      created: { clients: [31337] },
    })
    expect((await api.call('getClients', {})).result.getAllcompanyProfileManagedBys).toEqual([
      {
        id: '31337',
        companyName: 'Client Co',
        streetAddress: null,
        zipCode: '32601',
        country: null,
        state: null,
        city: 'Gainesville',
      },
    ])
    const categories = await api.call('getUnsubscribeCategories', {})
    expect(categories.result.getAllunsubscribeCategorys).toEqual([
      { id: expect.any(String), name: 'Newsletters', description: 'News about our products' },
    ])
    expect((await api.call('getListTags', [])).result.getAllgetListTagss).toEqual([
      { id: expect.any(String), label: 'Newsletters', objectType: 'list' },
    ])
    const lists = (await api.call('getActiveLists', { where: {} })).result.activeList
    const jobs = await api.call('getEmailJobs', { limit: 1 })
    expect(jobs).toMatchObject({ hasMore: false, error: [] })
    expect(jobs.result.getAllgetEmailJobss).toEqual([
      {
        id: expect.any(String),
        isList: '1',
        isActive: '1',
        recipientID: lists[0].id,
        sendCount: '1',
        createTimestamp: '2026-03-01 12:00:00',
      },
    ])
    expect((await api.call('getEmailJobs', { where: {} })).error.code).toBe(205)
  })

  it('lists emails with or without a where, their creation in the call’s zone', async () => {
    const api = await rpcApp()
    const all = await api.call('getEmailListing', { limit: 5, offset: 0 }, 'v1')
    expect(all).toEqual({
      hasMore: false,
      result: {
        getAllemailListings: [
          {
            id: expect.any(String),
            createTimestamp: '2026-03-01 07:00:00',
            title: 'Welcome',
            subject: 'Welcome to Acme',
            thumbnail: null,
          },
        ],
        hasMore: false,
      },
      error: [],
      id: 'call-getEmailListing',
    })
    const id = all.result.getAllemailListings[0].id
    expect((await api.call('getEmailListing', { where: { id } })).result.getAllemailListings).toHaveLength(1)
    expect((await api.call('getEmailListing', { where: { id: 1 } })).result.getAllemailListings).toEqual([])
    expect((await api.call('getEmailListing', { limit: 0 })).hasMore).toBe(true)
  })

  it('seeds rows of their columns only, date-times in UTC', async () => {
    const api = await rpcApp()
    const ctx = { state: api.state, now: T0, newId: () => 5, fileFieldType: 'upload' }
    expect(applySeed(ctx, { listTags: [{ label: 'X', colour: 'red' }] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^listTags\[0\]: 205 .*colour/),
    })
    expect(
      applySeed(ctx, { emailListings: [{ title: 'X', createTimestamp: '2026-02-30 00:00:00' }] }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^emailListings\[0\]: 205/),
    })
    expect(applySeed(ctx, { userProfiles: [{ firstName: 'No email' }] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^userProfiles\[0\]: 206/),
    })
  })
})
