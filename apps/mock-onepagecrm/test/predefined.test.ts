import { beforeEach, describe, expect, it } from 'vitest'
import { type ApiApp, setupApi } from './api-app.js'

describe('predefined actions and their groups', () => {
  let api: ApiApp
  let ids: string[]
  beforeEach(async () => {
    api = setupApi()
    ids = []
    for (const [text, days] of [
      ['#1 Email [firstname]', 0],
      ['#2 Call', 4],
      ['#3 Follow up', 10],
    ] as const) {
      const created = await api.call('POST', '/predefined_actions', { text, days })
      expect(created.status).toBe(201)
      ids.push(created.body.data.predefined_action.id)
    }
  })

  it('are created, listed, read, updated and deleted', async () => {
    const listed = await api.call('GET', '/predefined_actions')
    expect(listed.body.data.predefined_actions[1]).toEqual({
      predefined_action: { id: ids[1], text: '#2 Call', days: 4 },
    })
    const updated = await api.call('PUT', `/predefined_actions/${ids[1]}?partial=true`, { days: 7 })
    expect(updated.body.data.predefined_action).toEqual({ id: ids[1], text: '#2 Call', days: 7 })
    const missing = await api.call('PUT', `/predefined_actions/${ids[1]}`, { days: 7 })
    expect(missing.body.errors).toEqual({ text: 'text is invalid or missing' })
    const refused = await api.call('POST', '/predefined_actions', { text: 't'.repeat(141), days: -1 })
    expect(refused.body.errors).toEqual({
      text: 'text is too long (maximum is 140 characters)',
      days: 'days is invalid or missing',
    })
    expect((await api.call('POST', '/predefined_actions', { text: 'No days' })).body.errors).toEqual({
      days: 'days is invalid or missing',
    })
    expect((await api.call('DELETE', `/predefined_actions/${ids[2]}`)).status).toBe(200)
    expect((await api.call('GET', `/predefined_actions/${ids[2]}`)).status).toBe(404)
    expect(api.deps.state.predefined_actions.size).toBe(2)
  })

  it('group two or more ungrouped actions; the members are resolved live', async () => {
    const created = await api.call('POST', '/predefined_action_groups', {
      text: `Follow-up ${'x'.repeat(200)}`,
      action_ids: [ids[0], ids[1]],
    })
    expect(created.status).toBe(201)
    const group = created.body.data.predefined_action_group
    expect(group).toEqual({
      id: group.id,
      text: `Follow-up ${'x'.repeat(117)}`,
      position: 0,
      action_ids: [ids[0], ids[1]],
    })
    expect(
      (await api.call('GET', `/predefined_actions/${ids[0]}`)).body.data.predefined_action.action_group_id,
    ).toBe(group.id)
    // A grouped action cannot join another group; a group needs two.
    const taken = await api.call('POST', '/predefined_action_groups', {
      text: 'Other',
      action_ids: [ids[1], ids[2]],
    })
    expect(taken.body.errors).toEqual({ action_ids: `action_ids: ${ids[1]} is in another group` })
    const one = await api.call('POST', '/predefined_action_groups', { text: 'One', action_ids: [ids[2]] })
    expect(one.body.errors).toEqual({ action_ids: 'action_ids is invalid or missing' })
    const unknown = await api.call('POST', '/predefined_action_groups', {
      text: 'Ghost',
      action_ids: [ids[2], '5aa0aaaaaaaaaaaaaaaaaaaa'],
    })
    expect(unknown.body.errors).toEqual({ action_ids: 'action_ids: there is no 5aa0aaaaaaaaaaaaaaaaaaaa' })
    expect(api.deps.state.predefined_action_groups.size).toBe(1)

    // An update replaces the membership; the dropped action is ungrouped.
    const replaced = await api.call('PUT', `/predefined_action_groups/${group.id}?partial=true`, {
      action_ids: [ids[1], ids[2]],
    })
    expect(replaced.body.data.predefined_action_group.action_ids).toEqual([ids[1], ids[2]])
    expect(
      (await api.call('GET', `/predefined_actions/${ids[0]}`)).body.data.predefined_action,
    ).not.toHaveProperty('action_group_id')
    // Deleting a member leaves one: the group is dissolved.
    await api.call('DELETE', `/predefined_actions/${ids[2]}`)
    expect((await api.call('GET', `/predefined_action_groups/${group.id}`)).status).toBe(404)
    expect((await api.call('GET', '/predefined_action_groups')).body.data.predefined_action_groups).toEqual(
      [],
    )
  })

  it('keep their actions when deleted', async () => {
    const group = (
      await api.call('POST', '/predefined_action_groups', { text: 'G', action_ids: [ids[0], ids[1]] })
    ).body.data.predefined_action_group
    expect((await api.call('DELETE', `/predefined_action_groups/${group.id}`)).status).toBe(200)
    expect(api.deps.state.predefined_actions.size).toBe(3)
  })
})

describe('predefined items and their groups', () => {
  let api: ApiApp
  beforeEach(() => {
    api = setupApi()
  })

  const item = async (name: string, cost: number, price: number) =>
    (await api.call('POST', '/predefined_items', { name, description: `${name} (2019 model)`, cost, price }))
      .body.data.predefined_item.id as string

  it('are created with unique names, paged, updated (a full update resets what it leaves out) and deleted', async () => {
    const panels = await item('Solar panels', 95, 149.99)
    expect((await api.call('GET', `/predefined_items/${panels}`)).body.data.predefined_item).toEqual({
      id: panels,
      name: 'Solar panels',
      description: 'Solar panels (2019 model)',
      cost: 95,
      price: 149.99,
      position: 1,
      item_group_id: '',
    })
    const taken = await api.call('POST', '/predefined_items', { name: 'solar PANELS' })
    expect(taken.status).toBe(400)
    expect(taken.body.errors).toEqual({ name: 'name has already been taken' })
    for (let i = 0; i < 11; i++) await item(`Item ${i}`, 1, 2)
    const page = await api.call('GET', '/predefined_items?page=2')
    expect(page.body.data).toMatchObject({ total_count: 12, page: 2, per_page: 10, max_page: 2 })
    expect(page.body.data.predefined_items).toHaveLength(2)

    const partial = await api.call('PUT', `/predefined_items/${panels}?partial=true`, { price: 150 })
    expect(partial.body.data.predefined_item).toMatchObject({
      cost: 95,
      price: 150,
      description: 'Solar panels (2019 model)',
    })
    const full = await api.call('PUT', `/predefined_items/${panels}`, { name: 'Panels' })
    expect(full.body.data.predefined_item).toMatchObject({
      name: 'Panels',
      description: '',
      cost: 0,
      price: 0,
      position: 1,
    })
    expect((await api.call('DELETE', `/predefined_items/${panels}`)).status).toBe(200)
    expect(api.deps.state.predefined_items.size).toBe(11)
  })

  it('group items, summing their cost and price; a group answers under predefined_item when created', async () => {
    const panels = await item('Solar panels', 95, 149.99)
    const battery = await item('Battery', 300.1, 499.5)
    const created = await api.call('POST', '/predefined_item_groups', {
      name: 'Electronics',
      deal_items: [panels, battery],
    })
    expect(created.status).toBe(201)
    const group = created.body.data.predefined_item
    expect(group).toEqual({
      id: group.id,
      name: 'Electronics',
      position: 1,
      count: 2,
      item_ids: [panels, battery],
      cost: 395.1,
      price: 649.49,
    })
    expect(
      (await api.call('GET', `/predefined_items/${panels}`)).body.data.predefined_item.item_group_id,
    ).toBe(group.id)
    const again = await api.call('POST', '/predefined_item_groups', { name: 'More', deal_items: [panels] })
    expect(again.body.errors).toEqual({ deal_items: `deal_items: ${panels} is in another group` })
    const empty = await api.call('POST', '/predefined_item_groups', { name: 'Empty', deal_items: [] })
    expect(empty.body.errors).toEqual({ deal_items: 'deal_items is invalid or missing' })

    await api.call('DELETE', `/predefined_items/${battery}`)
    const listed = await api.call('GET', '/predefined_item_groups')
    expect(listed.body.data.predefined_item_groups[0].predefined_item_group).toMatchObject({
      count: 1,
      cost: 95,
    })
    expect((await api.call('DELETE', `/predefined_item_groups/${group.id}`)).status).toBe(200)
    expect(
      (await api.call('GET', `/predefined_items/${panels}`)).body.data.predefined_item.item_group_id,
    ).toBe('')
    expect((await api.call('GET', `/predefined_item_groups/${group.id}`)).status).toBe(404)
  })
})
