import { describe, expect, it } from 'vitest'
import { applySeed } from '../src/domain/seed.js'
import { rpcApp, T0 } from './rpc-app.js'

async function withList() {
  const api = await rpcApp()
  const made = await api.call('createList', { name: 'API List', description: 'Api test email send list' })
  const listID = made.result.creates[0].id
  const leads = await api.call('createLeads', {
    objects: [
      { emailAddress: 'person.1@gmail.com', firstName: 'Person', lastName: '1' },
      { emailAddress: 'person.2@gmail.com', firstName: 'Person', lastName: '2', companyName: 'Two Inc' },
    ],
  })
  const [one, two] = leads.result.creates.map((item: { id: number }) => item.id)
  return { api, listID, one, two }
}

describe('lists', () => {
  it('creates a list and lists it as SharpSpring’s getActiveLists sample does, counts and zone included', async () => {
    const { api, listID } = await withList()
    expect((await api.call('getActiveLists', { where: { id: listID } }, 'v1')).result.activeList).toEqual([
      {
        id: String(listID),
        name: 'API List',
        memberCount: '0',
        removedCount: '0',
        createTimestamp: '2026-03-01 07:00:00',
        description: 'Api test email send list',
      },
    ])
    expect((await api.call('getActiveLists', {})).error).toMatchObject({
      code: 206,
      data: { missing: ['where'] },
    })
    expect((await api.call('createList', { description: 'no name' })).error).toMatchObject({ code: 206 })
    expect((await api.call('createList', { name: 'X', tags: ['a'] })).error.data).toMatchObject({
      notEmulated: ['tags'],
    })
  })

  it('adds members by id and by email address, one (errors for the call) or many (errors per object)', async () => {
    const { api, listID, one, two } = await withList()
    const before = api.snapshot()
    for (const [method, params] of [
      ['addListMember', { listID, memberID: 1 }],
      ['addListMember', { listID }],
      ['addListMemberEmailAddress', { listID: 1, emailAddress: 'person.1@gmail.com' }],
      ['removeListMember', { listID, memberID: one }],
      ['createList', { name: 42 }],
      ['updateList', { id: listID, name: '' }],
    ] as const)
      expect((await api.call(method, params)).result).toBeNull()
    expect(api.snapshot()).toBe(before)
    const added = await api.call('addListMember', { listID, memberID: one })
    expect(added).toEqual({
      result: { creates: [{ success: true, error: null, id: expect.any(Number) }] },
      error: [],
      id: 'call-addListMember',
    })
    expect(await api.call('addListMember', { listID, memberID: one })).toEqual({
      result: null,
      error: { code: 213, message: 'The lead you tried to add is already a member.', data: [] },
      id: 'call-addListMember',
    })
    expect(
      (await api.call('addListMemberEmailAddress', { listID, emailAddress: 'nobody@example.com' })).error,
    ).toEqual({
      code: 214,
      message: 'The lead you tried to add does not exist for this account.',
      data: [],
    })
    expect(
      (await api.call('addListMemberEmailAddress', { listID: 1, emailAddress: 'PERSON.2@gmail.com' })).error,
    ).toMatchObject({
      code: 205,
      data: { field: 'listID', reason: 'no such list' },
    })
    const bulk = await api.call('addListMembersEmailAddress', {
      objects: [
        { listID, emailAddress: 'PERSON.2@gmail.com' },
        { listID, emailAddress: 'person.1@gmail.com' },
        { listID, memberID: two },
      ],
    })
    expect(
      bulk.result.creates.map(
        (item: { success: boolean; error: { code: number } | null }) => item.error?.code ?? 'ok',
      ),
    ).toEqual(['ok', 213, 205])
    expect(bulk.error).toHaveLength(2)
    const members = await api.call('getListMembers', { where: { id: listID }, limit: 1 })
    expect(members).toEqual({
      hasMore: true,
      result: {
        getWherelistMemberGets: [
          {
            id: String(added.result.creates[0].id),
            listID: String(listID),
            companyName: '',
            leadID: String(one),
            firstName: 'Person',
            lastName: '1',
            emailAddress: 'person.1@gmail.com',
          },
        ],
        hasMore: true,
      },
      error: [],
      id: 'call-getListMembers',
    })
    expect(
      (await api.call('getListMembers', { where: { id: listID }, offset: 1 })).result.getWherelistMemberGets,
    ).toEqual([expect.objectContaining({ leadID: String(two), companyName: 'Two Inc' })])
    expect((await api.call('getListMembers', { where: { id: 5 } })).result.getWherelistMemberGets).toEqual([])
    expect((await api.call('getListMembers', { where: {} })).error).toMatchObject({
      code: 206,
      data: { missing: ['where.id'] },
    })
    expect(
      (await api.call('getActiveLists', { where: { id: listID } })).result.activeList[0].memberCount,
    ).toBe('2')
  })

  it('removes members; removed and unsubscribed ones are listed by getRemovedListMembers’ flag, with its lower-case keys', async () => {
    const { api, listID, one, two } = await withList()
    await api.call('addListMembers', {
      objects: [
        { listID, memberID: one },
        { listID, memberID: two },
      ],
    })
    expect((await api.call('removeListMember', { listID, memberID: one })).result).toEqual({
      deletes: [{ success: true, error: null }],
    })
    expect((await api.call('removeListMember', { listID, memberID: one })).error).toMatchObject({ code: 302 })
    await api.call('updateLeads', { objects: [{ id: two, isUnsubscribed: 1 }] })
    const removed = await api.call('getRemovedListMembers', { where: { id: listID } })
    expect(removed.hasMore).toBe(false)
    expect(removed.result.getWherelistLeadMembers).toEqual([
      {
        listMemberID: expect.any(String),
        listID: String(listID),
        isRemoved: '1',
        isUnsubscribed: '0',
        hardBounced: '0',
        leadID: String(one),
        firstname: 'Person',
        lastname: '1',
        emailaddress: 'person.1@gmail.com',
      },
      expect.objectContaining({ leadID: String(two), isRemoved: '1', isUnsubscribed: '1' }),
    ])
    const flag = async (value: string) =>
      (
        await api.call('getRemovedListMembers', { where: { id: listID, flag: value } })
      ).result.getWherelistLeadMembers.map((row: { leadID: string }) => row.leadID)
    expect(await flag('unsubscribed')).toEqual([String(two)])
    expect(await flag('hardbounced')).toEqual([])
    expect(await flag('bounced')).toEqual([])
    expect(
      (await api.call('getListMembers', { where: { id: listID } })).result.getWherelistMemberGets,
    ).toEqual([])
    expect((await api.call('getActiveLists', { where: { id: listID } })).result.activeList[0]).toMatchObject({
      memberCount: '0',
      removedCount: '2',
    })
    // Back on the list under the same membership.
    const back = await api.call('addListMember', { listID, memberID: one })
    expect(String(back.result.creates[0].id)).toBe(removed.result.getWherelistLeadMembers[0].listMemberID)
    const bulk = await api.call('removeListMembersEmailAddress', {
      objects: [
        { listID, emailAddress: 'person.1@gmail.com' },
        { listID, emailAddress: 'person.1@gmail.com' },
      ],
    })
    expect(bulk.result.deletes.map((item: { success: boolean }) => item.success)).toEqual([true, false])
    expect(
      (await api.call('removeListMemberEmailAddress', { listID, emailAddress: 'x@example.com' })).error.code,
    ).toBe(214)
    expect(
      (await api.call('removeListMembers', { objects: [{ listID, memberID: two }] })).result.deletes[0].error
        .code,
    ).toBe(302)
  })

  it('lists a lead’s memberships, renames and deletes lists (their members with them), and keeps nothing of a refusal', async () => {
    const { api, listID, one } = await withList()
    const other = (await api.call('createList', { name: 'Other' })).result.creates[0].id
    await api.call('addListMember', { listID, memberID: one })
    await api.call('addListMember', { listID: other, memberID: one })
    await api.call('removeListMember', { listID: other, memberID: one })
    expect(
      (await api.call('getContactListMemberships', { where: { contactID: one } })).result.listMember,
    ).toEqual([
      { id: expect.any(String), listID: String(listID), memberID: String(one), isRemoved: '0' },
      { id: expect.any(String), listID: String(other), memberID: String(one), isRemoved: '1' },
    ])
    expect((await api.call('getContactListMemberships', { where: {} })).error.code).toBe(206)
    expect((await api.call('updateList', { id: listID, name: 'Renamed' })).result.updates).toEqual([
      { success: true, error: null },
    ])
    expect((await api.call('updateList', { id: listID, name: 'Renamed' })).error.code).toBe(302)
    expect((await api.call('updateList', { id: 1, name: 'X' })).error.code).toBe(205)
    const before = api.snapshot()
    expect((await api.call('deleteList', { id: listID })).error.data).toMatchObject({ notEmulated: ['id'] })
    expect(
      (await api.call('addListMembers', { objects: [{ listID, memberID: one, note: 'x' }] })).result
        .creates[0].error.data,
    ).toMatchObject({
      notEmulated: ['note'],
    })
    expect(api.snapshot()).toBe(before)
    const deleted = await api.call('deleteList', { objects: [{ id: listID }, { id: listID }] })
    expect(deleted.result.deletes.map((item: { success: boolean }) => item.success)).toEqual([true, false])
    expect(
      (await api.call('getContactListMemberships', { where: { contactID: one } })).result.listMember,
    ).toHaveLength(1)
    await api.call('deleteLeads', { objects: [{ id: one }] })
    expect(
      [...api.state.tables.listMember.values()].filter((member) => member.memberID === String(one)),
    ).toEqual([])
  })

  it('are seeded with their members, by id or email address', async () => {
    const api = await rpcApp()
    const ctx = { state: api.state, now: T0, newId: () => 4242, fileFieldType: 'upload' }
    const seeded = applySeed(ctx, {
      lists: [{ id: 800, name: 'Seeded' }],
      leads: [{ id: 801, emailAddress: 'member@example.com' }],
      listMembers: [
        { listID: 800, emailAddress: 'member@example.com' },
        { id: 802, listID: 800, memberID: api.demo.leadId },
      ],
    })
    expect(seeded).toEqual({ ok: true, created: { lists: [800], leads: [801], listMembers: [4242, 802] } })
    expect(applySeed(ctx, { lists: [{ name: 'X', owner: 1 }] })).toEqual({
      ok: false,
      error: 'lists[0]: unknown keys owner; expected name, description',
    })
  })
})
