import { beforeEach, describe, expect, it } from 'vitest'
import { type ApiApp, addUser, setupApi, stateSnapshot } from '../../test/api-app.js'
import { DEFAULT_USER_ID, DEMO_ACTION_ID, DEMO_CONTACT_ID } from './domain/seed.js'

// Notifications through the app (the spec's Notification and its operations,
// https://github.com/OnePageCRM/swagger): what someone else assigns you or names you in.

const SAM = '5aba31e99007ba0f570c12f8'
const SAM_AUTH = `Basic ${Buffer.from(`${SAM}:sam-key`).toString('base64')}`

const snapshot = (api: ApiApp) => stateSnapshot(api.deps.state)

describe('OnePageCRM notifications', () => {
  let api: ApiApp
  const sams = async (query = '') => {
    const answer = await api.call('GET', `/notifications${query}`, undefined, SAM_AUTH)
    expect(answer.status).toBe(200)
    return answer.body.data
  }
  beforeEach(() => {
    api = setupApi()
    addUser(api, {
      id: SAM,
      api_key: 'sam-key',
      first_name: 'Sam',
      last_name: 'Smith',
      email: 'sam@example.com',
    })
  })

  it('tells a user of an action someone else assigned them', async () => {
    const created = await api.call('POST', '/actions', {
      contact_id: DEMO_CONTACT_ID,
      text: 'Call Joe back',
      assignee_id: SAM,
    })
    const data = await sams()
    expect(data).toMatchObject({ total_count: 1, page: 1, per_page: 10, max_page: 1 })
    const [{ notification }] = data.notifications
    expect(notification).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      type: 'assigned_action',
      by: 'Jane D.',
      read: false,
      user_id: SAM,
      contact_id: DEMO_CONTACT_ID,
      created_at: '2026-03-01T12:00:00Z',
      modified_at: '2026-03-01T12:00:00Z',
      mobile_data: {
        title: 'Action assigned to you (by Jane D.)',
        body: 'Call Joe back',
        action_type: 'assigned_action',
      },
    })
    // Reassigning tells the new assignee; assigning yourself tells nobody.
    await api.call('PUT', `/actions/${DEMO_ACTION_ID}?partial=1`, { assignee_id: SAM })
    await api.call('PUT', `/actions/${created.body.data.action.id}/unassign`)
    expect((await sams()).total_count).toBe(2)
    expect((await api.call('GET', '/notifications')).body.data.notifications).toEqual([])
    // A notification is its user's alone.
    expect((await api.call('GET', `/notifications/${notification.id}`)).status).toBe(404)
    const own = await api.call('GET', `/notifications/${notification.id}`, undefined, SAM_AUTH)
    expect(own.body.data.notification).toEqual(notification)
  })

  it('marks one, or all, as read', async () => {
    for (const text of ['One', 'Two', 'Three']) {
      await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, text, assignee_id: SAM })
    }
    const [newest, middle] = (await sams()).notifications.map(
      (entry: { notification: { id: string } }) => entry.notification,
    )
    expect(newest.mobile_data.body).toBe('Three')
    api.clock.advance(60_000)
    const before = snapshot(api)
    expect((await api.call('POST', `/notifications/${newest.id}/mark_as_read`)).status).toBe(404)
    expect(snapshot(api)).toBe(before)
    const read = await api.call('POST', `/notifications/${newest.id}/mark_as_read`, undefined, SAM_AUTH)
    expect(read.status).toBe(201)
    expect(read.body.message).toBe('Created')
    expect(read.body.data.notification).toMatchObject({ read: true, modified_at: '2026-03-01T12:01:00Z' })
    api.clock.advance(60_000)
    const again = await api.call('POST', `/notifications/${newest.id}/mark_as_read`, undefined, SAM_AUTH)
    expect(again.body.data.notification).toEqual(read.body.data.notification)
    const all = await api.call('POST', '/notifications/mark_all_as_read', undefined, SAM_AUTH)
    expect(all.status).toBe(201)
    expect(all.body.data).toEqual({})
    const listed = (await sams()).notifications.map((entry: { notification: unknown }) => entry.notification)
    expect(listed.every((notification: { read: boolean }) => notification.read)).toBe(true)
    expect(listed[1]).toMatchObject({ id: middle.id, modified_at: '2026-03-01T12:02:00Z' })
    expect((await api.call('GET', '/notifications/5aaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
  })

  it('tells the users named in user_ids_to_notify of a note, call or meeting', async () => {
    const note = await api.call('POST', '/notes', {
      contact_id: DEMO_CONTACT_ID,
      text: 'Joe wants a demo',
      user_ids_to_notify: [SAM, DEFAULT_USER_ID, SAM],
    })
    expect(note.status).toBe(201)
    await api.call('POST', `/contacts/${DEMO_CONTACT_ID}/calls`, {
      text: 'Called',
      user_ids_to_notify: [SAM],
    })
    await api.call('POST', '/meetings', { contact_id: DEMO_CONTACT_ID, user_ids_to_notify: [SAM] })
    await api.call('PUT', `/notes/${note.body.data.note.id}?partial=true`, { user_ids_to_notify: [SAM] })
    const types = (await sams()).notifications.map(
      (entry: { notification: { type: string } }) => entry.notification.type,
    )
    expect(types).toEqual(['note', 'meeting', 'call', 'note'])
    const [latest] = (await sams()).notifications
    expect(latest.notification).not.toHaveProperty('mobile_data')
    expect(latest.notification).toMatchObject({ by: 'Jane D.', contact_id: DEMO_CONTACT_ID, read: false })

    const before = snapshot(api)
    const wrong = await api.call('POST', '/notes', {
      contact_id: DEMO_CONTACT_ID,
      text: 'x',
      user_ids_to_notify: ['5aaaaaaaaaaaaaaaaaaaaaaa'],
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual({ user_ids_to_notify: 'user_ids_to_notify is invalid or missing' })
    const notAList = await api.call('POST', '/calls', {
      contact_id: DEMO_CONTACT_ID,
      user_ids_to_notify: SAM,
    })
    expect(notAList.body.errors).toEqual({ user_ids_to_notify: 'user_ids_to_notify is invalid or missing' })
    expect(snapshot(api)).toBe(before)
  })

  it('keeps a user’s 100 newest notifications', async () => {
    for (let index = 0; index < 103; index++) {
      await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, text: `#${index}`, assignee_id: SAM })
    }
    const data = await sams('?per_page=100&page=1')
    expect(data.total_count).toBe(100)
    expect(data.notifications[0].notification.mobile_data.body).toBe('#102')
    expect(data.notifications[99].notification.mobile_data.body).toBe('#3')
    expect(api.deps.state.notifications.size).toBe(100)
  })

  it('forgets what was about a contact once it is deleted', async () => {
    const contact = (await api.call('POST', '/contacts', { last_name: 'Gone' })).body.data.contact
    await api.call('POST', `/contacts/${contact.id}/actions`, { text: 'x', assignee_id: SAM })
    await api.call('POST', '/actions', { contact_id: DEMO_CONTACT_ID, text: 'y', assignee_id: SAM })
    expect((await sams()).total_count).toBe(2)
    await api.call('DELETE', `/contacts/${contact.id}`)
    expect(
      (await sams()).notifications.map(
        (entry: { notification: { contact_id: string } }) => entry.notification.contact_id,
      ),
    ).toEqual([DEMO_CONTACT_ID])
  })
})
